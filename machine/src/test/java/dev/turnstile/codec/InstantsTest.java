package dev.turnstile.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fast instant parser agrees with {@link Instant#parse} on every string, valid or not. */
class InstantsTest {

    private static final long SEED = TestSeeds.seed("InstantsTest");

    @Test
    void parses_every_instant_as_instant_parse_does() {
        ArbitraryScalars s = new ArbitraryScalars(new SplittableRandom(SEED));
        for (int i = 0; i < 20_000; i++) {
            String text = s.instant().toString();
            assertEquals(Instant.parse(text), Instants.parse(text), text);
        }
    }

    @Test
    void agrees_with_instant_parse_on_near_misses() {
        SplittableRandom random = new SplittableRandom(SEED);
        String[] fixed = {"2026-02-29T00:00:00Z", "2024-02-29T23:59:59.999999999Z", "2026-04-31T00:00:00Z",
            "2026-01-01T24:00:00Z", "2026-01-01T23:59:60Z", "2026-01-01T00:00:00.Z", "2026-01-01T00:00:00.1234567890Z",
            "2026-01-01T00:00:00.5Z", "2026-01-01T00:00:00+01:00", "2026-01-01t00:00:00Z", "+2026-01-01T00:00:00Z",
            "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "2026-1-01T00:00:00Z", "２０２６-01-01T00:00:00Z",
            "2026-00-01T00:00:00Z", "2026-13-01T00:00:00Z", "2026-01-00T00:00:00Z", "", "Z"};
        for (String text : fixed) {
            assertAgree(text);
        }
        String digitsAndSigns = "0123456789012345678901234567890123456789-:.TZ+";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder("2026-01-01T00:00:00.000000000Z".substring(0, 20 + random.nextInt(11)));
            if (b.charAt(b.length() - 1) != 'Z') {
                b.append('Z');
            }
            for (int k = random.nextInt(3); k >= 0; k--) {
                b.setCharAt(random.nextInt(b.length()), digitsAndSigns.charAt(random.nextInt(digitsAndSigns.length())));
            }
            assertAgree(b.toString());
        }
    }

    private static void assertAgree(String text) {
        Object expected;
        try {
            expected = Instant.parse(text);
        } catch (DateTimeException e) {
            expected = "refused";
        }
        Object actual;
        try {
            actual = Instants.parse(text);
        } catch (DateTimeException e) {
            actual = "refused";
        }
        assertEquals(expected, actual, text);
    }
}
