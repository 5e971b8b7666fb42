package dev.turnstile.blocking.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.turnstile.host.ModelCall;
import dev.turnstile.model.FailureKind;
import dev.turnstile.model.ModelRequest;
import dev.turnstile.model.ToolCall;
import dev.turnstile.model.ToolChoice;
import dev.turnstile.model.Usage;
import dev.turnstile.model.UserMessage;
import dev.turnstile.wire.ReplyResult;
import dev.turnstile.wire.StreamDelta;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The OpenAI chat completions client over real loopback HTTP against {@link MiniServer}. */
class OpenAiChatClientTest {

    static final ModelRequest REQUEST = new ModelRequest("gpt-test", "", Vector.of(new UserMessage("hi")), Vector.empty(),
            ToolChoice.AUTO, true, Option.none(), Option.none());

    private static ReplyResult await(ModelCall call) throws Exception {
        return call.result().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static ReplyResult.Failed failed(ModelCall call) throws Exception {
        return assertInstanceOf(ReplyResult.Failed.class, await(call));
    }

    @Test
    void deltasAreForwardedAsTheirChunksArriveAndTheReplyIsAssembled() throws Exception {
        CountDownLatch firstDeltaSeen = new CountDownLatch(1);
        List<StreamDelta> deltas = new CopyOnWriteArrayList<>();
        try (MiniServer server = MiniServer.start((request, exchange) -> {
            exchange.start(200, "text/event-stream").chunk(OpenAiSse.text("Hel"));
            // The rest is only sent once the client forwarded the first delta: proof that it streams.
            firstDeltaSeen.await(10, TimeUnit.SECONDS);
            exchange.chunk(OpenAiSse.text("lo") + OpenAiSse.toolCall(0, "call_1", "add", "{\"a\":1}"))
                    .chunk(OpenAiSse.finish("tool_calls")).chunk(OpenAiSse.done()).end();
        }); OpenAiChatClient client = OpenAiChatClient.builder().baseUrl(server.baseUrl()).build()) {
            ModelCall call = client.start(REQUEST, delta -> {
                deltas.add(delta);
                firstDeltaSeen.countDown();
            });
            ReplyResult.Completed done = assertInstanceOf(ReplyResult.Completed.class, await(call));
            assertEquals("Hello", done.reply().message().text());
            assertEquals(Vector.of(new ToolCall("call_1", "add", "{\"a\":1}")), done.reply().message().toolCalls());
            assertEquals(Usage.of(5, 2), done.reply().usage());
            assertEquals(List.of(new StreamDelta.TextDelta("Hel"), new StreamDelta.TextDelta("lo"),
                    new StreamDelta.ToolCallStarted(0, "call_1", "add"),
                    new StreamDelta.ToolArgumentsDelta(0, "{\"a\":1}")), deltas);
        }
    }

    @Test
    void aCallCompletesWhileEveryCommonPoolWorkerIsBlocked() throws Exception {
        // Found by the CLI's tests: without an executor of its own, the JDK client completes responses on
        // the common ForkJoinPool, so blocking work there (anyone's) stalled every model call.
        int workers = java.util.concurrent.ForkJoinPool.getCommonPoolParallelism();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(workers);
        for (int i = 0; i < workers; i++) {
            java.util.concurrent.ForkJoinPool.commonPool().execute(() -> {
                blocked.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        try (MiniServer server = MiniServer.start((request, exchange) ->
                exchange.start(200, "text/event-stream").chunk(OpenAiSse.text("ok") + OpenAiSse.done()).end());
                OpenAiChatClient client = OpenAiChatClient.builder().baseUrl(server.baseUrl()).build()) {
            assertTrue(blocked.await(10, TimeUnit.SECONDS), "the common pool's workers are all blocked");
            assertInstanceOf(ReplyResult.Completed.class, await(client.start(REQUEST, d -> { })));
        } finally {
            release.countDown();
        }
    }

    @Test
    void theRequestCarriesTheKeyTheHeadersAndTheEncodedBody() throws Exception {
        try (MiniServer server = MiniServer.start((request, exchange) ->
                exchange.start(200, "text/event-stream").chunk(OpenAiSse.text("ok") + OpenAiSse.done()).end());
                OpenAiChatClient client = OpenAiChatClient.builder().baseUrl(server.baseUrl() + "/")
                        .apiKey("sk-test-123").header("OpenAI-Organization", "org-1").build()) {
            assertInstanceOf(ReplyResult.Completed.class, await(client.start(REQUEST, d -> { })));
            MiniServer.Request request = server.requests().get(0);
            assertEquals("POST", request.method());
            assertEquals("/v1/chat/completions", request.path());
            assertEquals("Bearer sk-test-123", request.headers().get("authorization"));
            assertEquals("org-1", request.headers().get("openai-organization"));
            assertEquals("application/json", request.headers().get("content-type"));
            assertEquals("text/event-stream", request.headers().get("accept"));
            assertFalse(request.headers().containsKey("accept-encoding"), "bodies must arrive uncompressed");
            assertEquals("{\"model\":\"gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":true,"
                    + "\"stream_options\":{\"include_usage\":true}}", request.body());
        }
    }

    @Test
    void aRateLimitIsMappedWithTheServersRetryAfter() throws Exception {
        try (MiniServer server = MiniServer.start((request, exchange) -> exchange.json(429,
                "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}",
                "retry-after-ms", "1500"));
                OpenAiChatClient client = OpenAiChatClient.builder().baseUrl(server.baseUrl()).build()) {
            ReplyResult.Failed failed = failed(client.start(REQUEST, d -> { }));
            assertEquals(FailureKind.RATE_LIMITED, failed.failure().kind());
            assertEquals(Option.some(1500L), failed.failure().retryAfterMillis());
            assertTrue(failed.failure().message().contains("Rate limit reached"), failed.failure().message());
        }
    }

    @Test
    void aRejectedKeyIsFatalAndNeverEchoedBack() throws Exception {
        try (MiniServer server = MiniServer.start((request, exchange) -> exchange.json(401,
                "{\"error\":{\"message\":\"Incorrect API key provided: sk-secret-777.\",\"type\":\"invalid_request_error\","
                        + "\"code\":\"invalid_api_key\"}}"));
                OpenAiChatClient client = OpenAiChatClient.builder().baseUrl(server.baseUrl()).apiKey("sk-secret-777").build()) {
            ReplyResult.Failed failed = failed(client.start(REQUEST, d -> { }));
            assertEquals(FailureKind.FATAL, failed.failure().kind());
            assertFalse(failed.failure().message().contains("sk-secret-777"), failed.failure().message());
            assertTrue(failed.failure().message().contains("[redacted]"), failed.failure().message());
            assertFalse(client.toString().contains("sk-secret-777"), client.toString());
        }
    }

    @Test
    void silenceBetweenChunksIsARetryableIdleTimeoutThatDropsTheConnection() throws Exception {
        try (MiniServer server = MiniServer.start((request, exchange) -> {
            exchange.start(200, "text/event-stream").chunk(OpenAiSse.text("partial"));
            exchange.hangUntilClientCloses();
        }); OpenAiChatClient client = OpenAiChatClient.builder().baseUrl(server.baseUrl())
                .idleTimeout(Duration.ofSeconds(1)).build()) {
            ReplyResult.Failed failed = failed(client.start(REQUEST, d -> { }));
            assertEquals(FailureKind.RETRYABLE, failed.failure().kind());
            assertEquals("no data from OpenAI-compatible server for 1000 ms (idle timeout)", failed.failure().message());
            assertEquals("partial", failed.partialText());
            assertTrue(server.awaitClientDisconnect(Duration.ofSeconds(10)), "the server saw no disconnect");
        }
    }

    @Test
    void noResponseHeadersWithinTheIdleTimeoutIsRetryable() throws Exception {
        try (MiniServer server = MiniServer.start((request, exchange) -> exchange.hangUntilClientCloses());
                OpenAiChatClient client = OpenAiChatClient.builder().baseUrl(server.baseUrl())
                        .idleTimeout(Duration.ofSeconds(1)).build()) {
            ReplyResult.Failed failed = failed(client.start(REQUEST, d -> { }));
            assertEquals(FailureKind.RETRYABLE, failed.failure().kind());
            assertEquals("no response headers from OpenAI-compatible server within 1000 ms (idle timeout)",
                    failed.failure().message());
        }
    }

    @Test
    void cancelMidStreamClosesTheConnectionAndFailsAsCancelled() throws Exception {
        CountDownLatch streaming = new CountDownLatch(1);
        try (MiniServer server = MiniServer.start((request, exchange) -> {
            exchange.start(200, "text/event-stream").chunk(OpenAiSse.text("Hel"));
            exchange.hangUntilClientCloses();
        }); OpenAiChatClient client = OpenAiChatClient.builder().baseUrl(server.baseUrl()).build()) {
            ModelCall call = client.start(REQUEST, d -> streaming.countDown());
            assertTrue(streaming.await(10, TimeUnit.SECONDS));
            call.cancel();
            ReplyResult.Failed failed = failed(call);
            assertEquals(FailureKind.CANCELLED, failed.failure().kind());
            assertTrue(server.awaitClientDisconnect(Duration.ofSeconds(10)), "the server saw no disconnect");
            call.cancel(); // idempotent
        }
    }

    @Test
    void cancelBeforeTheHeadersAlsoClosesTheConnection() throws Exception {
        CountDownLatch received = new CountDownLatch(1);
        try (MiniServer server = MiniServer.start((request, exchange) -> {
            received.countDown();
            exchange.hangUntilClientCloses();
        }); OpenAiChatClient client = OpenAiChatClient.builder().baseUrl(server.baseUrl()).build()) {
            ModelCall call = client.start(REQUEST, d -> { });
            assertTrue(received.await(10, TimeUnit.SECONDS));
            call.cancel();
            assertEquals(FailureKind.CANCELLED, failed(call).failure().kind());
            assertTrue(server.awaitClientDisconnect(Duration.ofSeconds(10)), "the server saw no disconnect");
        }
    }

    @Test
    void aStreamEndingWithoutDoneIsATruncatedRetryableFailure() throws Exception {
        try (MiniServer server = MiniServer.start((request, exchange) ->
                exchange.start(200, "text/event-stream").chunk(OpenAiSse.text("cut ")).chunk(OpenAiSse.text("off")).end());
                OpenAiChatClient client = OpenAiChatClient.builder().baseUrl(server.baseUrl()).build()) {
            ReplyResult.Failed failed = failed(client.start(REQUEST, d -> { }));
            assertEquals(FailureKind.RETRYABLE, failed.failure().kind());
            assertEquals("cut off", failed.partialText());
            assertTrue(failed.failure().message().contains("truncated"), failed.failure().message());
        }
    }

    @Test
    void aConnectionCutMidChunkIsRetryable() throws Exception {
        try (MiniServer server = MiniServer.start((request, exchange) -> {
            exchange.start(200, "text/event-stream").chunk(OpenAiSse.text("abc"));
            // returning closes the socket in the middle of the chunked body
        }); OpenAiChatClient client = OpenAiChatClient.builder().baseUrl(server.baseUrl()).build()) {
            ReplyResult.Failed failed = failed(client.start(REQUEST, d -> { }));
            assertEquals(FailureKind.RETRYABLE, failed.failure().kind());
            assertEquals("abc", failed.partialText());
        }
    }

    @Test
    void aRefusedConnectionIsRetryable() throws Exception {
        String baseUrl;
        try (MiniServer server = MiniServer.start((request, exchange) -> { })) {
            baseUrl = server.baseUrl();
        }
        try (OpenAiChatClient client = OpenAiChatClient.builder().baseUrl(baseUrl).build()) {
            ReplyResult.Failed failed = failed(client.start(REQUEST, d -> { }));
            assertEquals(FailureKind.RETRYABLE, failed.failure().kind());
            assertTrue(failed.failure().message().startsWith("could not connect to OpenAI-compatible server at 127.0.0.1:"),
                    failed.failure().message());
        }
    }

    @Test
    void withoutStreamingTheWholeBodyIsDecoded() throws Exception {
        try (MiniServer server = MiniServer.start((request, exchange) -> exchange.json(200,
                "{\"id\":\"c1\",\"object\":\"chat.completion\",\"model\":\"gpt-test\",\"choices\":[{\"index\":0,"
                        + "\"message\":{\"role\":\"assistant\",\"content\":\"Hi there\"},\"finish_reason\":\"stop\"}],"
                        + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2}}"));
                OpenAiChatClient client = OpenAiChatClient.builder().baseUrl(server.baseUrl()).streaming(false).build()) {
            ReplyResult.Completed done = assertInstanceOf(ReplyResult.Completed.class, await(client.start(REQUEST, d -> { })));
            assertEquals("Hi there", done.reply().message().text());
            assertEquals("application/json", server.requests().get(0).headers().get("accept"));
            assertFalse(server.requests().get(0).body().contains("\"stream\":true"), server.requests().get(0).body());
        }
    }
}
