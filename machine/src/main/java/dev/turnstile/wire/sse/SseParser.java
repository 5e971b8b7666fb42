package dev.turnstile.wire.sse;

import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Incremental parser of a {@code text/event-stream} body, following the WHATWG HTML "event stream
 * interpretation" rules, fed arbitrary byte chunks as they arrive from the network.
 *
 * <p>Rules implemented (each has a test in {@code SseParserTest}):
 * <ul>
 *   <li>Lines end with CR, LF or CRLF. A CR that ends one chunk followed by an LF that starts the
 *       next is one line end, not two (a blank line there would dispatch an event too early).
 *   <li>A UTF-8 byte order mark at the very start of the stream is skipped, also when split across chunks.
 *   <li>Bytes are decoded as UTF-8 per complete line (never per chunk), so a multi-byte character split
 *       across chunks decodes correctly. CR and LF bytes never occur inside a multi-byte sequence, so
 *       line boundaries are always character boundaries.
 *   <li>Lines starting with {@code :} are comments and ignored (servers use them as keep-alives).
 *   <li>A line is split into field name and value at its first colon; one leading space of the value
 *       is removed. A line without a colon is a field with an empty value.
 *   <li>{@code data} values are appended to the data buffer, each followed by LF; {@code event} sets
 *       the event type; {@code id} sets the last event id unless the value contains NUL;
 *       {@code retry} sets the reconnection time if the value is ASCII digits only. Any other field
 *       name is ignored (this is why a body starting with {@code " data: …"} loses its first event:
 *       its field name is {@code " data"}).
 *   <li>A blank line dispatches the event: with an empty data buffer nothing is dispatched; otherwise
 *       the final LF is removed and the type defaults to {@code message}.
 *   <li>At end of stream ({@link #end()}) an incomplete event or line is discarded, never dispatched.
 * </ul>
 *
 * <p>Hot path: the scan over a chunk allocates nothing. A line that ends inside the chunk is parsed in
 * place; only a line split across chunks is copied into a reusable buffer. Data lines are copied
 * into a reusable byte buffer and decoded once per event, so each dispatched event costs its
 * {@link SseEvent}, its data string and, for a new event type name, that name (recent names are reused).
 *
 * <p>Not thread-safe: one parser per stream, fed from one thread (or event loop) at a time.
 */
public final class SseParser {
    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte COLON = ':';
    private static final byte SPACE = ' ';
    private static final byte NUL = 0;
    private static final byte[] BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final byte[] FIELD_DATA = ascii("data");
    private static final byte[] FIELD_EVENT = ascii("event");
    private static final byte[] FIELD_ID = ascii("id");
    private static final byte[] FIELD_RETRY = ascii("retry");
    /** How many distinct event type names are remembered to avoid decoding them again. */
    private static final int EVENT_TYPE_CACHE_SIZE = 16;

    private byte[] partialLine = new byte[256];
    private int partialLineLength;
    private byte[] dataBuffer = new byte[1024];
    private int dataLength;
    private String eventType = "";
    private String lastEventId = "";
    private Option<Long> reconnectionTimeMillis = Option.none();
    private boolean previousChunkEndedWithCr;
    private int byteOrderMarkBytesMatched;
    private boolean byteOrderMarkResolved;
    private boolean ended;
    private final ArrayList<String> recentEventTypes = new ArrayList<>(EVENT_TYPE_CACHE_SIZE);

    /** Creates a parser positioned at the start of a stream. */
    public SseParser() {}

    /**
     * Feeds the next bytes of the stream and hands every event they complete to {@code sink}, in order.
     *
     * @param chunk the buffer holding the bytes; not retained after the call returns
     * @param offset where the new bytes start in {@code chunk}
     * @param length how many new bytes there are (zero is allowed)
     * @param sink receives each dispatched event
     * @throws IllegalStateException if called after {@link #end()}
     */
    public void feed(byte[] chunk, int offset, int length, Consumer<? super SseEvent> sink) {
        Objects.requireNonNull(chunk, "chunk");
        Objects.requireNonNull(sink, "sink");
        Objects.checkFromIndexSize(offset, length, chunk.length);
        if (ended) {
            throw new IllegalStateException("SseParser.feed after end(): use a new parser for a new stream");
        }
        int end = offset + length;
        int position = byteOrderMarkResolved ? offset : skipByteOrderMark(chunk, offset, end);
        if (previousChunkEndedWithCr && position < end) {
            previousChunkEndedWithCr = false;
            if (chunk[position] == LF) {
                position++; // the LF of a CRLF pair split across chunks: the line already ended
            }
        }
        int lineStart = position;
        for (int i = position; i < end; i++) {
            byte b = chunk[i];
            if (b != LF && b != CR) {
                continue;
            }
            completeLine(chunk, lineStart, i, sink);
            if (b == CR) {
                if (i + 1 == end) {
                    previousChunkEndedWithCr = true;
                } else if (chunk[i + 1] == LF) {
                    i++;
                }
            }
            lineStart = i + 1;
        }
        appendToPartialLine(chunk, lineStart, end);
    }

    /**
     * Feeds the next bytes and returns the events they complete, in order.
     *
     * @return a new mutable list owned by the caller, empty when no event was completed
     * @see #feed(byte[], int, int, Consumer)
     */
    public List<SseEvent> feed(byte[] chunk, int offset, int length) {
        ArrayList<SseEvent> events = new ArrayList<>();
        feed(chunk, offset, length, events::add);
        return events;
    }

    /** Feeds a whole array; see {@link #feed(byte[], int, int, Consumer)}. */
    public List<SseEvent> feed(byte[] chunk) {
        return feed(chunk, 0, chunk.length);
    }

    /**
     * Marks the end of the stream. Per the WHATWG rules an event not yet ended by a blank line (and a
     * last line without a line end) is discarded, never dispatched. Further {@code feed} calls fail.
     *
     * @return whether anything was discarded: an unfinished line or data of an undispatched event.
     *     A well-formed stream returns {@code false}; {@code true} hints at a truncated body.
     */
    public boolean end() {
        if (ended) {
            return false;
        }
        ended = true;
        boolean discarded = partialLineLength > 0 || dataLength > 0 || byteOrderMarkBytesMatched > 0 && !byteOrderMarkResolved;
        partialLineLength = 0;
        dataLength = 0;
        eventType = "";
        return discarded;
    }

    /** The last event id set by an {@code id:} field, empty when none. */
    public String lastEventId() {
        return lastEventId;
    }

    /** The reconnection time the server asked for with a {@code retry:} field, if any. */
    public Option<Long> reconnectionTimeMillis() {
        return reconnectionTimeMillis;
    }

    private int skipByteOrderMark(byte[] chunk, int position, int end) {
        while (position < end && byteOrderMarkBytesMatched < BYTE_ORDER_MARK.length) {
            if (chunk[position] != BYTE_ORDER_MARK[byteOrderMarkBytesMatched]) {
                byteOrderMarkResolved = true;
                // The bytes that looked like the start of a BOM were content after all.
                appendToPartialLine(BYTE_ORDER_MARK, 0, byteOrderMarkBytesMatched);
                return position;
            }
            byteOrderMarkBytesMatched++;
            position++;
        }
        if (byteOrderMarkBytesMatched == BYTE_ORDER_MARK.length) {
            byteOrderMarkResolved = true;
        }
        return position;
    }

    private void completeLine(byte[] chunk, int start, int end, Consumer<? super SseEvent> sink) {
        if (partialLineLength == 0) {
            processLine(chunk, start, end, sink);
            return;
        }
        appendToPartialLine(chunk, start, end);
        int length = partialLineLength;
        partialLineLength = 0;
        processLine(partialLine, 0, length, sink);
    }

    private void processLine(byte[] line, int start, int end, Consumer<? super SseEvent> sink) {
        if (start == end) {
            dispatch(sink);
            return;
        }
        if (line[start] == COLON) {
            return;
        }
        int colon = indexOf(line, start, end, COLON);
        int nameEnd = colon < 0 ? end : colon;
        int valueStart = colon < 0 ? end : colon + 1;
        if (valueStart < end && line[valueStart] == SPACE) {
            valueStart++;
        }
        if (fieldIs(line, start, nameEnd, FIELD_DATA)) {
            appendData(line, valueStart, end);
        } else if (fieldIs(line, start, nameEnd, FIELD_EVENT)) {
            eventType = eventTypeName(line, valueStart, end);
        } else if (fieldIs(line, start, nameEnd, FIELD_ID)) {
            if (indexOf(line, valueStart, end, NUL) < 0) {
                lastEventId = new String(line, valueStart, end - valueStart, StandardCharsets.UTF_8);
            }
        } else if (fieldIs(line, start, nameEnd, FIELD_RETRY)) {
            parseRetry(line, valueStart, end);
        }
    }

    private void dispatch(Consumer<? super SseEvent> sink) {
        if (dataLength == 0) {
            eventType = "";
            return;
        }
        // Every data line was stored with a trailing LF; the last one is not part of the data.
        String data = new String(dataBuffer, 0, dataLength - 1, StandardCharsets.UTF_8);
        String type = eventType.isEmpty() ? SseEvent.DEFAULT_TYPE : eventType;
        dataLength = 0;
        eventType = "";
        sink.accept(new SseEvent(type, data, lastEventId));
    }

    private void appendData(byte[] line, int start, int end) {
        int length = end - start;
        ensureDataCapacity(dataLength + length + 1);
        System.arraycopy(line, start, dataBuffer, dataLength, length);
        dataLength += length;
        dataBuffer[dataLength++] = LF;
    }

    private void parseRetry(byte[] line, int start, int end) {
        if (start == end) {
            return;
        }
        long value = 0;
        for (int i = start; i < end; i++) {
            byte b = line[i];
            if (b < '0' || b > '9' || value > (Long.MAX_VALUE - 9) / 10) {
                return;
            }
            value = value * 10 + (b - '0');
        }
        reconnectionTimeMillis = Option.some(value);
    }

    private String eventTypeName(byte[] line, int start, int end) {
        for (int i = 0; i < recentEventTypes.size(); i++) {
            String known = recentEventTypes.get(i);
            if (isSameAscii(known, line, start, end)) {
                return known;
            }
        }
        String name = new String(line, start, end - start, StandardCharsets.UTF_8);
        if (recentEventTypes.size() < EVENT_TYPE_CACHE_SIZE) {
            recentEventTypes.add(name);
        }
        return name;
    }

    private void appendToPartialLine(byte[] source, int start, int end) {
        int length = end - start;
        if (length == 0) {
            return;
        }
        if (partialLineLength + length > partialLine.length) {
            partialLine = Arrays.copyOf(partialLine, Math.max(partialLine.length * 2, partialLineLength + length));
        }
        System.arraycopy(source, start, partialLine, partialLineLength, length);
        partialLineLength += length;
    }

    private void ensureDataCapacity(int capacity) {
        if (capacity > dataBuffer.length) {
            dataBuffer = Arrays.copyOf(dataBuffer, Math.max(dataBuffer.length * 2, capacity));
        }
    }

    private static int indexOf(byte[] bytes, int start, int end, byte wanted) {
        for (int i = start; i < end; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static boolean fieldIs(byte[] line, int start, int end, byte[] name) {
        return Arrays.equals(line, start, end, name, 0, name.length);
    }

    /** Whether the bytes are exactly the ASCII characters of {@code text} (non-ASCII bytes never match). */
    private static boolean isSameAscii(String text, byte[] bytes, int start, int end) {
        if (text.length() != end - start) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            byte b = bytes[start + i];
            if (b < 0 || text.charAt(i) != b) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
