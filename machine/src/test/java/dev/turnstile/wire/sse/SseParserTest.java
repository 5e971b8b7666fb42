package dev.turnstile.wire.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.turnstile.wire.Fixtures;
import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The WHATWG event-stream rules, one scenario each. */
class SseParserTest {

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Feeds each chunk in turn and returns every event dispatched. */
    private static List<SseEvent> parse(SseParser parser, byte[]... chunks) {
        List<SseEvent> events = new ArrayList<>();
        for (byte[] chunk : chunks) {
            events.addAll(parser.feed(chunk));
        }
        return events;
    }

    private static List<SseEvent> parse(String... chunks) {
        SseParser parser = new SseParser();
        List<SseEvent> events = new ArrayList<>();
        for (String chunk : chunks) {
            events.addAll(parser.feed(utf8(chunk)));
        }
        return events;
    }

    private static SseEvent message(String data) {
        return new SseEvent("message", data, "");
    }

    @Nested
    class LineEnds {
        @Test
        void lf_cr_and_crlf_all_end_lines() {
            assertEquals(List.of(message("a"), message("b"), message("c")),
                    parse("data: a\n\ndata: b\r\rdata: c\r\n\r\n"));
        }

        @Test
        void mixed_line_ends_inside_one_event() {
            assertEquals(List.of(message("1\n2\n3")), parse("data: 1\rdata: 2\ndata: 3\r\n\n"));
        }

        @Test
        void cr_ending_one_chunk_and_lf_starting_the_next_are_one_line_end() {
            // Read as two line ends, the LF would be a blank line and dispatch "a" on its own.
            assertEquals(List.of(message("a\nb")), parse("data: a\r", "\ndata: b\r\n\r\n"));
        }

        @Test
        void cr_then_empty_chunk_then_lf_is_still_one_line_end() {
            assertEquals(List.of(message("a\nb")), parse("data: a\r", "", "\ndata: b\n\n"));
        }

        @Test
        void cr_at_chunk_end_followed_by_other_text_ends_the_line() {
            assertEquals(List.of(message("a\nb")), parse("data: a\r", "data: b\r\r"));
        }

        @Test
        void cr_at_chunk_end_followed_by_cr_is_a_blank_line() {
            assertEquals(List.of(message("a")), parse("data: a\r", "\r"));
        }

        @Test
        void a_line_split_over_many_chunks_is_joined() {
            assertEquals(List.of(message("hello world")), parse("da", "ta", ": hel", "lo wo", "rld\n", "\n"));
        }
    }

    @Nested
    class Fields {
        @Test
        void a_comment_line_is_ignored() {
            assertEquals(List.of(message("x")), parse(": keep-alive\ndata: x\n: another\n\n"));
        }

        @Test
        void a_comment_alone_dispatches_nothing() {
            assertEquals(List.of(), parse(":\n\n: ping\n\n"));
        }

        @Test
        void only_one_leading_space_of_the_value_is_removed() {
            assertEquals(List.of(message(" two"), message("none")), parse("data:  two\n\ndata:none\n\n"));
        }

        @Test
        void the_value_is_split_at_the_first_colon_only() {
            assertEquals(List.of(message("{\"a\":\"b:c\"}")), parse("data: {\"a\":\"b:c\"}\n\n"));
        }

        @Test
        void data_lines_are_joined_with_lf_and_the_last_lf_is_removed() {
            assertEquals(List.of(message("first\n\nthird")), parse("data: first\ndata\ndata: third\n\n"));
        }

        @Test
        void a_field_without_colon_has_an_empty_value() {
            // "data" alone appends an empty line, so the event is dispatched with empty data.
            assertEquals(List.of(message("")), parse("data\n\n"));
        }

        @Test
        void the_event_field_sets_the_type_for_one_event_only() {
            assertEquals(List.of(new SseEvent("ping", "{}", ""), message("x")),
                    parse("event: ping\ndata: {}\n\ndata: x\n\n"));
        }

        @Test
        void an_empty_event_field_means_the_default_type() {
            assertEquals(List.of(message("x")), parse("event:\ndata: x\n\n"));
        }

        @Test
        void unknown_field_names_are_ignored() {
            assertEquals(List.of(message("x")), parse("foo: bar\nDATA: shouting\ndata: x\n\n"));
        }

        @Test
        void a_leading_space_makes_an_unknown_field_name() {
            // Fixture openai-compatible/test_tools_streaming_variant_c.0 starts exactly like this.
            assertEquals(List.of(message("kept")), parse(" data: dropped\n\ndata: kept\n\n"));
        }

        @Test
        void trailing_spaces_in_a_value_are_kept() {
            assertEquals(List.of(message("{}   ")), parse("data: {}   \n\n"));
        }
    }

    @Nested
    class Dispatch {
        @Test
        void a_blank_line_with_no_data_dispatches_nothing_and_forgets_the_type() {
            assertEquals(List.of(message("x")), parse("event: ignored\n\n\n\ndata: x\n\n"));
        }

        @Test
        void several_events_in_one_chunk_come_out_in_order() {
            assertEquals(List.of(message("1"), message("2"), message("3")), parse("data: 1\n\ndata: 2\n\ndata: 3\n\n"));
        }

        @Test
        void feed_with_a_consumer_hands_over_the_same_events() {
            List<SseEvent> events = new ArrayList<>();
            byte[] body = utf8("data: 1\n\ndata: 2\n\n");
            new SseParser().feed(body, 0, body.length, events::add);
            assertEquals(List.of(message("1"), message("2")), events);
        }

        @Test
        void only_the_given_range_of_the_array_is_read() {
            byte[] buffer = utf8("XXdata: in\n\nYY");
            assertEquals(List.of(message("in")), new SseParser().feed(buffer, 2, 10));
        }
    }

