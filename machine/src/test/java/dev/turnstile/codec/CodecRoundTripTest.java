package dev.turnstile.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.turnstile.machine.Effect;
import dev.turnstile.machine.Event;
import dev.turnstile.machine.Input;
import dev.turnstile.machine.Outcome;
import dev.turnstile.machine.Phase;
import dev.turnstile.machine.StopReason;
import dev.turnstile.machine.ToolSlot;
import dev.turnstile.model.Message;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every value decodes to itself, and encodes to the same text every time: {@code decode(encode(x))
 * equals x} and {@code encode(decode(encode(x)))} is {@code encode(x)}, for a thousand arbitrary
 * values of every family and a hundred of every sealed subtype.
 */
class CodecRoundTripTest {

    static final int VALUES_PER_FAMILY = 1_000;
    static final int VALUES_PER_SUBTYPE = 100;

    private static final long SEED = TestSeeds.seed("CodecRoundTripTest");

    @TestFactory
    Stream<DynamicTest> every_family_round_trips() {
        return Family.all().toJavaStream().map(f -> dynamicTest(f.name(), () -> roundTrips(f, VALUES_PER_FAMILY)));
    }

    @TestFactory
    Stream<DynamicTest> every_input_subtype_round_trips() {
        return subtypes(Input.class, ArbitraryValues.INPUT_KINDS, v -> v::inputOfKind, InputJson::write, InputJson::read);
    }

    @TestFactory
    Stream<DynamicTest> every_effect_subtype_round_trips() {
        return subtypes(Effect.class, ArbitraryValues.EFFECT_KINDS, v -> v::effectOfKind, EffectJson::write,
                EffectJson::read);
    }

    @TestFactory
    Stream<DynamicTest> every_event_subtype_round_trips() {
        return subtypes(Event.class, ArbitraryValues.EVENT_KINDS, v -> v::eventOfKind, EventJson::write,
                EventJson::read);
    }

    @Test
    void the_generator_makes_every_subtype_of_every_sealed_hierarchy() {
        ArbitraryValues values = new ArbitraryValues(SEED);
        assertCovers(Input.class, values::input);
        assertCovers(Effect.class, values::effect);
        assertCovers(Event.class, values::event);
        assertCovers(Phase.class, values::phase);
        assertCovers(ToolSlot.State.class, values::slotState);
        assertCovers(Outcome.class, values::outcome);
        assertCovers(StopReason.class, values::stopReason);
        assertCovers(Message.class, values::message);
    }

    private static <T> Stream<DynamicTest> subtypes(Class<T> sealed, int kinds,
            Function<ArbitraryValues, IntFunction<T>> generator, JsonOut.Writer<T> writer, JsonIn.Reader<T> reader) {
        return IntStream.range(0, kinds).mapToObj(kind -> {
            ArbitraryValues probe = new ArbitraryValues(SEED);
            String name = generator.apply(probe).apply(kind).getClass().getSimpleName();
            Family<T> family = new Family<>(sealed.getSimpleName() + "." + name,
                    v -> generator.apply(v).apply(kind), writer, reader);
            return dynamicTest(name, () -> roundTrips(family, VALUES_PER_SUBTYPE));
        });
    }

    static <T> void roundTrips(Family<T> family, int count) {
        ArbitraryValues values = new ArbitraryValues(SEED ^ family.name().hashCode());
        for (int i = 0; i < count; i++) {
            T value = family.generate().apply(values);
            String json = family.encode(value);
            String where = family.name() + " #" + i + " (seed " + SEED + ")";
            T back;
            try {
                back = family.decode(json);
            } catch (CodecException e) {
                throw new AssertionError(where + " did not decode: " + e.getMessage() + "\n" + abbreviate(json), e);
            }
            if (!value.equals(back)) {
                fail(where + " decoded to a different value\n  json: " + abbreviate(json) + "\n  was: "
                        + abbreviate(value.toString()) + "\n  now: " + abbreviate(back.toString()));
            }
            assertEquals(json, family.encode(back), () -> where + ": re-encoding changed the text");
            assertEquals(json, family.encode(value), () -> where + ": encoding twice gave different text");
            assertTrue(Utf16.isWellFormed(json), () -> where + ": the encoding holds an unpaired surrogate");
            String viaUtf8 = new String(json.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
            assertEquals(json, viaUtf8, () -> where + ": the encoding does not survive UTF-8");
        }
    }

    private static <T> void assertCovers(Class<T> sealed, Supplier<? extends T> generator) {
        Set<String> expected = new TreeSet<>();
        for (Class<?> c : sealed.getPermittedSubclasses()) {
            expected.add(c.getName());
        }
        Set<String> seen = new TreeSet<>();
        for (int i = 0; i < 2_000 && seen.size() < expected.size(); i++) {
            seen.add(generator.get().getClass().getName());
        }
        assertEquals(expected, seen, sealed.getSimpleName() + ": the generator misses subtypes");
    }

    private static String abbreviate(String s) {
        return s.length() <= 2_000 ? s : s.substring(0, 2_000) + "... (" + s.length() + " chars)";
    }
}
