package dev.turnstile.conformance.provider;

/** How a response body is delimited on the wire. */
public enum BodyFraming {
    /**
     * {@code Transfer-Encoding: chunked}: every body chunk becomes one HTTP chunk, written and
     * flushed on its own, so chunk boundaries are visible on the wire. Used for streams.
     */
    CHUNKED,
    /**
     * {@code Content-Length}: the length of the whole body is announced up front; the chunks are
     * still written and flushed one by one. Used for plain JSON bodies.
     */
    CONTENT_LENGTH
}
