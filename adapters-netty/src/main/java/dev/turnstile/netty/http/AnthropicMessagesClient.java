package dev.turnstile.netty.http;

import dev.turnstile.host.ModelCall;
import dev.turnstile.host.ModelClient;
import dev.turnstile.model.ModelRequest;
import dev.turnstile.wire.StreamDelta;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A non-blocking {@link ModelClient} for the Anthropic messages API on Netty: HTTP/1.1 keep-alive
 * connections pooled per origin, TLS with host name verification, streamed replies decoded as they
 * arrive, read on demand. Every provider failure completes the call with a classified
 * {@link dev.turnstile.wire.ReplyResult.Failed}; {@link ModelCall#cancel()} closes the connection so
 * the provider stops generating.
 *
 * <pre>{@code
 * AnthropicMessagesClient model = AnthropicMessagesClient.builder()
 *         .apiKeyFromEnv("ANTHROPIC_API_KEY")
 *         .build();
 * }</pre>
 *
 * <p>The API key is sent only in the {@code x-api-key} header and never appears in logs, messages or
 * {@link #toString()}.
 */
public final class AnthropicMessagesClient implements ModelClient, AutoCloseable {

    /** Anthropic's own endpoint ({@code /messages} is appended). */
    public static final String DEFAULT_BASE_URL = "https://api.anthropic.com/v1";
    /** The API version whose wire format the codecs implement. */
    public static final String DEFAULT_ANTHROPIC_VERSION = "2023-06-01";

    private final NettyModelClient core;

    private AnthropicMessagesClient(NettyModelClient core) {
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
        return "AnthropicMessagesClient[" + core.origin() + core.target() + "]";
    }

    /** Builds an {@link AnthropicMessagesClient}; the shared setters are {@link ModelClientBuilder}'s. */
    public static final class Builder extends ModelClientBuilder<Builder> {
        private String anthropicVersion = DEFAULT_ANTHROPIC_VERSION;

        private Builder() {
            super(DEFAULT_BASE_URL);
        }

        @Override
        Builder self() {
            return this;
        }

        /** The {@code anthropic-version} header; default {@link #DEFAULT_ANTHROPIC_VERSION}. */
        public Builder anthropicVersion(String value) {
            this.anthropicVersion = Objects.requireNonNull(value, "anthropicVersion");
            return this;
        }

        /** The client. */
        public AnthropicMessagesClient build() {
            return new AnthropicMessagesClient(buildCore(new AnthropicProtocol(apiKey, anthropicVersion)));
        }
    }
}
