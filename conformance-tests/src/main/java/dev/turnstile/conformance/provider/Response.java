package dev.turnstile.conformance.provider;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the fake provider server sends back for one request: a status, headers, a body cut into
 * chunks, how the body is framed, and how it is delivered (completely or with a fault).
 *
 * <p>Immutable: every {@code with…}, {@code rechunked…} and fault method returns a new response,
 * so one response can be used by several rules. Build common ones with {@link Responses},
 * {@link OpenAiReply}, {@link AnthropicReply}, {@link OpenAiErrors}, {@link AnthropicErrors} and
 * {@link Fixtures}.
 *
 * <p>The server writes the framing headers itself ({@code content-length} or
 * {@code transfer-encoding}), so they cannot be set here.
 */
public final class Response {

    private final int status;
    private final List<Header> headers;
    private final List<byte[]> chunks;
    private final BodyFraming framing;
    private final Delivery delivery;
    private final Duration delayBeforeEachChunk;

    private Response(int status, List<Header> headers, List<byte[]> chunks, BodyFraming framing,
                     Delivery delivery, Duration delayBeforeEachChunk) {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("status must be between 200 and 599, got " + status);
        }
        for (Header header : headers) {
            if (header.hasName("content-length") || header.hasName("transfer-encoding")) {
                throw new IllegalArgumentException("the server writes '" + header.name()
                        + "' itself; choose the framing with withFraming(...) instead");
            }
        }
        List<byte[]> copies = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            byte[] chunk = chunks.get(i);
            if (chunk.length == 0) {
                throw new IllegalArgumentException("chunk " + i + " is empty; an empty chunk would end a chunked body");
            }
            copies.add(chunk.clone());
        }
        int faultAt = delivery.chunksBeforeFault(copies.size());
        if (faultAt > copies.size()) {
            throw new IllegalArgumentException(delivery + " needs at least " + faultAt
                    + " chunks but the body has " + copies.size());
        }
        if (delayBeforeEachChunk.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative: " + delayBeforeEachChunk);
        }
        this.status = status;
        this.headers = List.copyOf(headers);
        this.chunks = List.copyOf(copies);
        this.framing = Objects.requireNonNull(framing, "framing");
        this.delivery = Objects.requireNonNull(delivery, "delivery");
        this.delayBeforeEachChunk = delayBeforeEachChunk;
    }

    /** A response delivered completely, without delays. */
    public static Response of(int status, List<Header> headers, List<byte[]> chunks, BodyFraming framing) {
        return new Response(status, headers, chunks, framing, Delivery.complete(), Duration.ZERO);
    }

    /** The HTTP status code. */
    public int status() {
        return status;
    }

    /** The headers, in the order they are written. */
    public List<Header> headers() {
        return headers;
    }

    /** The first value of the named header (case-insensitive), if present. */
    public Optional<String> header(String name) {
        return headers.stream().filter(h -> h.hasName(name)).map(Header::value).findFirst();
    }

    /** How many body chunks there are. */
    public int chunkCount() {
        return chunks.size();
    }

    /** A copy of body chunk {@code index}. */
    public byte[] chunk(int index) {
        return chunks.get(index).clone();
    }

    /** Copies of all body chunks, in order. */
    public List<byte[]> chunks() {
        return chunks.stream().map(byte[]::clone).toList();
    }

    /** The whole body: all chunks joined, whatever the delivery. */
    public byte[] bodyBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        chunks.forEach(out::writeBytes);
        return out.toByteArray();
    }

    /** The whole body decoded as UTF-8. */
    public String bodyText() {
        return new String(bodyBytes(), StandardCharsets.UTF_8);
    }

    /** How the body is framed on the wire. */
    public BodyFraming framing() {
        return framing;
    }

    /** How the response is delivered: completely or with a fault. */
    public Delivery delivery() {
        return delivery;
    }

    /** The pause before each body chunk; zero by default. */
    public Duration delayBeforeEachChunk() {
        return delayBeforeEachChunk;
    }

    /** This response with another status. */
    public Response withStatus(int newStatus) {
        return new Response(newStatus, headers, chunks, framing, delivery, delayBeforeEachChunk);
    }

    /** This response with the header set to {@code value}, replacing any header of that name. */
    public Response withHeader(String name, String value) {
        List<Header> newHeaders = new ArrayList<>(withoutHeader(name).headers);
        newHeaders.add(new Header(name, value));
        return new Response(status, newHeaders, chunks, framing, delivery, delayBeforeEachChunk);
    }

    /** This response without any header of that name. */
    public Response withoutHeader(String name) {
        List<Header> newHeaders = headers.stream().filter(h -> !h.hasName(name)).toList();
        return new Response(status, newHeaders, chunks, framing, delivery, delayBeforeEachChunk);
    }

    /** This response with another body, given as chunks. */
    public Response withChunks(List<byte[]> newChunks) {
        return new Response(status, headers, newChunks, framing, delivery, delayBeforeEachChunk);
    }

    /** This response with another body framing. */
    public Response withFraming(BodyFraming newFraming) {
        return new Response(status, headers, chunks, newFraming, delivery, delayBeforeEachChunk);
    }

    /** This response with its body re-cut at SSE event boundaries ({@link Chunking#atSseEventBoundaries}). */
    public Response rechunkedAtSseEvents() {
        return withChunks(Chunking.atSseEventBoundaries(bodyBytes()));
    }

    /** This response with its body re-cut at seeded random places ({@link Chunking#randomly}). */
    public Response rechunkedRandomly(long seed, int maxChunkBytes) {
        return withChunks(Chunking.randomly(bodyBytes(), seed, maxChunkBytes));
    }

    /** This response with its body re-cut into chunks of {@code chunkBytes} ({@link Chunking#bySize}). */
    public Response rechunkedBySize(int chunkBytes) {
        return withChunks(Chunking.bySize(bodyBytes(), chunkBytes));
    }

    /**
     * This response with a pause before each body chunk. A feature for demos and manual runs:
     * tests should not depend on timing.
     */
    public Response withDelayBeforeEachChunk(Duration delay) {
        return new Response(status, headers, chunks, framing, delivery, delay);
    }

    /** This response delivered with the given fault (or {@link Delivery#complete()}). */
    public Response withDelivery(Delivery newDelivery) {
        return new Response(status, headers, chunks, framing, newDelivery, delayBeforeEachChunk);
    }

    /** Sends the first {@code chunks} chunks, then resets the connection (TCP RST). */
    public Response disconnectAfterChunks(int chunks) {
        return withDelivery(new Delivery.DisconnectAfterChunks(chunks));
    }

    /** Sends the first {@code chunks} chunks, then closes without ending the body. */
    public Response truncateAfterChunks(int chunks) {
        return withDelivery(new Delivery.TruncateAfterChunks(chunks));
    }

    /**
     * Sends all but the last chunk, then closes without ending the body. For a stream built by this
     * kit the last chunk is the final event ({@code data: [DONE]} or {@code message_stop}).
     */
    public Response truncateBeforeLastChunk() {
        if (chunks.isEmpty()) {
            throw new IllegalArgumentException("the body has no chunk to leave out");
        }
        return truncateAfterChunks(chunks.size() - 1);
    }

    /** Sends the first {@code chunks} chunks, then waits until the client disconnects. */
    public Response hangAfterChunks(int chunks) {
        return withDelivery(new Delivery.HangAfterChunks(chunks));
    }

    /** Resets the connection (TCP RST) without sending any response byte. */
    public Response disconnectBeforeHeaders() {
        return withDelivery(new Delivery.DisconnectBeforeHeaders());
    }

    /** Sends nothing and waits until the client disconnects. */
    public Response hangBeforeHeaders() {
        return withDelivery(new Delivery.HangBeforeHeaders());
    }

    @Override
    public String toString() {
        return "Response[" + status + ", " + chunks.size() + " chunks, " + framing + ", " + delivery + "]";
    }
}
