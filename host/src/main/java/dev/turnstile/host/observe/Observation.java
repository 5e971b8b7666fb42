package dev.turnstile.host.observe;

import dev.turnstile.machine.EffectId;
import dev.turnstile.machine.Event;
import dev.turnstile.machine.SessionState;
import dev.turnstile.wire.StreamDelta;
import java.util.Objects;

/** Something an observer of a session sees, with the cursor to resume after it. */
public sealed interface Observation {

    /** Resume after this to get what follows. */
    long cursor();

    /** A machine event. */
    record EventObserved(long cursor, Event event) implements Observation {
        /** Validates fields. */
        public EventObserved {
            Objects.requireNonNull(event, "event");
        }
    }

    /**
     * A live delta of model call {@code effectId}; not journaled. If a {@code RetryScheduled} event for
     * the same call follows, discard what was shown for it: the attempt's output is not committed.
     */
    record DeltaObserved(long cursor, EffectId effectId, StreamDelta delta) implements Observation {
        /** Validates fields. */
        public DeltaObserved {
            Objects.requireNonNull(effectId, "effectId");
            Objects.requireNonNull(delta, "delta");
        }
    }

    /**
     * The observer's cursor is older than the retained buffer: observations {@code (after, cursor]}
     * are not delivered. {@code snapshot} is the session's state, at least as new as {@code cursor}
     * (it may already reflect an event published just after); continue after {@code cursor}.
     */
    record Gap(long after, long cursor, SessionState snapshot) implements Observation {
        /** Validates fields. */
        public Gap {
            Objects.requireNonNull(snapshot, "snapshot");
        }
    }
}
