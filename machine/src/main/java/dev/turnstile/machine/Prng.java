package dev.turnstile.machine;

/**
 * SplitMix64 as a value: the machine's only source of randomness (retry jitter). Seeded once at
 * {@link TurnMachine#start}, stored in the state, so replay draws the same numbers.
 */
public record Prng(long state) {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    /** The generator after one draw. */
    public Prng next() {
        return new Prng(state + GOLDEN_GAMMA);
    }

    /** The value of the next draw (the generator's state is not changed: use {@link #next()}). */
    public long peek() {
        long z = state + GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A draw uniform in {@code [0, bound)}; {@code bound} must be positive. */
    public long peekBelow(long bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        return Long.remainderUnsigned(peek(), bound);
    }
}
