package dev.turnstile.cli.journal;

import dev.turnstile.machine.Effect;
import dev.turnstile.machine.Input;
import dev.turnstile.machine.SessionState;
import io.vavr.collection.Vector;
import java.util.Objects;

/**
 * One journal record as {@code inspect} shows it.
 *
 * @param sequence the record's sequence number
 * @param input the journaled input
 * @param recorded the effect signatures the journal holds for its step
 * @param effects the effects this build's machine returns for it
 * @param diverged whether those differ from the recorded ones
 * @param after the state after the step
 */
public record TimelineRow(long sequence, Input input, Vector<String> recorded, Vector<Effect> effects,
        boolean diverged, SessionState after) {

    /** Validates fields. */
    public TimelineRow {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(recorded, "recorded");
        Objects.requireNonNull(effects, "effects");
        Objects.requireNonNull(after, "after");
    }
}
