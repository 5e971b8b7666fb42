package dev.turnstile.conformance.provider;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Ways to cut a response body into the chunks the server writes one by one. Every method returns
 * non-empty chunks whose concatenation is exactly the body.
 */
public final class Chunking {

    private Chunking() {}

    /**
     * Cuts after every blank line (an SSE event boundary), recognising LF, CRLF and CR line ends,
     * so each chunk holds one whole event as a real provider would flush it. Bytes after the last
     * blank line form a last chunk of their own.
     */
    public static List<byte[]> atSseEventBoundaries(byte[] body) {
        List<byte[]> chunks = new ArrayList<>();
        int chunkStart = 0;
        int lineStart = 0;
        int i = 0;
        while (i < body.length) {
            byte b = body[i];
            if (b != '\n' && b != '\r') {
                i++;
                continue;
            }
            boolean blankLine = i == lineStart;
            i = (b == '\r' && i + 1 < body.length && body[i + 1] == '\n') ? i + 2 : i + 1;
            lineStart = i;
            if (blankLine) {
                chunks.add(Arrays.copyOfRange(body, chunkStart, i));
                chunkStart = i;
            }
        }
        if (chunkStart < body.length) {
            chunks.add(Arrays.copyOfRange(body, chunkStart, body.length));
        }
        return chunks;
    }

    /**
     * Cuts at pseudo-random places: each chunk is 1 to {@code maxChunkBytes} bytes long. The same
     * seed gives the same cuts. Cuts may fall inside a line, a JSON string or a UTF-8 sequence,
     * which is the point: a client must not depend on where the network splits its reads.
     */
    public static List<byte[]> randomly(byte[] body, long seed, int maxChunkBytes) {
        if (maxChunkBytes < 1) {
            throw new IllegalArgumentException("maxChunkBytes must be at least 1, got " + maxChunkBytes);
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<byte[]> chunks = new ArrayList<>();
        int start = 0;
        while (start < body.length) {
            int end = Math.min(body.length, start + 1 + random.nextInt(maxChunkBytes));
            chunks.add(Arrays.copyOfRange(body, start, end));
            start = end;
        }
        return chunks;
    }

    /** Cuts into chunks of {@code chunkBytes} bytes; the last one may be shorter. */
    public static List<byte[]> bySize(byte[] body, int chunkBytes) {
        if (chunkBytes < 1) {
            throw new IllegalArgumentException("chunkBytes must be at least 1, got " + chunkBytes);
        }
        List<byte[]> chunks = new ArrayList<>();
        for (int start = 0; start < body.length; start += chunkBytes) {
            chunks.add(Arrays.copyOfRange(body, start, Math.min(body.length, start + chunkBytes)));
        }
        return chunks;
    }
}
