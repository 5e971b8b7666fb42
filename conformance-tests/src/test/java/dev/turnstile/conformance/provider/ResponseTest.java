package dev.turnstile.conformance.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResponseTest {

    private static final Response THREE_CHUNKS = Responses.chunked(200, "text/plain",
            List.of("a".getBytes(StandardCharsets.UTF_8), "b".getBytes(StandardCharsets.UTF_8), "c".getBytes(StandardCharsets.UTF_8)));

    @Test
    void framing_headers_belong_to_the_server() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> THREE_CHUNKS.withHeader("Content-Length", "3"));
        assertEquals("the server writes 'Content-Length' itself; choose the framing with withFraming(...) instead", error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> THREE_CHUNKS.withHeader("transfer-encoding", "chunked"));
    }

    @Test
    void empty_chunks_are_rejected_because_they_would_end_a_chunked_body() {
        assertThrows(IllegalArgumentException.class, () -> THREE_CHUNKS.withChunks(List.of(new byte[0])));
    }

    @Test
    void a_fault_cannot_point_past_the_last_chunk() {
        assertThrows(IllegalArgumentException.class, () -> THREE_CHUNKS.disconnectAfterChunks(4));
        assertEquals(new Delivery.TruncateAfterChunks(2), THREE_CHUNKS.truncateBeforeLastChunk().delivery());
        assertThrows(IllegalArgumentException.class, () -> THREE_CHUNKS.hangAfterChunks(-1));
    }

    @Test
    void with_header_replaces_a_header_of_the_same_name_ignoring_case() {
        Response response = THREE_CHUNKS.withHeader("Retry-After", "1").withHeader("retry-after", "2");
        assertEquals(Optional.of("2"), response.header("RETRY-AFTER"));
        assertEquals(2, response.headers().size());
    }

    @Test
    void responses_are_immutable_values() {
        byte[] chunk = "x".getBytes(StandardCharsets.UTF_8);
        Response response = Responses.chunked(200, "text/plain", List.of(chunk));
        chunk[0] = 'y';
        response.chunk(0)[0] = 'z';
        assertEquals("x", response.bodyText());
        assertEquals("abc", THREE_CHUNKS.rechunkedBySize(2).bodyText());
        assertEquals(2, THREE_CHUNKS.rechunkedBySize(2).chunkCount());
    }

    @Test
    void status_must_be_a_final_status() {
        assertThrows(IllegalArgumentException.class, () -> THREE_CHUNKS.withStatus(101));
        assertThrows(IllegalArgumentException.class, () -> THREE_CHUNKS.withStatus(600));
    }
}
