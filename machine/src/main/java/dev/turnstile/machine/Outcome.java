package dev.turnstile.machine;

import java.util.Objects;

/** How a turn ended. Once set for a turn it never changes. */
public sealed interface Outcome {

    /** The model answered without asking for more tools. */
    record Completed(String text) implements Outcome {
        /** Validates fields. */
        public Completed {
            Objects.requireNonNull(text, "text");
        }
    }

    /** The turn stopped early. */
    record Stopped(StopReason reason) implements Outcome {
        /** Validates fields. */
        public Stopped {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
