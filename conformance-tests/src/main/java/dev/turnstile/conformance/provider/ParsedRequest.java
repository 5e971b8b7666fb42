package dev.turnstile.conformance.provider;

import java.util.List;

/**
 * One request exactly as read from the wire, before redaction.
 *
 * @param method  the method, e.g. {@code POST}
 * @param target  the request target in origin form, e.g. {@code /v1/messages?beta=true}
 * @param version {@code HTTP/1.1} or {@code HTTP/1.0}
 * @param headers the header lines, in order, with their values (secrets included)
 * @param body    the body with any chunked framing removed
 */
record ParsedRequest(String method, String target, String version, List<Header> headers, byte[] body) {

    ParsedRequest {
        headers = List.copyOf(headers);
    }

    /** Whether the client asked for the connection to close after this exchange. */
    boolean wantsClose() {
        boolean close = headers.stream().filter(h -> h.hasName("connection"))
                .anyMatch(h -> hasToken(h.value(), "close"));
        boolean keepAlive = headers.stream().filter(h -> h.hasName("connection"))
                .anyMatch(h -> hasToken(h.value(), "keep-alive"));
        return close || ("HTTP/1.0".equals(version) && !keepAlive);
    }

    private static boolean hasToken(String headerValue, String token) {
        for (String part : headerValue.split(",")) {
            if (part.trim().equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }
}
