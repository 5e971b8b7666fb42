package dev.turnstile.conformance.provider;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A request the fake provider server received, kept for assertions. Credential headers
 * ({@code authorization}, {@code proxy-authorization}, {@code x-api-key}, {@code api-key}) are
 * recorded with the value {@code REDACTED}; {@link #sentSecret} checks a value without keeping it.
 */
public final class RecordedRequest {

    private record SecretDigest(String headerName, byte[] digest) {}

    private final long number;
    private final long connectionId;
    private final String method;
    private final String target;
    private final String httpVersion;
    private final List<Header> headers;
    private final List<SecretDigest> secretDigests;
    private final byte[] body;
    private final JsonNode json;

    private RecordedRequest(long number, long connectionId, ParsedRequest parsed) {
        this.number = number;
        this.connectionId = connectionId;
        this.method = parsed.method();
        this.target = parsed.target();
        this.httpVersion = parsed.version();
        List<Header> redacted = new ArrayList<>();
        List<SecretDigest> digests = new ArrayList<>();
        for (Header header : parsed.headers()) {
            if (Redaction.isSecret(header.name())) {
                redacted.add(new Header(header.name(), Redaction.REDACTED));
                digests.add(new SecretDigest(header.name(), Redaction.digest(header.value())));
            } else {
                redacted.add(header);
            }
        }
        this.headers = List.copyOf(redacted);
        this.secretDigests = List.copyOf(digests);
        this.body = parsed.body().clone();
        this.json = Json.parseOrMissing(new String(body, StandardCharsets.UTF_8));
    }

    static RecordedRequest of(long number, long connectionId, ParsedRequest parsed) {
        return new RecordedRequest(number, connectionId, parsed);
    }

    /** Position of this request among all the server received, from 1. */
    public long number() {
        return number;
    }

    /** Which TCP connection carried it, from 1; equal ids mean a reused (kept-alive) connection. */
    public long connectionId() {
        return connectionId;
    }

    /** The method, e.g. {@code POST}. */
    public String method() {
        return method;
    }

    /** The request target as sent, path and query, e.g. {@code /v1/chat/completions?api-version=1}. */
    public String target() {
        return target;
    }

    /** The path part of the target, without the query. */
    public String path() {
        int question = target.indexOf('?');
        return question < 0 ? target : target.substring(0, question);
    }

    /** The raw query after {@code ?}, or the empty string. */
    public String query() {
        int question = target.indexOf('?');
        return question < 0 ? "" : target.substring(question + 1);
    }

    /** {@code HTTP/1.1} or {@code HTTP/1.0}. */
    public String httpVersion() {
        return httpVersion;
    }

    /** All header lines in order, credentials redacted. */
    public List<Header> headers() {
        return headers;
    }

    /** The first value of the named header, ignoring case of the name. */
    public Optional<String> header(String name) {
        return headers.stream().filter(h -> h.hasName(name)).map(Header::value).findFirst();
    }

    /** Every value of the named header, in order. */
    public List<String> headerValues(String name) {
        return headers.stream().filter(h -> h.hasName(name)).map(Header::value).toList();
    }

    /**
     * Whether the named credential header was sent with exactly this value. The value itself was
     * never stored, only its SHA-256 digest.
     */
    public boolean sentSecret(String headerName, String expectedValue) {
        byte[] expected = Redaction.digest(expectedValue);
        return secretDigests.stream().anyMatch(d -> d.headerName().equalsIgnoreCase(headerName)
                && MessageDigest.isEqual(d.digest(), expected));
    }

    /** A copy of the body bytes (chunked request framing already removed). */
    public byte[] bodyBytes() {
        return body.clone();
    }

    /** The body decoded as UTF-8. */
    public String body() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body parsed as JSON; a {@code MissingNode} if it is empty or not JSON. */
    public JsonNode json() {
        return json;
    }

    /** Whether the body parsed as JSON. */
    public boolean isJson() {
        return !json.isMissingNode();
    }

    /** The request's {@code "model"}, if any. */
    public Optional<String> model() {
        return json.path("model").isString() ? Optional.of(json.path("model").stringValue()) : Optional.empty();
    }

    /** Whether the request asks for a stream ({@code "stream": true}). */
    public boolean isStreaming() {
        return json.path("stream").isBoolean() && json.path("stream").booleanValue();
    }

    /**
     * The text of the last user message that has text (OpenAI or Anthropic format); user messages
     * holding only tool results are skipped.
     */
    public Optional<String> lastUserText() {
        return ChatRequestBodies.lastUserText(json);
    }

    /**
     * The ids of all tool results in the conversation, in order: OpenAI {@code role:"tool"}
     * messages' {@code tool_call_id} and Anthropic {@code tool_result} blocks' {@code tool_use_id}.
     */
    public List<String> toolResultIds() {
        return ChatRequestBodies.toolResultIds(json);
    }

    @Override
    public String toString() {
        return "#" + number + " " + method + " " + target + " (connection " + connectionId + ", " + body.length + " body bytes)";
    }
}
