package dev.turnstile.netty.http;

import dev.turnstile.model.ModelRequest;
import dev.turnstile.wire.HeaderLookup;
import dev.turnstile.wire.ModelFailure;
import dev.turnstile.wire.ReplyResult;
import dev.turnstile.wire.StreamAccumulator;
import dev.turnstile.wire.anthropic.AnthropicErrorMapper;
import dev.turnstile.wire.anthropic.AnthropicRequestEncoder;
import dev.turnstile.wire.anthropic.AnthropicResponseDecoder;
import dev.turnstile.wire.anthropic.AnthropicStreamAccumulator;
import io.netty.handler.codec.http.HttpHeaders;
import java.time.Instant;

/** Anthropic messages: {@code POST <base>/messages} with {@code x-api-key} and an API version header. */
final class AnthropicProtocol implements ProviderProtocol {

    private final ApiKey apiKey;
    private final String apiVersion;

    AnthropicProtocol(ApiKey apiKey, String apiVersion) {
        this.apiKey = apiKey;
        this.apiVersion = apiVersion;
    }

    @Override
    public String path() {
        return "/messages";
    }

    @Override
    public void addHeaders(HttpHeaders headers) {
        if (!apiKey.isEmpty()) {
            headers.set("x-api-key", apiKey.reveal());
        }
        headers.set("anthropic-version", apiVersion);
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
    public ReplyResult decodeBody(byte[] body) {
        return AnthropicResponseDecoder.decode(body);
    }

    @Override
    public String redact(String text) {
        return apiKey.redact(text);
    }

    @Override
    public ModelFailure mapError(int status, HeaderLookup headers, String body, Instant now) {
        return AnthropicErrorMapper.fromHttp(status, headers, body, now);
    }
}
