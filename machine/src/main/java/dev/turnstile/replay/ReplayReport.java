package dev.turnstile.replay;

import dev.turnstile.machine.Effect;
import dev.turnstile.machine.Input;
import dev.turnstile.machine.SessionState;
import io.vavr.collection.Vector;
import java.util.Objects;

/** What replaying a journal found. */
public sealed interface ReplayReport {

    /** Every step reproduced its recorded effects; {@code state} is the state after the last record. */
    record Verified(SessionState state, long records) implements ReplayReport {
        /** Validates fields. */
        public Verified {
            Objects.requireNonNull(state, "state");
        }
    }

    /**
     * The step of record {@code sequence} returned other effects than recorded (the machine's code or
     * config changed since the journal was written).
     *
     * @param stateBefore the state the diverging step started from
     * @param actualEffects the effects the current machine returned
     */
    record Diverged(long sequence, Input input, SessionState stateBefore, Vector<String> expected,
            Vector<String> actual, Vector<Effect> actualEffects) implements ReplayReport {
        /** Validates fields. */
        public Diverged {
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(stateBefore, "stateBefore");
            Objects.requireNonNull(expected, "expected");
            Objects.requireNonNull(actual, "actual");
            Objects.requireNonNull(actualEffects, "actualEffects");
        }

        /** A readable, line-by-line diff of the recorded and the actual effect signatures. */
        public String diff() {
            StringBuilder out = new StringBuilder();
            out.append("first divergence at record ").append(sequence).append(" (input ")
                    .append(input.getClass().getSimpleName()).append(" at ").append(input.at()).append(")\n");
            int n = Math.max(expected.size(), actual.size());
            for (int i = 0; i < n; i++) {
                String e = i < expected.size() ? expected.get(i) : "(none)";
                String a = i < actual.size() ? actual.get(i) : "(none)";
                if (e.equals(a)) {
                    out.append("    ").append(e).append('\n');
                } else {
                    out.append("  - ").append(e).append("   (recorded)\n");
                    out.append("  + ").append(a).append("   (now)\n");
                    if (i < actualEffects.size()) {
                        out.append("      now: ").append(actualEffects.get(i)).append('\n');
                    }
                }
            }
            return out.toString();
        }
    }
}
