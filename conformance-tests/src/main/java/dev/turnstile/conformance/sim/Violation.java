package dev.turnstile.conformance.sim;

import java.util.Objects;

/**
 * A broken rule: which one, what was seen, and at which step (0-based index into the inputs).
 *
 * @param key identifies the rule for shrinking: the invariant's name, or a custom property's name
 */
public record Violation(Invariant invariant, String key, String detail, int stepIndex) {

    /** Validates fields. */
    public Violation {
        Objects.requireNonNull(invariant, "invariant");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(detail, "detail");
    }

    /** A violation of a built-in invariant. */
    public static Violation of(Invariant invariant, String detail, int stepIndex) {
        return new Violation(invariant, invariant.name(), detail, stepIndex);
    }

    /** Whether {@code other} breaks the same rule (the shrinker's notion of "still fails"). */
    public boolean sameRule(Violation other) {
        return other != null && key.equals(other.key);
    }

    @Override
    public String toString() {
        return key + " at step " + stepIndex + ": " + detail;
    }
}
