package dev.turnstile.conformance.provider;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Factories for the common shapes of {@link Response}: a JSON body, an SSE stream with one event
 * per chunk, raw chunks, and recorded fixtures.
 */
public final class Responses {

    /** The content type of every JSON body. */
    public static final String JSON_CONTENT_TYPE = "application/json";
    /** The content type of every SSE stream, as OpenAI and Anthropic send it. */
    public static final String SSE_CONTENT_TYPE = "text/event-stream; charset=utf-8";

    private Responses() {}

    /** A JSON body with {@code Content-Length}, in one chunk. */
    public static Response json(int status, JsonNode body) {
        return json(status, Json.write(body));
    }

    /** A JSON body given as text (not checked, so it may be malformed on purpose). */
    public static Response json(int status, String body) {
        return bytes(status, JSON_CONTENT_TYPE, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Any body with {@code Content-Length}, in one chunk (no chunk at all if empty). */
    public static Response bytes(int status, String contentType, byte[] body) {
        List<byte[]> chunks = body.length == 0 ? List.of() : List.of(body);
        return Response.of(status, List.of(new Header("content-type", contentType)), chunks, BodyFraming.CONTENT_LENGTH);
    }

    /** A chunked body: each element is written and flushed as one HTTP chunk. */
    public static Response chunked(int status, String contentType, List<byte[]> chunks) {
        return Response.of(status, List.of(new Header("content-type", contentType)), chunks, BodyFraming.CHUNKED);
    }

    /** A 200 SSE stream, one event per HTTP chunk. */
    public static Response sse(List<SseEvent> events) {
        return chunked(200, SSE_CONTENT_TYPE, events.stream().map(SseEvent::encode).toList());
    }

    /** A 200 OpenAI-style stream: {@code data: <json>} per payload, then {@code data: [DONE]}. */
    public static Response openAiStream(List<? extends JsonNode> payloads) {
        List<SseEvent> events = new ArrayList<>();
        payloads.forEach(payload -> events.add(SseEvent.openAi(payload)));
        events.add(SseEvent.openAiDone());
        return sse(events);
    }

    /** A 200 Anthropic-style stream: {@code event: <type>} and {@code data: <json>} per event. */
    public static Response anthropicStream(List<? extends JsonNode> events) {
        return sse(events.stream().map(SseEvent::anthropic).toList());
    }

    /**
     * A recorded body from the classpath, served as {@link Fixtures#response(String)} describes:
     * e.g. {@code Responses.fixture("fixtures/openai/test_complex_agent_run.0.response.sse")}.
     */
    public static Response fixture(String resourceName) {
        return Fixtures.response(resourceName);
    }
}
