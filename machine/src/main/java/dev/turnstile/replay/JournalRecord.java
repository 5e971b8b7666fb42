package dev.turnstile.replay;

import dev.turnstile.machine.Input;
import io.vavr.collection.Vector;
import java.util.Objects;

/**
 * One journal record: an input exactly as it was stepped, and the signatures of the effects that
 * step returned ({@link EffectSignatures}).
 */
public record JournalRecord(Input input, Vector<String> effects) {
    /** Validates fields. */
    public JournalRecord {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(effects, "effects");
    }
}
