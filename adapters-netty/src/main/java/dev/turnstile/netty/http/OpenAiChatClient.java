package dev.turnstile.netty.http;

import dev.turnstile.host.ModelCall;
import dev.turnstile.host.ModelClient;
import dev.turnstile.model.ModelRequest;
import dev.turnstile.wire.StreamDelta;
import dev.turnstile.wire.openai.OpenAiRequestEncoder;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A non-blocking {@link ModelClient} for OpenAI chat completions and the servers that copy the API
 * (Azure, OpenRouter, xAI, Ollama, vLLM, llama.cpp, LM Studio), on Netty: HTTP/1.1 keep-alive
 * connections pooled per origin, TLS with host name verification, streamed replies decoded as they
 * arrive, read on demand. Every provider failure completes the call with a classified
 * {@link dev.turnstile.wire.ReplyResult.Failed}; {@link ModelCall#cancel()} closes the connection so
 * the provider stops generating.
 *
 * <pre>{@code
 * OpenAiChatClient model = OpenAiChatClient.builder()
 *         .baseUrl("https://api.openai.com/v1")
 *         .apiKeyFromEnv("OPENAI_API_KEY")
 *         .build();
 * }</pre>
 *
 * <p>The API key is sent only in the {@code Authorization} header and never appears in logs,
 * messages or {@link #toString()}.
 */
public final class OpenAiChatClient implements ModelClient, AutoCloseable {

    /** OpenAI's own endpoint. */
    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

    private final NettyModelClient core;

    private OpenAiChatClient(NettyModelClient core) {
        this.core = core;
    }

    /** A builder for {@link #DEFAULT_BASE_URL}, no key, streaming, a transport of its own. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ModelCall start(ModelRequest request, Consumer<StreamDelta> deltas) {
        return core.start(request, deltas);
    }

    /** Closes the HTTP transport if this client created it. */
    @Override
    public void close() {
        core.close();
    }

    @Override
    public String toString() {
        return "OpenAiChatClient[" + core.origin() + core.target() + "]";
    }

    /** Builds an {@link OpenAiChatClient}; the shared setters are {@link ModelClientBuilder}'s. */
    public static final class Builder extends ModelClientBuilder<Builder> {
        private OpenAiRequestEncoder encoder = OpenAiRequestEncoder.DEFAULT;

        private Builder() {
            super(DEFAULT_BASE_URL);
        }

        @Override
        Builder self() {
            return this;
        }

        /** Which field carries the output token limit; default {@code max_tokens}. */
        public Builder maxTokensField(OpenAiRequestEncoder.MaxTokensField value) {
            this.encoder = new OpenAiRequestEncoder(Objects.requireNonNull(value, "maxTokensField"));
            return this;
        }

        /** The client. */
        public OpenAiChatClient build() {
            return new OpenAiChatClient(buildCore(new OpenAiProtocol(apiKey, encoder)));
        }
    }
}
