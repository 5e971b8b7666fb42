package dev.turnstile.blocking.http;

import dev.turnstile.host.ModelCall;
import dev.turnstile.host.ModelClient;
import dev.turnstile.model.ModelRequest;
import dev.turnstile.wire.HeaderLookup;
import dev.turnstile.wire.ModelFailure;
import dev.turnstile.wire.ReplyResult;
import dev.turnstile.wire.StreamAccumulator;
import dev.turnstile.wire.StreamDelta;
import dev.turnstile.wire.openai.OpenAiErrorMapper;
import dev.turnstile.wire.openai.OpenAiRequestEncoder;
import dev.turnstile.wire.openai.OpenAiResponseDecoder;
import dev.turnstile.wire.openai.OpenAiStreamAccumulator;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A model client for the OpenAI chat completions API ({@code POST <baseUrl>/chat/completions}) on the
 * JDK {@link java.net.http.HttpClient}. The same API is served by Ollama, vLLM, llama.cpp, LM Studio,
 * OpenRouter and others: point {@link Builder#baseUrl} at them.
 *
 * <pre>{@code
 * OpenAiChatClient openai = OpenAiChatClient.builder().apiKeyFromEnv("OPENAI_API_KEY").build();
 * OpenAiChatClient ollama = OpenAiChatClient.builder().baseUrl("http://localhost:11434/v1").build();
 * }</pre>
 *
 * <p>Replies are streamed by default ({@code stream: true} with usage in the last chunk); every
 * failure becomes a classified {@link dev.turnstile.wire.ReplyResult.Failed}, never an exception. The
 * key is sent as {@code Authorization: Bearer} and never appears in messages or {@link #toString()}.
 * No {@code Accept-Encoding} is sent, so bodies arrive uncompressed and stream without buffering.
 */
public final class OpenAiChatClient implements ModelClient, AutoCloseable {

    /** OpenAI's own base URL, the default. */
    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

    private final HttpModelClient client;

    private OpenAiChatClient(HttpModelClient client) {
        this.client = client;
    }

    /** A builder with OpenAI's base URL, no key, streaming on. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ModelCall start(ModelRequest request, Consumer<StreamDelta> deltas) {
        return client.start(request, deltas);
    }

    /** Closes the HTTP client if this client created it; calls in flight are aborted. */
    @Override
    public void close() {
        client.close();
    }

    /** The base URL, the key's source and header names; never a secret. */
    @Override
    public String toString() {
        return "OpenAiChatClient[" + client + "]";
    }

    /** Builds an {@link OpenAiChatClient}. */
    public static final class Builder extends ModelClientBuilder<Builder> {

        private OpenAiRequestEncoder.MaxTokensField maxTokensField = OpenAiRequestEncoder.MaxTokensField.MAX_TOKENS;

        private Builder() {
            super(DEFAULT_BASE_URL);
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * Which field carries the output token limit. Default {@code max_tokens}, understood by every
         * compatible server; OpenAI's reasoning models need {@code max_completion_tokens}.
         */
        public Builder maxTokensField(OpenAiRequestEncoder.MaxTokensField value) {
            this.maxTokensField = Objects.requireNonNull(value, "maxTokensField");
            return this;
        }

        /** The client. */
        public OpenAiChatClient build() {
            return new OpenAiChatClient(new HttpModelClient(settings(), new OpenAiDialect(new OpenAiRequestEncoder(maxTokensField))));
        }
    }

    /** Chat completions on the wire, from the pure codecs. */
    private record OpenAiDialect(OpenAiRequestEncoder encoder) implements Dialect {
        @Override
        public String providerName() {
            return "OpenAI-compatible server";
        }

        @Override
        public String path() {
            return "/chat/completions";
        }

        @Override
        public void authorize(HttpRequest.Builder request, String key) {
            request.setHeader("authorization", "Bearer " + key);
        }

        @Override
        public byte[] encode(ModelRequest request, boolean stream) {
            return encoder.encode(request, stream);
        }

        @Override
        public StreamAccumulator newAccumulator() {
            return new OpenAiStreamAccumulator();
        }

        @Override
        public ReplyResult decode(byte[] body) {
            return OpenAiResponseDecoder.decode(body);
        }

        @Override
        public ModelFailure failure(int status, HeaderLookup headers, String body, Instant now) {
            return OpenAiErrorMapper.fromHttp(status, headers, body, now);
        }
    }
}
