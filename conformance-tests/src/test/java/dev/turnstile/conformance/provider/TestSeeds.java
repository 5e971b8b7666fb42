package dev.turnstile.conformance.provider;

import java.util.SplittableRandom;

/** Seeds for randomized tests: fresh each run, printed, and fixed with {@code -Dturnstile.seed=<n>}. */
final class TestSeeds {

    private TestSeeds() {}

    static long seedFor(String testName) {
        String fixed = System.getProperty("turnstile.seed");
        long seed = fixed != null ? Long.parseLong(fixed) : new SplittableRandom().nextLong();
        System.out.println(testName + " seed: " + seed + " (rerun with -Dturnstile.seed=" + seed + ")");
        return seed;
    }
}
