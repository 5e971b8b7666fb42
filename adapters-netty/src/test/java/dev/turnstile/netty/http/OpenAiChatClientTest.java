package dev.turnstile.netty.http;

import static dev.turnstile.netty.testing.ProviderStreams.openAiEnd;
import static dev.turnstile.netty.testing.ProviderStreams.openAiText;
import static dev.turnstile.netty.testing.ProviderStreams.openAiToolCall;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.turnstile.host.ModelCall;
import dev.turnstile.model.FailureKind;
import dev.turnstile.model.FinishReason;
import dev.turnstile.model.ModelRequest;
import dev.turnstile.model.ToolCall;
import dev.turnstile.model.ToolChoice;
import dev.turnstile.model.Usage;
import dev.turnstile.model.UserMessage;
import dev.turnstile.netty.testing.FakeUpstream;
import dev.turnstile.wire.ReplyResult;
import dev.turnstile.wire.StreamDelta;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OpenAI-compatible client against a scripted upstream on loopback. */
class OpenAiChatClientTest {

    private static final String KEY = "sk-test-secret-key-0123456789";

    private FakeUpstream upstream;
    private NettyHttpClient http;
    private OpenAiChatClient client;
    private final List<StreamDelta> deltas = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        upstream = FakeUpstream.plain();
        http = NettyHttpClient.builder().build();
        client = OpenAiChatClient.builder().baseUrl(upstream.url("/v1")).apiKey(KEY).httpClient(http)
                .idleTimeout(Duration.ofSeconds(2)).build();
    }

    @AfterEach
    void tearDown() {
        client.close();
        http.close();
        upstream.close();
    }

    static ModelRequest request() {
        return new ModelRequest("gpt-test", "be brief", Vector.of(new UserMessage("hi")), Vector.empty(),
                ToolChoice.AUTO, true, Option.none(), Option.none());
    }

    private ReplyResult call() throws Exception {
        return client.start(request(), deltas::add).result().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void streamsAReplyAndSendsTheRequestTheProviderExpects() throws Exception {
        upstream.then((request, out) -> out.head(200, "text/event-stream")
                .chunk(openAiText("Hel")).chunk(openAiText("lo")).chunk(openAiEnd()).end());

        ReplyResult result = call();

        ReplyResult.Completed done = assertInstanceOf(ReplyResult.Completed.class, result);
        assertEquals("Hello", done.reply().message().text());
        assertEquals(Usage.of(12, 3), done.reply().usage());
        assertEquals(FinishReason.END_TURN, done.reply().finishReason());
        assertEquals(List.of(new StreamDelta.TextDelta("Hel"), new StreamDelta.TextDelta("lo")), deltas);
        FakeUpstream.Request sent = upstream.requests().getFirst();
        assertEquals("POST", sent.method());
        assertEquals("/v1/chat/completions", sent.uri());
        assertEquals("Bearer " + KEY, sent.headers().get("authorization"));
        assertEquals("application/json", sent.headers().get("content-type"));
        assertEquals("text/event-stream", sent.headers().get("accept"));
        assertEquals("127.0.0.1:" + upstream.port(), sent.headers().get("host"));
        assertTrue(sent.body().contains("\"stream\":true"), sent.body());
        assertTrue(sent.body().contains("\"model\":\"gpt-test\""), sent.body());
    }

    @Test
    void assemblesToolCallsFromTheStream() throws Exception {
        upstream.then((request, out) -> out.head(200, "text/event-stream; charset=utf-8")
                .chunk(openAiToolCall("call_1", "add", "{\\\"a\\\":2,\\\"b\\\":3}")).chunk(openAiEnd()).end());

        ReplyResult.Completed done = assertInstanceOf(ReplyResult.Completed.class, call());

        assertEquals(Vector.of(new ToolCall("call_1", "add", "{\"a\":2,\"b\":3}")), done.reply().message().toolCalls());
        assertEquals(new StreamDelta.ToolCallStarted(0, "call_1", "add"), deltas.getFirst());
    }

    @Test
    void reusesTheConnectionForTheNextCall() throws Exception {
        upstream.then(
                (request, out) -> out.head(200, "text/event-stream").chunk(openAiText("one")).chunk(openAiEnd()).end(),
                (request, out) -> out.head(200, "text/event-stream").chunk(openAiText("two")).chunk(openAiEnd()).end());

        assertInstanceOf(ReplyResult.Completed.class, call());
        assertInstanceOf(ReplyResult.Completed.class, call());

        assertEquals(1, upstream.connectionsAccepted(), "keep-alive: one connection for both calls");
        assertEquals(0, http.leasedConnections(Origin.of(URI.create(upstream.url("/")))), "the connection went back");
    }

    @Test
    void classifiesAnErrorResponseWithItsRetryHint() throws Exception {
        upstream.then((request, out) -> out.whole(429, "application/json",
                "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}",
                "retry-after", "2"));

        ReplyResult.Failed failed = assertInstanceOf(ReplyResult.Failed.class, call());

        assertEquals(FailureKind.RATE_LIMITED, failed.failure().kind());
        assertEquals(Option.some(2_000L), failed.failure().retryAfterMillis());
        assertTrue(failed.failure().message().contains("Rate limit reached"), failed.failure().message());
        assertFalse(failed.failure().message().contains(KEY), "never the key");
    }

    @Test
    void acceptsAWholeBodyFromAServerThatIgnoredStreaming() throws Exception {
        upstream.then((request, out) -> out.whole(200, "application/json",
                "{\"id\":\"c1\",\"object\":\"chat.completion\",\"model\":\"gpt-test\",\"choices\":[{\"index\":0,"
                        + "\"message\":{\"role\":\"assistant\",\"content\":\"whole\"},\"finish_reason\":\"stop\"}],"
                        + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1,\"total_tokens\":6}}"));

        ReplyResult.Completed done = assertInstanceOf(ReplyResult.Completed.class, call());

        assertEquals("whole", done.reply().message().text());
    }

    @Test
    void aStreamCutShortIsRetryableAndKeepsThePartialText() throws Exception {
        upstream.then((request, out) -> {
            out.head(200, "text/event-stream").chunk(openAiText("part"));
            out.close();
        });

        ReplyResult.Failed failed = assertInstanceOf(ReplyResult.Failed.class, call());

        assertEquals(FailureKind.RETRYABLE, failed.failure().kind());
        assertEquals("part", failed.partialText());
    }

    @Test
    void aSilentUpstreamFailsAfterTheReadIdleTimeout() throws Exception {
        upstream.then((request, out) -> out.head(200, "text/event-stream").chunk(openAiText("then nothing")));

        ReplyResult.Failed failed = assertInstanceOf(ReplyResult.Failed.class, call());

        assertEquals(FailureKind.RETRYABLE, failed.failure().kind());
        assertTrue(failed.failure().message().contains("no data"), failed.failure().message());
        upstream.nextDisconnect();
    }

    @Test
    void cancelClosesTheConnectionSoTheProviderStopsGenerating() throws Exception {
        upstream.then((request, out) -> out.head(200, "text/event-stream").chunk(openAiText("Once upon")));
        ModelCall call = client.start(request(), deltas::add);
        upstream.nextRequest();

        call.cancel();

        ReplyResult.Failed failed = assertInstanceOf(ReplyResult.Failed.class,
                call.result().toCompletableFuture().get(30, TimeUnit.SECONDS));
        assertEquals(FailureKind.CANCELLED, failed.failure().kind());
        upstream.nextDisconnect();
        call.cancel(); // idempotent
    }

    @Test
    void anUnreachableProviderIsRetryable() throws Exception {
        int port;
        try (FakeUpstream closed = FakeUpstream.plain()) {
            port = closed.port();
        }
        OpenAiChatClient nowhere = OpenAiChatClient.builder().baseUrl("http://127.0.0.1:" + port + "/v1")
                .httpClient(http).build();

        ReplyResult result = nowhere.start(request(), deltas::add).result().toCompletableFuture().get(30, TimeUnit.SECONDS);

        ReplyResult.Failed failed = assertInstanceOf(ReplyResult.Failed.class, result);
        assertEquals(FailureKind.RETRYABLE, failed.failure().kind());
        assertTrue(failed.failure().message().contains("could not connect"), failed.failure().message());
    }

    @Test
    void redactsTheKeyFromAnErrorBodyThatEchoesIt() throws Exception {
        upstream.then((request, out) -> out.whole(401, "application/json",
                "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "\",\"code\":\"invalid_api_key\"}}"));

        ReplyResult.Failed failed = assertInstanceOf(ReplyResult.Failed.class, call());

        assertEquals(FailureKind.FATAL, failed.failure().kind());
        assertFalse(failed.failure().message().contains(KEY), failed.failure().message());
        assertTrue(failed.failure().message().contains("[redacted]"), failed.failure().message());
    }

    @Test
    void aLongStreamArrivesWholeAndInOrderThroughReadsOnDemand() throws Exception {
        int pieces = 3_000;
        upstream.then((request, out) -> {
            StringBuilder body = new StringBuilder();
            for (int i = 0; i < pieces; i++) {
                body.append(openAiText("p" + i + " "));
            }
            out.head(200, "text/event-stream").chunk(body.toString()).chunk(openAiEnd()).end();
        });

        ReplyResult.Completed done = assertInstanceOf(ReplyResult.Completed.class, call());

        assertEquals(pieces, deltas.size());
        assertEquals(new StreamDelta.TextDelta("p" + (pieces - 1) + " "), deltas.getLast());
        assertTrue(done.reply().message().text().startsWith("p0 p1 p2 "));
    }

    @Test
    void bodiesOverTheLimitFailInsteadOfBuffering() throws Exception {
        try (NettyHttpClient small = NettyHttpClient.builder()
                .settings(HttpClientSettings.DEFAULTS.withMaxResponseBytes(1024)).build()) {
            OpenAiChatClient limited = OpenAiChatClient.builder().baseUrl(upstream.url("/v1")).httpClient(small).build();
            upstream.then(
                    (request, out) -> out.whole(200, "application/json", "{\"padding\":\"" + "x".repeat(4096) + "\"}"),
                    (request, out) -> out.head(200, "text/event-stream").chunk("data: {\"a\":\"" + "y".repeat(4096)));

            ReplyResult.Failed body = assertInstanceOf(ReplyResult.Failed.class,
                    limited.start(request(), deltas::add).result().toCompletableFuture().get(30, TimeUnit.SECONDS));
            ReplyResult.Failed event = assertInstanceOf(ReplyResult.Failed.class,
                    limited.start(request(), deltas::add).result().toCompletableFuture().get(30, TimeUnit.SECONDS));

            assertEquals(FailureKind.FATAL, body.failure().kind());
            assertTrue(body.failure().message().contains("exceeds 1024 bytes"), body.failure().message());
            assertEquals(FailureKind.FATAL, event.failure().kind());
            assertTrue(event.failure().message().contains("streamed event exceeds"), event.failure().message());
        }
    }

    @Test
    void neverShowsTheKey() {
        assertFalse(client.toString().contains(KEY));
        assertFalse(ApiKey.of(KEY).toString().contains(KEY));
    }
}
