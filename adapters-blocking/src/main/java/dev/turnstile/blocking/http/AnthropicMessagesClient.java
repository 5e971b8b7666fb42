package dev.turnstile.blocking.http;

import dev.turnstile.host.ModelCall;
import dev.turnstile.host.ModelClient;
import dev.turnstile.model.ModelRequest;
import dev.turnstile.wire.HeaderLookup;
import dev.turnstile.wire.ModelFailure;
import dev.turnstile.wire.ReplyResult;
import dev.turnstile.wire.StreamAccumulator;
import dev.turnstile.wire.StreamDelta;
import dev.turnstile.wire.anthropic.AnthropicErrorMapper;
import dev.turnstile.wire.anthropic.AnthropicRequestEncoder;
import dev.turnstile.wire.anthropic.AnthropicResponseDecoder;
import dev.turnstile.wire.anthropic.AnthropicStreamAccumulator;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * A model client for the Anthropic messages API ({@code POST <baseUrl>/messages}) on the JDK
 * {@link java.net.http.HttpClient}.
 *
 * <pre>{@code
 * AnthropicMessagesClient claude = AnthropicMessagesClient.builder().apiKeyFromEnv("ANTHROPIC_API_KEY").build();
 * }</pre>
 *
 * <p>Sends {@code anthropic-version: }{@value #DEFAULT_ANTHROPIC_VERSION} unless
 * {@link Builder#anthropicVersion} (or a {@code header}) says otherwise; the key goes in
 * {@code x-api-key} and never appears in messages or {@link #toString()}. Replies are streamed by
 * default; every failure becomes a classified {@link dev.turnstile.wire.ReplyResult.Failed}.
 */
public final class AnthropicMessagesClient implements ModelClient, AutoCloseable {

    /** Anthropic's base URL, the default. */
    public static final String DEFAULT_BASE_URL = "https://api.anthropic.com/v1";
    /** The API version header value sent by default. */
    public static final String DEFAULT_ANTHROPIC_VERSION = "2023-06-01";

    private final HttpModelClient client;

    private AnthropicMessagesClient(HttpModelClient client) {
        this.client = client;
    }

    /** A builder with Anthropic's base URL and API version, no key, streaming on. */
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
        return "AnthropicMessagesClient[" + client + "]";
    }

    /** Builds an {@link AnthropicMessagesClient}. */
    public static final class Builder extends ModelClientBuilder<Builder> {

        private Builder() {
            super(DEFAULT_BASE_URL);
            header("anthropic-version", DEFAULT_ANTHROPIC_VERSION);
        }

        @Override
        Builder self() {
            return this;
        }

        /** The {@code anthropic-version} header. Default {@link AnthropicMessagesClient#DEFAULT_ANTHROPIC_VERSION}. */
        public Builder anthropicVersion(String value) {
            return header("anthropic-version", value);
        }

        /** The client. */
        public AnthropicMessagesClient build() {
            return new AnthropicMessagesClient(new HttpModelClient(settings(), new AnthropicDialect()));
        }
    }

    /** Messages on the wire, from the pure codecs. */
    private record AnthropicDialect() implements Dialect {
        @Override
        public String providerName() {
            return "Anthropic";
        }

        @Override
        public String path() {
            return "/messages";
        }

        @Override
        public void authorize(HttpRequest.Builder request, String key) {
            request.setHeader("x-api-key", key);
        }

        @Override
        public byte[] encode(ModelRequest request, boolean stream) {
            return AnthropicRequestEncoder.encode(request, stream);
        }

        @Override
        public StreamAccumulator newAccumulator() {
            return new AnthropicStreamAccumulator();
        }

        @Override
        public ReplyResult decode(byte[] body) {
            return AnthropicResponseDecoder.decode(body);
        }

        @Override
        public ModelFailure failure(int status, HeaderLookup headers, String body, Instant now) {
            return AnthropicErrorMapper.fromHttp(status, headers, body, now);
        }
    }
}
