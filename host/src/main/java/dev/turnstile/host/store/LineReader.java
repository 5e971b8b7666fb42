package dev.turnstile.host.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * Splits a file into {@code '\n'}-terminated lines without holding the whole file in memory.
 * Reads by position so it neither moves nor closes the caller's channel, and stops at a byte
 * limit so that a reader never sees a line a concurrent writer has only half written.
 */
final class LineReader {

    private static final int CHUNK_BYTES = 64 * 1024;

    /**
     * One line.
     *
     * @param bytes the line without its newline
     * @param terminated whether a newline ended it (false only for the last line of the file)
     * @param endOffset the file offset just after the line and its newline
     */
    record Line(byte[] bytes, boolean terminated, long endOffset) {}

    private final FileChannel channel;
    private final long limit;
    private byte[] buffer = new byte[CHUNK_BYTES];
    private long bufferFileOffset;
    private int start;
    private int end;
    private int scanned;

    LineReader(FileChannel channel, long limit) {
        this.channel = channel;
        this.limit = limit;
    }

    /** The next line, or null at the end (or limit) of the file. */
    Line next() throws IOException {
        while (true) {
            for (int i = scanned; i < end; i++) {
                if (buffer[i] == '\n') {
                    Line line =
                            new Line(Arrays.copyOfRange(buffer, start, i), true, bufferFileOffset + i + 1);
                    start = i + 1;
                    scanned = start;
                    return line;
                }
            }
            scanned = end;
            if (!fill()) {
                if (start == end) {
                    return null;
                }
                Line last = new Line(Arrays.copyOfRange(buffer, start, end), false, bufferFileOffset + end);
                start = end;
                return last;
            }
        }
    }

    /** Whether any byte follows the lines returned so far. */
    boolean hasMore() throws IOException {
        return start < end || fill();
    }

    /** Reads more bytes after the unconsumed ones; false at the end (or limit) of the file. */
    private boolean fill() throws IOException {
        long fileOffset = bufferFileOffset + end;
        if (fileOffset >= limit) {
            return false;
        }
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            bufferFileOffset += start;
            end -= start;
            scanned -= start;
            start = 0;
        }
        if (end == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        int wanted = (int) Math.min(buffer.length - end, limit - fileOffset);
        int read = channel.read(ByteBuffer.wrap(buffer, end, wanted), fileOffset);
        if (read <= 0) {
            return false;
        }
        end += read;
        return true;
    }
}
