package dev.turnstile.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.turnstile.machine.Delivery;
import dev.turnstile.machine.Input;
import dev.turnstile.machine.MachineConfig;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Documents from other versions and other writers: a newer schema is refused with a clear message,
 * fields a reader does not know are ignored, fields may come in any order, and {@code null} reads as
 * an absent option.
 */
class CodecCompatibilityTest {

    static final int VALUES_PER_FAMILY = 100;
    /** Objects whose keys are data (map keys), not field names: no unknown field can be added to them. */
    static final Set<String> MAP_FIELDS =
            Set.of("usage_by_model", "tool_calls_requested", "max_calls_per_tool", "prices", "limits");
    /** Embedded JSON values, whose key order and content are the value itself. */
    static final Set<String> RAW_JSON_FIELDS = Set.of("input_schema");

    private static final long SEED = TestSeeds.seed("CodecCompatibilityTest");

    @Test
    void a_newer_schema_is_refused_before_anything_else_is_read() {
        String header = header();
        String newer = header.replace("{\"schema\":1,", "{\"schema\":3,");
        String expected = "journal schema version 3 is newer than this Turnstile supports (1); upgrade Turnstile to read it";
        CodecException e = assertThrows(CodecException.class, () -> MachineCodec.decodeHeader(newer));
        assertEquals(expected, e.getMessage());
        assertEquals("$.schema", e.path());
        // Even when the schema comes last and the rest no longer fits this version's format.
        CodecException last = assertThrows(CodecException.class,
                () -> MachineCodec.decodeHeader("{\"config\":42,\"machine_version\":[],\"schema\":3}"));
        assertEquals(expected, last.getMessage());
    }

    @Test
    void a_schema_version_must_be_a_positive_integer() {
        CodecErrorTest.assertError("$.schema: schema versions start at 1, got 0",
                header().replace("{\"schema\":1,", "{\"schema\":0,"), MachineCodec::decodeHeader);
        CodecErrorTest.assertError("$.schema: expected an integer, got a string",
                header().replace("{\"schema\":1,", "{\"schema\":\"1\","), MachineCodec::decodeHeader);
        CodecErrorTest.assertError("$.schema: missing required field",
                header().replace("{\"schema\":1,", "{"), MachineCodec::decodeHeader);
    }

    @Test
    void null_reads_as_an_absent_option() {
        Input none = new Input.UserMessageReceived(CodecGoldenTest.T0, "hi", Delivery.NEXT_BOUNDARY, Option.none());
        assertEquals(none, MachineCodec.decodeInput(MachineCodec.encodeInput(none)
                .replace("}", ",\"idempotency_key\":null}")));
        MachineConfig config = CodecGoldenTest.config();
        assertEquals(config, MachineCodec.decodeConfig(MachineCodec.encodeConfig(config)
                .replace("\"temperature\":0.2", "\"temperature\":0.2,\"max_output_tokens\":null")));
    }

    @TestFactory
    Stream<DynamicTest> unknown_fields_are_ignored_and_order_does_not_matter() {
        return Family.all().toJavaStream().map(f -> dynamicTest(f.name(), () -> toleratesOtherWriters(f)));
    }

    private static <T> void toleratesOtherWriters(Family<T> family) {
        ArbitraryValues values = new ArbitraryValues(SEED ^ family.name().hashCode());
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < VALUES_PER_FAMILY; i++) {
            T value = family.generate().apply(values);
            JsonNode tree = CodecJson.TREES.readTree(family.encode(value));
            // Both sides go through a tree, which reads -0.0 as 0.0 (BigDecimal has no signed zero).
            T expected = family.decode(CodecJson.TREES.writeValueAsString(tree));
            String rewritten = CodecJson.TREES.writeValueAsString(rewrite(tree, null, random));
            T actual;
            try {
                actual = family.decode(rewritten);
            } catch (CodecException e) {
                throw new AssertionError(family.name() + " #" + i + " (seed " + SEED + "): " + e.getMessage()
                        + "\n" + rewritten, e);
            }
            assertEquals(expected, actual, () -> family.name() + " (seed " + SEED + "): " + rewritten);
        }
    }

    /** The tree with unknown fields added to every record object and every object's fields shuffled. */
    private static JsonNode rewrite(JsonNode node, String field, SplittableRandom random) {
        if (field != null && RAW_JSON_FIELDS.contains(field)) {
            return node;
        }
        if (node.isArray()) {
            List<JsonNode> elements = new ArrayList<>();
            node.values().forEach(e -> elements.add(rewrite(e, null, random)));
            return JsonNodeFactory.instance.arrayNode().addAll(elements);
        }
        if (!node.isObject()) {
            return node;
        }
        boolean isMap = field != null && MAP_FIELDS.contains(field);
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            entries.add(Map.entry(e.getKey(), rewrite(e.getValue(), isMap ? null : e.getKey(), random)));
        }
        if (!isMap) {
            for (int n = random.nextInt(3); n > 0; n--) {
                entries.add(Map.entry("unknown_" + random.nextInt(1000), unknownValue(random)));
            }
        }
        for (int i = entries.size() - 1; i > 0; i--) {
            Collections.swap(entries, i, random.nextInt(i + 1));
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        entries.forEach(e -> out.set(e.getKey(), e.getValue()));
        return out;
    }

    /** A value a newer writer might add, shaped like the codec's own values so a confused reader would show it. */
    private static JsonNode unknownValue(SplittableRandom random) {
        return CodecJson.TREES.readTree(switch (random.nextInt(6)) {
            case 0 -> "null";
            case 1 -> "{\"type\":\"time_advanced\",\"at\":5,\"nested\":{\"type\":[]}}";
            case 2 -> "[1,[2,[3]],{\"a\":{}}]";
            case 3 -> "\"2026-01-01T00:00:00Z\"";
            case 4 -> "-12345678901234567890123";
            default -> "{\"type\":\"unknown_future_thing\"}";
        });
    }

    private static String header() {
        return MachineCodec.encodeHeader(JournalHeader.of("s1", 42, CodecGoldenTest.T0, CodecGoldenTest.ACME,
                CodecGoldenTest.config(), "0.1.0"));
    }
}
