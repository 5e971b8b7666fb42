package dev.turnstile.netty.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.turnstile.model.FailureKind;
import dev.turnstile.model.Usage;
import dev.turnstile.netty.testing.FakeUpstream;
import dev.turnstile.netty.testing.ProviderStreams;
import dev.turnstile.wire.ReplyResult;
import dev.turnstile.wire.StreamDelta;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Anthropic client against a scripted upstream on loopback. */
class AnthropicMessagesClientTest {

    private static final String KEY = "sk-ant-test-secret-0123456789";

    private FakeUpstream upstream;
    private NettyHttpClient http;
    private AnthropicMessagesClient client;
    private final List<StreamDelta> deltas = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        upstream = FakeUpstream.plain();
        http = NettyHttpClient.builder().build();
        client = AnthropicMessagesClient.builder().baseUrl(upstream.url("/v1")).apiKey(KEY).httpClient(http).build();
    }

    @AfterEach
    void tearDown() {
        client.close();
        http.close();
        upstream.close();
    }

    private ReplyResult call() throws Exception {
        return client.start(OpenAiChatClientTest.request(), deltas::add).result().toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
    }

    @Test
    void streamsAReplyWithTheHeadersAnthropicExpects() throws Exception {
        upstream.then((request, out) -> out.head(200, "text/event-stream")
                .chunk(ProviderStreams.anthropicText("Hi ", "there")).end());

        ReplyResult.Completed done = assertInstanceOf(ReplyResult.Completed.class, call());

        assertEquals("Hi there", done.reply().message().text());
        assertEquals(Usage.of(9, 4), done.reply().usage());
        assertEquals(List.of(new StreamDelta.TextDelta("Hi "), new StreamDelta.TextDelta("there")), deltas);
        FakeUpstream.Request sent = upstream.requests().getFirst();
        assertEquals("/v1/messages", sent.uri());
        assertEquals(KEY, sent.headers().get("x-api-key"));
        assertEquals("2023-06-01", sent.headers().get("anthropic-version"));
        assertTrue(sent.headers().get("authorization") == null, "no bearer header for Anthropic");
    }

    @Test
    void overloadedIsRetryable() throws Exception {
        upstream.then((request, out) -> out.whole(529, "application/json",
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));

        ReplyResult.Failed failed = assertInstanceOf(ReplyResult.Failed.class, call());

        assertEquals(FailureKind.RETRYABLE, failed.failure().kind());
        assertTrue(failed.failure().message().contains("Overloaded"), failed.failure().message());
    }

    @Test
    void anErrorEventInsideTheStreamKeepsItsClassification() throws Exception {
        upstream.then((request, out) -> out.head(200, "text/event-stream")
                .chunk("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
                        + "\"message\":\"Overloaded\"}}\n\n").end());

        ReplyResult.Failed failed = assertInstanceOf(ReplyResult.Failed.class, call());

        assertEquals(FailureKind.RETRYABLE, failed.failure().kind());
        assertTrue(failed.failure().message().contains("Overloaded"), failed.failure().message());
    }
}
