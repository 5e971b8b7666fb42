package dev.turnstile.conformance.sim;

import java.util.function.Supplier;

/** Thrown inside the checker when a rule breaks; turned into a {@link Violation} at the checker's edge. */
final class Broken extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final transient Invariant invariant;

    private Broken(Invariant invariant, String detail) {
        super(detail, null, false, false);
        this.invariant = invariant;
    }

    /** Breaks {@code invariant} unless {@code condition} holds; the detail is only built on failure. */
    static void require(boolean condition, Invariant invariant, Supplier<String> detail) {
        if (!condition) {
            throw new Broken(invariant, detail.get());
        }
    }

    static Broken of(Invariant invariant, String detail) {
        return new Broken(invariant, detail);
    }
}
