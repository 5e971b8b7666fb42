package dev.turnstile.blocking.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.turnstile.model.FailureKind;
import dev.turnstile.model.FinishReason;
import dev.turnstile.model.Usage;
import dev.turnstile.wire.ReplyResult;
import dev.turnstile.wire.StreamDelta;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The Anthropic messages client over real loopback HTTP against {@link MiniServer}. */
class AnthropicMessagesClientTest {

    private static String event(String type, String json) {
        return "event: " + type + "\ndata: " + json + "\n\n";
    }

    private static final List<String> STREAM = List.of(
            event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
                    + "\"role\":\"assistant\",\"model\":\"claude-test\",\"content\":[],\"stop_reason\":null,"
                    + "\"usage\":{\"input_tokens\":7,\"output_tokens\":1}}}"),
            event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
                    + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"),
            event("ping", "{\"type\":\"ping\"}"),
            event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                    + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Bonjour\"}}"),
            event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                    + "\"delta\":{\"type\":\"text_delta\",\"text\":\" !\"}}"),
            event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"),
            event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},"
                    + "\"usage\":{\"output_tokens\":3}}"),
            event("message_stop", "{\"type\":\"message_stop\"}"));

    @Test
    void aStreamedMessageIsAssembledWithItsDeltasInOrder() throws Exception {
        List<StreamDelta> deltas = new CopyOnWriteArrayList<>();
        try (MiniServer server = MiniServer.start((request, exchange) -> {
            var response = exchange.start(200, "text/event-stream; charset=utf-8");
            for (String e : STREAM) {
                response.chunk(e);
            }
            response.end();
        }); AnthropicMessagesClient client = AnthropicMessagesClient.builder().baseUrl(server.baseUrl())
                .apiKey(ApiKey.fromEnvironment("ANTHROPIC_API_KEY", name -> "sk-ant-test")).build()) {
            ReplyResult result = client.start(OpenAiChatClientTest.REQUEST, deltas::add).result().toCompletableFuture().get(10, TimeUnit.SECONDS);
            ReplyResult.Completed done = assertInstanceOf(ReplyResult.Completed.class, result);
            assertEquals("Bonjour !", done.reply().message().text());
            assertEquals(FinishReason.END_TURN, done.reply().finishReason());
            assertEquals(Usage.of(7, 3), done.reply().usage());
            assertEquals(List.of(new StreamDelta.TextDelta("Bonjour"), new StreamDelta.TextDelta(" !")), deltas);

            MiniServer.Request request = server.requests().get(0);
            assertEquals("/v1/messages", request.path());
            assertEquals("sk-ant-test", request.headers().get("x-api-key"));
            assertEquals(AnthropicMessagesClient.DEFAULT_ANTHROPIC_VERSION, request.headers().get("anthropic-version"));
            assertTrue(request.body().startsWith("{\"model\":\"gpt-test\",\"max_tokens\":4096,"), request.body());
        }
    }

    @Test
    void theApiVersionCanBeChanged() throws Exception {
        try (MiniServer server = MiniServer.start((request, exchange) -> exchange.json(529,
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
                AnthropicMessagesClient client = AnthropicMessagesClient.builder().baseUrl(server.baseUrl())
                        .anthropicVersion("2099-01-01").build()) {
            ReplyResult result = client.start(OpenAiChatClientTest.REQUEST, d -> { }).result().toCompletableFuture().get(10, TimeUnit.SECONDS);
            ReplyResult.Failed failed = assertInstanceOf(ReplyResult.Failed.class, result);
            assertEquals(FailureKind.RETRYABLE, failed.failure().kind());
            assertEquals("2099-01-01", server.requests().get(0).headers().get("anthropic-version"));
        }
    }
}
