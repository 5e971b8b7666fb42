package dev.turnstile.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The observable outcome of decoding one streamed body: every live delta in order, and the final result.
 * Built by feeding the same bytes in different chunkings, to prove the chunking does not matter.
 */
public record StreamRun(List<StreamDelta> deltas, ReplyResult result) {

    /** The body in one chunk. */
    public static StreamRun whole(byte[] body, StreamAccumulator accumulator) {
        StreamDecoder decoder = new StreamDecoder(accumulator);
        List<StreamDelta> deltas = new ArrayList<>(decoder.feed(body, 0, body.length));
        return new StreamRun(deltas, decoder.end());
    }

    /** One byte per chunk: every CR/LF pair and every UTF-8 sequence gets split. */
    public static StreamRun byteByByte(byte[] body, StreamAccumulator accumulator) {
        StreamDecoder decoder = new StreamDecoder(accumulator);
        List<StreamDelta> deltas = new ArrayList<>();
        for (int i = 0; i < body.length; i++) {
            deltas.addAll(decoder.feed(body, i, 1));
        }
        return new StreamRun(deltas, decoder.end());
    }

    /**
     * Random chunk sizes (mostly tiny, sometimes large, sometimes empty), each chunk copied into a larger
     * buffer at a random offset so offset handling is exercised too.
     */
    public static StreamRun randomSplits(byte[] body, long seed, StreamAccumulator accumulator) {
        SplittableRandom random = new SplittableRandom(seed);
        StreamDecoder decoder = new StreamDecoder(accumulator);
        List<StreamDelta> deltas = new ArrayList<>();
        int position = 0;
        while (position < body.length) {
            int size = Math.min(body.length - position, random.nextInt(random.nextBoolean() ? 4 : 300));
            int offset = random.nextInt(8);
            byte[] buffer = new byte[offset + size + random.nextInt(8)];
            System.arraycopy(body, position, buffer, offset, size);
            deltas.addAll(decoder.feed(buffer, offset, size));
            position += size;
        }
        return new StreamRun(deltas, decoder.end());
    }

    /** Payloads fed straight to the accumulator, without SSE framing. */
    public static StreamRun payloads(List<String> payloads, StreamAccumulator accumulator) {
        List<StreamDelta> deltas = new ArrayList<>();
        for (String payload : payloads) {
            deltas.addAll(accumulator.acceptData(payload));
        }
        return new StreamRun(deltas, accumulator.finish());
    }

    /** The reply; fails the test with the failure's message when the result is not a completed reply. */
    public dev.turnstile.model.ModelReply reply() {
        return switch (result) {
            case ReplyResult.Completed completed -> completed.reply();
            case ReplyResult.Failed failed -> throw new AssertionError("expected a reply, got " + failed);
        };
    }

    /** The failure; fails the test when the result is a completed reply. */
    public ReplyResult.Failed failed() {
        return switch (result) {
            case ReplyResult.Completed completed -> throw new AssertionError("expected a failure, got " + completed);
            case ReplyResult.Failed failed -> failed;
        };
    }

    /** The concatenated text of the text deltas. */
    public String streamedText() {
        StringBuilder text = new StringBuilder();
        deltas.forEach(d -> {
            if (d instanceof StreamDelta.TextDelta t) {
                text.append(t.text());
            }
        });
        return text.toString();
    }

    /** The concatenated text of the reasoning deltas. */
    public String streamedReasoning() {
        StringBuilder text = new StringBuilder();
        deltas.forEach(d -> {
            if (d instanceof StreamDelta.ReasoningDelta r) {
                text.append(r.text());
            }
        });
        return text.toString();
    }

    /** How many deltas of the given type were produced. */
    public long count(Class<? extends StreamDelta> type) {
        return deltas.stream().filter(type::isInstance).count();
    }
}
