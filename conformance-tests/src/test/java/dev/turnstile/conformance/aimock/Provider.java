package dev.turnstile.conformance.aimock;

import dev.turnstile.blocking.http.AnthropicMessagesClient;
import dev.turnstile.blocking.http.OpenAiChatClient;
import dev.turnstile.host.ModelClient;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** The two wire formats, each with the Turnstile client that speaks it, a model name and a test key. */
enum Provider {
    /** Chat completions through {@link OpenAiChatClient}: key in {@code Authorization: Bearer}. */
    OPENAI("gpt-4o-mini", "/v1/chat/completions", "authorization", "sk-turnstile-openai-test-7f3a"),
    /** Messages through {@link AnthropicMessagesClient}: key in {@code x-api-key}. */
    ANTHROPIC("claude-sonnet-4-5", "/v1/messages", "x-api-key", "sk-ant-turnstile-test-91c2");

    /** Bounds a silent server; generous, it only bounds a failing test. */
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(10);

    final String model;
    final String path;
    final String keyHeader;
    final String key;

    Provider(String model, String path, String keyHeader, String key) {
        this.model = model;
        this.path = path;
        this.keyHeader = keyHeader;
        this.key = key;
    }

    /** Every provider's test key: the keys aimock accepts. */
    static List<String> keys() {
        return Arrays.stream(values()).map(p -> p.key).toList();
    }

    /** The client for test {@code testId}, with this provider's key. */
    ModelClient client(AimockServer server, String testId, boolean streaming) {
        return client(server, testId, streaming, key);
    }

    /**
     * The client for test {@code testId}: it tags every request with {@code X-Test-Id} (aimock's journal
     * filter and sequence counter scope) and {@code X-AIMock-Context} (which fixtures may answer).
     */
    ModelClient client(AimockServer server, String testId, boolean streaming, String apiKey) {
        return switch (this) {
            case OPENAI -> OpenAiChatClient.builder().baseUrl(server.apiBaseUrl()).apiKey(apiKey)
                    .streaming(streaming).idleTimeout(IDLE_TIMEOUT)
                    .header("x-test-id", testId).header("x-aimock-context", testId).build();
            case ANTHROPIC -> AnthropicMessagesClient.builder().baseUrl(server.apiBaseUrl()).apiKey(apiKey)
                    .streaming(streaming).idleTimeout(IDLE_TIMEOUT)
                    .header("x-test-id", testId).header("x-aimock-context", testId).build();
        };
    }
}
