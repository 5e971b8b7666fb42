package dev.turnstile.wire;

import dev.turnstile.wire.sse.SseParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A streamed response body decoder: the SSE parser and a provider accumulator glued together, so an
 * adapter only hands over byte chunks as they arrive and takes deltas and the final result back.
 *
 * <pre>{@code
 * StreamDecoder decoder = new StreamDecoder(new OpenAiStreamAccumulator());
 * for (byte[] chunk : body) { observers.publish(decoder.feed(chunk, 0, chunk.length)); }
 * ReplyResult result = decoder.end();
 * }</pre>
 *
 * <p>One instance per response; not thread-safe.
 */
public final class StreamDecoder {
    private final SseParser parser = new SseParser();
    private final StreamAccumulator accumulator;

    /** Creates a decoder for one response, fed into {@code accumulator}. */
    public StreamDecoder(StreamAccumulator accumulator) {
        this.accumulator = Objects.requireNonNull(accumulator, "accumulator");
    }

    /** Feeds the next bytes of the body and returns the deltas they completed, in order. */
    public List<StreamDelta> feed(byte[] chunk, int offset, int length) {
        ArrayList<StreamDelta> deltas = new ArrayList<>();
        parser.feed(chunk, offset, length, event -> deltas.addAll(accumulator.accept(event)));
        return deltas;
    }

    /** Marks the end of the body (an unfinished last event is discarded) and returns the result. */
    public ReplyResult end() {
        parser.end();
        return accumulator.finish();
    }

    /** Decodes a complete body in one call. */
    public static ReplyResult decodeAll(byte[] body, StreamAccumulator accumulator) {
        StreamDecoder decoder = new StreamDecoder(accumulator);
        decoder.feed(body, 0, body.length);
        return decoder.end();
    }
}