    @Nested
    class IdAndRetry {
        @Test
        void the_last_event_id_persists_until_changed() {
            assertEquals(List.of(new SseEvent("message", "a", "7"), new SseEvent("message", "b", "7"),
                            new SseEvent("message", "c", "")),
                    parse("id: 7\ndata: a\n\ndata: b\n\nid\ndata: c\n\n"));
        }

        @Test
        void an_id_containing_nul_is_ignored() {
            SseParser parser = new SseParser();
            List<SseEvent> events = parse(parser, utf8("id: 1\ndata: a\n\nid: 2\u0000x\ndata: b\n\n"));
            assertEquals(List.of(new SseEvent("message", "a", "1"), new SseEvent("message", "b", "1")), events);
            assertEquals("1", parser.lastEventId());
        }

        @Test
        void retry_with_digits_only_sets_the_reconnection_time() {
            SseParser parser = new SseParser();
            parse(parser, utf8("retry: 3000\n\n"));
            assertEquals(Option.some(3000L), parser.reconnectionTimeMillis());
            parse(parser, utf8("retry: 12a\nretry:\nretry: -5\nretry: 1.5\nretry: 99999999999999999999999\n\n"));
            assertEquals(Option.some(3000L), parser.reconnectionTimeMillis());
        }

        @Test
        void no_retry_field_means_no_reconnection_time() {
            SseParser parser = new SseParser();
            parse(parser, utf8("data: x\n\n"));
            assertEquals(Option.none(), parser.reconnectionTimeMillis());
        }
    }

    @Nested
    class Utf8 {
        @Test
        void multi_byte_characters_split_across_chunks_decode_correctly() {
            byte[] body = utf8("data: Grüße 🦅 1\uFE0F\u20E3\n\n");
            SseParser parser = new SseParser();
            List<SseEvent> events = new ArrayList<>();
            for (int i = 0; i < body.length; i++) {
                events.addAll(parser.feed(body, i, 1));
            }
            assertEquals(List.of(message("Grüße 🦅 1\uFE0F\u20E3")), events);
        }

        @Test
        void a_byte_order_mark_at_the_start_is_skipped() {
            byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
            assertEquals(List.of(message("x")), parse(new SseParser(), bom, utf8("data: x\n\n")));
        }

        @Test
        void a_byte_order_mark_split_across_chunks_is_skipped() {
            byte[][] chunks = {{(byte) 0xEF}, {(byte) 0xBB}, {(byte) 0xBF, 'd'}, utf8("ata: x\n\n")};
            assertEquals(List.of(message("x")), parse(new SseParser(), chunks));
        }

        @Test
        void a_byte_order_mark_later_in_the_stream_is_content() {
            // Only the first bytes of the stream may be a BOM; later it is part of the field name here.
            assertEquals(List.of(message("a")), parse("data: a\n\n\uFEFFdata: b\n\n"));
        }

        @Test
        void bytes_that_only_start_like_a_byte_order_mark_are_kept() {
            byte[][] chunks = {{(byte) 0xEF, (byte) 0xBB}, utf8("data: x\n\ndata: y\n\n")};
            // The first line's field name becomes "\uFFFDdata" (unknown), the second event is intact.
            assertEquals(List.of(message("y")), parse(new SseParser(), chunks));
        }
    }

    @Nested
    class EndOfStream {
        @Test
        void an_event_without_its_blank_line_is_discarded() {
            SseParser parser = new SseParser();
            assertEquals(List.of(message("a")), parse(parser, utf8("data: a\n\ndata: b\n")));
            assertTrue(parser.end(), "end() reports that an unfinished event was discarded");
        }

        @Test
        void a_last_line_without_line_end_is_discarded() {
            SseParser parser = new SseParser();
            assertEquals(List.of(), parse(parser, utf8("data: b")));
            assertTrue(parser.end());
        }

        @Test
        void a_complete_stream_discards_nothing() {
            SseParser parser = new SseParser();
            parse(parser, utf8("data: a\n\n"));
            assertFalse(parser.end());
            assertFalse(parser.end(), "end() twice is harmless");
        }

        @Test
        void feeding_after_end_is_a_programming_error() {
            SseParser parser = new SseParser();
            parser.end();
            assertThrows(IllegalStateException.class, () -> parser.feed(utf8("data: x\n\n")));
        }

        @Test
        void out_of_range_offsets_are_rejected() {
            assertThrows(IndexOutOfBoundsException.class, () -> new SseParser().feed(new byte[4], 2, 3));
        }
    }

    @Nested
    class RecordedStreams {
        @Test
        void variant_c_loses_only_its_first_role_chunk_to_the_leading_space() {
            // fixtures/SOURCES.md: the body starts with " data: {…}", an unknown field " data".
            List<SseEvent> events = new SseParser().feed(
                    Fixtures.bytes("fixtures/openai-compatible/test_tools_streaming_variant_c.0.response.sse"));
            assertEquals(5, events.size(), "6 data lines in the file, the first is dropped");
            assertTrue(events.get(0).data().contains("\"id\":\"llm_version:0\""));
            assertEquals("[DONE]", events.get(4).data());
        }

        @Test
        void anthropic_events_carry_their_type_and_padded_data() {
            List<SseEvent> events = new SseParser().feed(Fixtures.bytes("fixtures/anthropic/test_tools.0.response.sse"));
            assertEquals(10, events.size());
            assertEquals(List.of("message_start", "content_block_start", "ping", "content_block_delta",
                            "content_block_stop", "content_block_start", "content_block_delta", "content_block_stop",
                            "message_delta", "message_stop"),
                    events.stream().map(SseEvent::type).toList());
            assertEquals("{\"type\":\"message_stop\"     }", events.get(9).data());
        }
    }
}
