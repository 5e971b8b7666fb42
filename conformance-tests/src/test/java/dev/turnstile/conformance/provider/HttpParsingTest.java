package dev.turnstile.conformance.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How the server reads requests, including the ones it must refuse. */
class HttpParsingTest {

    private final FakeProviderServer server =
            FakeProviderServer.start(new Script(), ServerLimits.defaults().withMaxRequestBodyBytes(1024));

    @AfterEach
    void stop() {
        server.close();
    }

    private RawConnection.RawResponse exchange(String rawRequest) throws Exception {
        try (RawConnection connection = new RawConnection(server.port())) {
            return connection.send(rawRequest).readResponse();
        }
    }

    private void assertRefused(int status, String messagePart, String rawRequest) throws Exception {
        RawConnection.RawResponse response = exchange(rawRequest);
        assertEquals(status, response.status(), response.bodyText());
        assertEquals("close", response.header("connection"));
        var error = Json.parse(response.bodyText(), "error body");
        assertEquals("fake_provider_protocol_error", error.at("/error/type").stringValue());
        assertTrue(error.at("/error/message").stringValue().contains(messagePart), error.toString());
        assertEquals(status, server.protocolErrors().get(0).status());
        assertEquals(List.of(), server.requests(), "a refused request is not recorded as a request");
    }

    @Test
    void a_chunked_request_body_is_reassembled() throws Exception {
        server.enqueue(OpenAiReply.text("ok").nonStreamed());

        RawConnection.RawResponse response = exchange("POST /v1/chat/completions HTTP/1.1\r\nHost: t\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n" + "5;ext=1\r\n{\"mod\r\n" + "A\r\nel\":\"gpt\"}\r\n" + "0\r\nTrailer: x\r\n\r\n");

        assertEquals(200, response.status());
        assertEquals("{\"model\":\"gpt\"}", server.requests().get(0).body());
    }

    @Test
    void header_names_are_case_insensitive_and_values_trimmed() throws Exception {
        server.enqueue(OpenAiReply.text("ok").nonStreamed());

        exchange("POST /v1/chat/completions HTTP/1.1\r\nHOST: t\r\nX-Trace-Id:   abc  \r\ncontent-LENGTH: 2\r\n\r\n{}");

        RecordedRequest request = server.requests().get(0);
        assertEquals("abc", request.header("x-trace-id").orElseThrow());
        assertEquals("{}", request.body());
    }

    @Test
    void expect_100_continue_gets_an_interim_response_before_the_body_is_sent() throws Exception {
        server.enqueue(OpenAiReply.text("ok").nonStreamed());

        try (RawConnection connection = new RawConnection(server.port())) {
            connection.send("POST /v1/chat/completions HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n");
            assertEquals(100, connection.readResponse().status());
            assertEquals(200, connection.send("{}").readResponse().status());
        }
    }

    @Test
    void an_oversized_content_length_is_refused_with_413_before_reading_the_body() throws Exception {
        assertRefused(413, "over the limit of 1024 bytes",
                "POST /v1/messages HTTP/1.1\r\nHost: t\r\nContent-Length: 9437184\r\n\r\n");
    }

    @Test
    void an_oversized_chunked_body_is_refused_with_413() throws Exception {
        String chunk = "x".repeat(600);
        assertRefused(413, "over the limit", "POST /v1/messages HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "258\r\n" + chunk + "\r\n258\r\n" + chunk + "\r\n0\r\n\r\n");
    }

    @Test
    void a_malformed_request_line_is_refused_with_400() throws Exception {
        assertRefused(400, "malformed request line", "POST /v1/messages\r\n\r\n");
    }

    @Test
    void an_unknown_http_version_is_refused_with_505() throws Exception {
        assertRefused(505, "HTTP/2.0", "POST /v1/messages HTTP/2.0\r\n\r\n");
    }

    @Test
    void both_content_length_and_transfer_encoding_are_refused() throws Exception {
        assertRefused(400, "both Transfer-Encoding and Content-Length",
                "POST /v1/messages HTTP/1.1\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
    }

    @Test
    void an_unsupported_transfer_coding_is_refused_with_501() throws Exception {
        assertRefused(501, "only chunked", "POST /v1/messages HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n");
    }

    @Test
    void a_malformed_content_length_is_refused() throws Exception {
        assertRefused(400, "malformed Content-Length", "POST /v1/messages HTTP/1.1\r\nContent-Length: 12a\r\n\r\n");
    }

    @Test
    void a_malformed_header_line_is_refused() throws Exception {
        assertRefused(400, "malformed header line", "POST /v1/messages HTTP/1.1\r\nBad Header: x\r\n\r\n");
    }

    @Test
    void a_malformed_chunk_size_is_refused() throws Exception {
        assertRefused(400, "malformed chunk size", "POST /v1/messages HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
    }

    @Test
    void an_oversized_header_section_is_refused_with_431() throws Exception {
        assertRefused(431, "header section", "POST /v1/messages HTTP/1.1\r\nX-Big: " + "y".repeat(70_000) + "\r\n\r\n");
    }

    @Test
    void an_absolute_form_target_is_reduced_to_its_path() throws Exception {
        server.enqueue(OpenAiReply.text("ok").nonStreamed());

        RawConnection.RawResponse response = exchange(
                "POST http://127.0.0.1/v1/chat/completions?x=1 HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n");

        assertEquals(200, response.status());
        assertEquals("/v1/chat/completions?x=1", server.requests().get(0).target());
    }
}
