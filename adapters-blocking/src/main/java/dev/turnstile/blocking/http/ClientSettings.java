package dev.turnstile.blocking.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The validated settings of one model client, as its builder collected them.
 *
 * @param baseUri the provider's base URL without a trailing slash, e.g. {@code https://api.openai.com/v1}
 * @param headers extra request headers in insertion order (values may be secrets: never logged)
 * @param idleTimeout longest silence allowed, both before the response headers and between body chunks
 * @param httpClient the JDK client to send with
 * @param ownsHttpClient whether closing the model client closes {@code httpClient} (it built it)
 * @param clock the clock read to turn an HTTP-date {@code retry-after} into a delay
 */
record ClientSettings(URI baseUri, ApiKey apiKey, Map<String, String> headers, Duration idleTimeout,
        boolean streaming, HttpClient httpClient, boolean ownsHttpClient, InstantSource clock) {

    ClientSettings {
        Objects.requireNonNull(baseUri, "baseUri");
        Objects.requireNonNull(apiKey, "apiKey");
        headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(httpClient, "httpClient");
        Objects.requireNonNull(clock, "clock");
    }

    /** The full URI of a provider path such as {@code /chat/completions}. */
    URI endpoint(String path) {
        return URI.create(baseUri + path);
    }

    /** Plain HTTP (a local server) speaks HTTP/1.1; HTTPS negotiates HTTP/2 with ALPN. */
    HttpClient.Version version() {
        return "https".equalsIgnoreCase(baseUri.getScheme()) ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1;
    }

    /** For toString: where requests go and which header names are set, never their values. */
    String describe() {
        return baseUri + ", key " + apiKey + (headers.isEmpty() ? "" : ", headers " + headers.keySet())
                + ", idle timeout " + idleTimeout.toMillis() + " ms" + (streaming ? ", streaming" : "");
    }
}
