package dev.turnstile.wire;

import dev.turnstile.wire.sse.SseEvent;
import java.util.List;

/**
 * Turns the events of one streamed model response into live {@link StreamDelta}s and, at the end, one
 * {@link ReplyResult}. One instance per response; not thread-safe. Implementations are pure: the result
 * depends only on the events fed, never on how the bytes were chunked.
 */
public interface StreamAccumulator {

    /**
     * Feeds one SSE event of the response.
     *
     * @return the deltas this event produced, in order (often none); after a failure or the end marker
     *     every further event is ignored and produces none
     */
    List<StreamDelta> accept(SseEvent event);

    /**
     * Feeds one event payload (the SSE {@code data} text) without framing, as if it came in an event of
     * the default type. Useful for payload-per-line recordings.
     */
    default List<StreamDelta> acceptData(String data) {
        return accept(SseEvent.message(data));
    }

    /**
     * The result once the body has ended: the reply if the provider's end marker was seen and no error
     * came, otherwise a failure carrying the partial text. May be called more than once.
     */
    ReplyResult finish();
}
