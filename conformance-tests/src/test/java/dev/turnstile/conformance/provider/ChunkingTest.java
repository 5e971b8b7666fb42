package dev.turnstile.conformance.provider;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkingTest {

    private static List<String> texts(List<byte[]> chunks) {
        return chunks.stream().map(c -> new String(c, StandardCharsets.UTF_8)).toList();
    }

    private static byte[] join(List<byte[]> chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        chunks.forEach(out::writeBytes);
        return out.toByteArray();
    }

    @Test
    void sse_event_boundaries_are_blank_lines_with_any_line_ending() {
        String body = "event: a\ndata: 1\n\n" + "data: 2\r\n\r\n" + "data: 3\r\r" + "data: tail";
        List<String> chunks = texts(Chunking.atSseEventBoundaries(body.getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of("event: a\ndata: 1\n\n", "data: 2\r\n\r\n", "data: 3\r\r", "data: tail"), chunks);
    }

    @Test
    void sse_event_boundaries_keep_multi_line_events_whole() {
        String body = "data: first line\ndata: second line\n\ndata: x\n\n";
        assertEquals(List.of("data: first line\ndata: second line\n\n", "data: x\n\n"),
                texts(Chunking.atSseEventBoundaries(body.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void random_chunking_is_reproducible_from_its_seed_and_loses_no_byte() {
        long seed = TestSeeds.seedFor("ChunkingTest.random_chunking");
        byte[] body = "data: {\"text\":\"héllo 👋 wörld\"}\n\n".repeat(20).getBytes(StandardCharsets.UTF_8);
        List<byte[]> first = Chunking.randomly(body, seed, 7);
        List<byte[]> second = Chunking.randomly(body, seed, 7);
        assertEquals(texts(first), texts(second), "seed " + seed);
        assertArrayEquals(body, join(first), "seed " + seed);
        assertTrue(first.stream().allMatch(c -> c.length >= 1 && c.length <= 7), "seed " + seed);
    }

    @Test
    void fixed_size_chunking_leaves_a_shorter_last_chunk() {
        List<String> chunks = texts(Chunking.bySize("abcdefg".getBytes(StandardCharsets.UTF_8), 3));
        assertEquals(List.of("abc", "def", "g"), chunks);
    }

    @Test
    void chunk_sizes_below_one_are_rejected() {
        assertThrows(IllegalArgumentException.class, () -> Chunking.bySize(new byte[1], 0));
        assertThrows(IllegalArgumentException.class, () -> Chunking.randomly(new byte[1], 1, 0));
    }

    @Test
    void sse_events_frame_names_and_multi_line_data() {
        assertEquals("event: ping\ndata: {}\n\n", new String(SseEvent.named("ping", "{}").encode(), StandardCharsets.UTF_8));
        assertEquals("data: a\ndata: b\n\n", new String(SseEvent.data("a\nb").encode(), StandardCharsets.UTF_8));
        assertEquals("data: [DONE]\n\n", new String(SseEvent.openAiDone().encode(), StandardCharsets.UTF_8));
    }

    @Test
    void text_pieces_never_split_a_surrogate_pair() {
        List<String> pieces = TextPieces.split("a👋b👋", 4);
        assertEquals(List.of("a", "👋", "b", "👋"), pieces);
        assertEquals(List.of("ab"), TextPieces.split("ab", 1));
        assertEquals(List.of("a", "b"), TextPieces.split("ab", 5));
        assertEquals(List.of(), TextPieces.split("", 3));
    }
}
