package dev.turnstile.blocking.http;

import dev.turnstile.model.ModelRequest;
import dev.turnstile.wire.HeaderLookup;
import dev.turnstile.wire.ModelFailure;
import dev.turnstile.wire.ReplyResult;
import dev.turnstile.wire.StreamAccumulator;
import java.net.http.HttpRequest;
import java.time.Instant;

/**
 * What differs between providers, all of it delegated to the pure codecs of {@code dev.turnstile.wire}:
 * the path, how the key is sent, the request body, the stream accumulator, the body decoder and the
 * error mapper. {@link HttpModelCall} does the HTTP around it.
 */
interface Dialect {

    /** The provider's name, for messages. */
    String providerName();

    /** The path appended to the base URL, starting with a slash. */
    String path();

    /** Adds the authentication header carrying {@code key}. */
    void authorize(HttpRequest.Builder request, String key);

    /** The request body. */
    byte[] encode(ModelRequest request, boolean stream);

    /** A new accumulator for one streamed response. */
    StreamAccumulator newAccumulator();

    /** Decodes a complete (non-streamed) 2xx body. */
    ReplyResult decode(byte[] body);

    /** Classifies a non-2xx response. */
    ModelFailure failure(int status, HeaderLookup headers, String body, Instant now);
}
