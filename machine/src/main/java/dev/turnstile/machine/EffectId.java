package dev.turnstile.machine;

/**
 * Identifies one effect the machine issued and the input that answers it. Ids are a per-session
 * counter, so they are unique, increasing and identical on replay.
 */
public record EffectId(long value) implements Comparable<EffectId> {
    /** Validates that the id is positive. */
    public EffectId {
        if (value <= 0) {
            throw new IllegalArgumentException("effect ids start at 1, got " + value);
        }
    }

    @Override
    public int compareTo(EffectId other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return "e" + value;
    }
}
