package dev.turnstile.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vavr.collection.Vector;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Decoding never throws anything but {@link CodecException}, whatever the input: truncations, byte
 * flips, spliced fragments and plain noise derived from valid encodings of every family. A mutated
 * document that still decodes must then round-trip like any other value.
 */
class CodecFuzzTest {

    static final int CORPUS_PER_FAMILY = 20;
    static final int MUTATIONS = 40_000;

    private static final long SEED = TestSeeds.seed("CodecFuzzTest");
    private static final String STRUCTURE = "{}[]\":,\\ 0-1eE.tfn";
    private static final String[] FRAGMENTS = {
        "null", "true", "\"\"", "{}", "[]", "-0", "1e999999", "99999999999999999999999999", "\"type\"", "\"at\"",
        "\"\\ud800\"", "\"\\u00\"", "\"2026-13-45T99:99:99Z\"", "0.0000000001", "[[[[[[[[", "}}}}", "\"\\",
    };

    record Target(String name, Vector<String> corpus, Function<String, ?> decode) {}

    @Test
    void decoding_throws_only_codec_exceptions() {
        SplittableRandom random = new SplittableRandom(SEED);
        Vector<Target> targets = targets();
        int decoded = 0;
        for (int i = 0; i < MUTATIONS; i++) {
            Target target = targets.get(random.nextInt(targets.size()));
            String text = mutate(target.corpus().get(random.nextInt(target.corpus().size())), random);
            if (decodesOrRefuses(target, text, i)) {
                decoded++;
            }
        }
        System.out.println("CodecFuzzTest: " + MUTATIONS + " mutated documents, " + decoded + " still decoded");
    }

    @Test
    void pathological_documents_are_refused_cleanly() {
        Target input = new Target("input", Vector.empty(), MachineCodec::decodeInput);
        decodesOrRefuses(input, "[".repeat(100_000), 0);
        decodesOrRefuses(input, "{\"a\":".repeat(50_000), 0);
        decodesOrRefuses(input, "{\"type\":\"recovered\",\"x\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}", 0);
        decodesOrRefuses(input, "{\"type\":\"tool_succeeded\",\"effect_id\":" + "9".repeat(5_000) + "}", 0);
        decodesOrRefuses(input, "\uFEFF{\"type\":\"recovered\",\"at\":\"2026-01-01T00:00:00Z\"}", 0);
        decodesOrRefuses(input, "{\"type\":\"recovered\",\"at\":\"2026-01-01T00:00:00Z\"}\u0000", 0);
    }

    private static Vector<Target> targets() {
        ArbitraryValues values = new ArbitraryValues(SEED);
        Vector<Target> targets = Vector.empty();
        for (Family<?> family : Family.all()) {
            targets = targets.append(target(family, values));
        }
        return targets;
    }

    private static <T> Target target(Family<T> family, ArbitraryValues values) {
        Vector<String> corpus = Vector.fill(CORPUS_PER_FAMILY, () -> family.encode(family.generate().apply(values)))
                .filter(s -> s.length() < 20_000);
        return new Target(family.name(), corpus.isEmpty() ? Vector.of("{}") : corpus, family::decode);
    }

    /** Whether {@code text} decoded; fails the test on anything but success or a {@link CodecException}. */
    @SuppressWarnings("unchecked")
    private static boolean decodesOrRefuses(Target target, String text, int iteration) {
        Object value;
        try {
            value = target.decode().apply(text);
        } catch (CodecException expected) {
            return false;
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError(target.name() + " mutation #" + iteration + " (seed " + SEED + ") threw " + e
                    + "\n" + abbreviate(text), e);
        }
        // Whatever decoded is a value like any other: its encoding is canonical. (Not necessarily equal
        // to it: a mutation may put an unpaired surrogate in a map key, which the encoding replaces.)
        Family<Object> family = (Family<Object>) Family.all().find(f -> f.name().equals(target.name())).getOrNull();
        if (family != null) {
            String json = family.encode(value);
            Object again = family.decode(json);
            assertEquals(json, family.encode(again), () -> "decoded mutation does not re-encode stably: " + abbreviate(text));
            if (json.indexOf('\uFFFD') < 0) {
                assertEquals(value, again, () -> "decoded mutation does not round-trip: " + abbreviate(text));
            }
        }
        return true;
    }

    private static String mutate(String doc, SplittableRandom random) {
        int n = doc.length();
        int at = random.nextInt(n + 1);
        int to = Math.min(n, at + random.nextInt(1 + Math.min(n - at, 40)));
        return switch (random.nextInt(10)) {
            case 0 -> doc.substring(0, at);
            case 1 -> doc.substring(0, at) + doc.substring(to);
            case 2 -> doc.substring(0, at) + STRUCTURE.charAt(random.nextInt(STRUCTURE.length())) + doc.substring(at);
            case 3 -> doc.substring(0, at) + FRAGMENTS[random.nextInt(FRAGMENTS.length)] + doc.substring(to);
            case 4 -> doc.substring(0, at) + doc.substring(at, to) + doc.substring(at);
            case 5 -> flipBytes(doc, random);
            case 6 -> noise(random);
            case 7 -> at < n ? doc.substring(0, at) + (char) random.nextInt(0x10000) + doc.substring(at + 1) : doc;
            case 8 -> mutate(mutate(doc, random), random);
            default -> doc.substring(at) + doc.substring(0, at);
        };
    }

    private static String flipBytes(String doc, SplittableRandom random) {
        byte[] bytes = doc.getBytes(StandardCharsets.UTF_8);
        for (int k = 1 + random.nextInt(4); k > 0 && bytes.length > 0; k--) {
            bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return new String(bytes, random.nextBoolean() ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    }

    private static String noise(SplittableRandom random) {
        byte[] bytes = new byte[random.nextInt(200)];
        random.nextBytes(bytes);
        return new String(bytes, random.nextBoolean() ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    }

    private static String abbreviate(String s) {
        return s.length() <= 3_000 ? s : s.substring(0, 3_000) + "... (" + s.length() + " chars)";
    }
}
