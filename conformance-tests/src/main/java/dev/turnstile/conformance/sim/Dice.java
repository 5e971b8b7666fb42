package dev.turnstile.conformance.sim;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The simulator's only source of randomness: one {@link SplittableRandom} seeded from the session
 * seed, with the few draws the world needs. (The machine never sees it: its own randomness lives in
 * its state.)
 */
final class Dice {

    private final SplittableRandom random;

    Dice(long seed) {
        this(new SplittableRandom(seed));
    }

    private Dice(SplittableRandom random) {
        this.random = random;
    }

    /** An independent stream, so that what one part of the world draws never shifts another's draws. */
    Dice split() {
        return new Dice(random.split());
    }

    boolean chance(double probability) {
        return probability > 0 && random.nextDouble() < probability;
    }

    /** Uniform in {@code [low, high]}. */
    int between(int low, int high) {
        return high <= low ? low : random.nextInt(low, high + 1);
    }

    /** Uniform in {@code [low, high]}. */
    long between(long low, long high) {
        return high <= low ? low : random.nextLong(low, high + 1);
    }

    /** Uniform in {@code [0, 1)}. */
    double unit() {
        return random.nextDouble();
    }

    long nextLong() {
        return random.nextLong();
    }

    <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    /** A latency that is usually short and sometimes long: the square of a uniform draw, scaled. */
    long latencyMillis(long maxMillis) {
        double u = random.nextDouble();
        return 1 + (long) (u * u * maxMillis);
    }
}
