package dev.turnstile.netty.http;

import dev.turnstile.model.ModelRequest;
import dev.turnstile.wire.HeaderLookup;
import dev.turnstile.wire.ModelFailure;
import dev.turnstile.wire.ReplyResult;
import dev.turnstile.wire.StreamAccumulator;
import dev.turnstile.wire.openai.OpenAiErrorMapper;
import dev.turnstile.wire.openai.OpenAiRequestEncoder;
import dev.turnstile.wire.openai.OpenAiResponseDecoder;
import dev.turnstile.wire.openai.OpenAiStreamAccumulator;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.time.Instant;

/** OpenAI chat completions: {@code POST <base>/chat/completions} with a bearer key. */
final class OpenAiProtocol implements ProviderProtocol {

    private final ApiKey apiKey;
    private final OpenAiRequestEncoder encoder;

    OpenAiProtocol(ApiKey apiKey, OpenAiRequestEncoder encoder) {
        this.apiKey = apiKey;
        this.encoder = encoder;
    }

    @Override
    public String path() {
        return "/chat/completions";
    }

    @Override
    public void addHeaders(HttpHeaders headers) {
        // Local servers (Ollama, llama.cpp) need no key; sending an empty bearer would be rejected by some.
        if (!apiKey.isEmpty()) {
            headers.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + apiKey.reveal());
        }
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
    public ReplyResult decodeBody(byte[] body) {
        return OpenAiResponseDecoder.decode(body);
    }

    @Override
    public String redact(String text) {
        return apiKey.redact(text);
    }

    @Override
    public ModelFailure mapError(int status, HeaderLookup headers, String body, Instant now) {
        return OpenAiErrorMapper.fromHttp(status, headers, body, now);
    }
}
