package dev.turnstile.netty.http;

import dev.turnstile.model.ModelRequest;
import dev.turnstile.wire.HeaderLookup;
import dev.turnstile.wire.ModelFailure;
import dev.turnstile.wire.ReplyResult;
import dev.turnstile.wire.StreamAccumulator;
import io.netty.handler.codec.http.HttpHeaders;
import java.time.Instant;

/**
 * What differs between the providers a {@link NettyModelClient} speaks: where to send, how to
 * authenticate, and which pure codecs from {@code dev.turnstile.wire} turn requests and responses
 * into bytes and back.
 */
interface ProviderProtocol {

    /** The request path relative to the base URL's path, starting with {@code /}. */
    String path();

    /** Adds authentication and version headers. The values are secrets: never log them. */
    void addHeaders(HttpHeaders headers);

    /** The request body. */
    byte[] encode(ModelRequest request, boolean stream);

    /** A fresh accumulator for one streamed response. */
    StreamAccumulator newAccumulator();

    /** Decodes a complete non-streamed 2xx body. */
    ReplyResult decodeBody(byte[] body);

    /** {@code text} with the API key removed, for failure messages built from provider error bodies. */
    String redact(String text);

    /** Classifies a non-2xx response. */
    ModelFailure mapError(int status, HeaderLookup headers, String body, Instant now);
}
