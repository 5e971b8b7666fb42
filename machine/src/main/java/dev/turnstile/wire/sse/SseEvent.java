package dev.turnstile.wire.sse;

import java.util.Objects;

/**
 * One dispatched server-sent event.
 *
 * @param type the {@code event:} field, or {@code "message"} when the event named none (WHATWG default)
 * @param data the {@code data:} lines joined with LF, without the final LF; never empty for a
 *     dispatched event unless the stream sent an explicit empty {@code data:} line
 * @param lastEventId the last {@code id:} seen so far in the stream (it persists across events, as in
 *     the WHATWG model), empty when none
 */
public record SseEvent(String type, String data, String lastEventId) {
    /** The event type used when the stream gives none. */
    public static final String DEFAULT_TYPE = "message";

    /** Validates fields. */
    public SseEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(lastEventId, "lastEventId");
    }

    /** An event of the default type with no id, for tests and for feeding accumulators by hand. */
    public static SseEvent message(String data) {
        return new SseEvent(DEFAULT_TYPE, data, "");
    }
}
