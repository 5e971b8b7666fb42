package dev.turnstile.codec;

/** The seed of the codec's property tests: fixed, so builds are reproducible, and printed, so any run can be repeated. */
final class TestSeeds {

    /** The default seed; {@code -Dturnstile.seed=N} overrides it. */
    static final long DEFAULT_SEED = 0x7E57_C0DEC_2026L;

    private TestSeeds() {}

    /** The seed for {@code test}, printed with how to rerun with it. */
    static long seed(String test) {
        long seed = Long.getLong("turnstile.seed", DEFAULT_SEED);
        System.out.println(test + ": seed " + seed + " (rerun with -Dturnstile.seed=" + seed + ")");
        return seed;
    }
}
