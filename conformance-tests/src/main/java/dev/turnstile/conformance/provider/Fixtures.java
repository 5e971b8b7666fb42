package dev.turnstile.conformance.provider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Serves recorded provider traffic from the classpath (for this project's tests, the
 * {@code fixtures/...} folder of the {@code turnstile-machine} test-jar; see its SOURCES.md).
 * Resources are read through the thread's context class loader, falling back to this kit's own.
 */
public final class Fixtures {

    /** Response headers in a recording that the server must not copy: it frames the body itself. */
    private static final List<String> FRAMING_HEADERS =
            List.of("content-length", "transfer-encoding", "content-encoding", "connection");

    private Fixtures() {}

    /** The bytes of a classpath resource, e.g. {@code "fixtures/openai/x.0.response.sse"}. */
    public static byte[] bytes(String resourceName) {
        String name = resourceName.startsWith("/") ? resourceName.substring(1) : resourceName;
        try (InputStream in = open(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fixture " + name, e);
        }
    }

    /**
     * A 200 response with the resource as its body, chosen by file name:
     * <ul>
     *   <li>{@code *.sse}: chunked, one chunk per SSE event, as a real provider flushes them;</li>
     *   <li>{@code *.json}: JSON with {@code Content-Length};</li>
     *   <li>{@code *.chunks.txt} (one JSON payload per line): {@link #chunksAsOpenAiStream}.</li>
     * </ul>
     * Re-cut the body with {@link Response#rechunkedRandomly} and the like.
     */
    public static Response response(String resourceName) {
        String lower = resourceName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".sse")) {
            return Responses.chunked(200, Responses.SSE_CONTENT_TYPE, Chunking.atSseEventBoundaries(bytes(resourceName)));
        }
        if (lower.endsWith(".json")) {
            return Responses.bytes(200, Responses.JSON_CONTENT_TYPE, bytes(resourceName));
        }
        if (lower.endsWith(".chunks.txt")) {
            return chunksAsOpenAiStream(resourceName);
        }
        throw new IllegalArgumentException("cannot tell how to serve " + resourceName
                + ": expected a name ending in .sse, .json or .chunks.txt");
    }

    /**
     * A {@code .chunks.txt} resource (one JSON payload per line, no framing) as an OpenAI stream:
     * {@code data: <line>} per line, one chunk each, then {@code data: [DONE]}. Lines are sent as
     * they are, not re-serialised.
     */
    public static Response chunksAsOpenAiStream(String resourceName) {
        List<SseEvent> events = new ArrayList<>();
        payloadLines(resourceName).forEach(line -> events.add(SseEvent.data(line)));
        events.add(SseEvent.openAiDone());
        return Responses.sse(events);
    }

    /**
     * A {@code .chunks.txt} resource as an Anthropic stream: {@code event: <type>} (read from the
     * line's {@code type} field) and {@code data: <line>} per line, one chunk each.
     */
    public static Response chunksAsAnthropicStream(String resourceName) {
        List<SseEvent> events = new ArrayList<>();
        for (String line : payloadLines(resourceName)) {
            JsonNode type = Json.parse(line, "a line of " + resourceName).path("type");
            if (!type.isString()) {
                throw new IllegalArgumentException("a line of " + resourceName + " has no string \"type\": " + line);
            }
            events.add(SseEvent.named(type.stringValue(), line));
        }
        return Responses.sse(events);
    }

    /**
     * Replays interaction {@code index} of a recording split into files as SOURCES.md describes:
     * reads {@code <recording>.<index>.meta.json} and serves the body file it names with the
     * recorded status, content type and headers (minus framing headers). A streamed body is cut at
     * SSE event boundaries. Example: {@code recordedInteraction("fixtures/anthropic/test_tools", 0)}.
     */
    public static Response recordedInteraction(String recording, int index) {
        JsonNode meta = meta(recording, index);
        JsonNode recorded = meta.path("response");
        byte[] body = bytes(sibling(recording, requiredString(recorded, "body_file", recording + "." + index)));
        return withRecordedHeaders(recorded, body, recorded.path("streaming").asBoolean(false));
    }

    /**
     * Like {@link #recordedInteraction} but serves the original gzip bytes the recording kept
     * ({@code gzip_body_file}), with {@code content-encoding: gzip}.
     */
    public static Response recordedInteractionGzipped(String recording, int index) {
        JsonNode recorded = meta(recording, index).path("response");
        byte[] body = bytes(sibling(recording, requiredString(recorded, "gzip_body_file", recording + "." + index)));
        Response plain = withRecordedHeaders(recorded, body, false);
        BodyFraming framing = recorded.path("streaming").asBoolean(false) ? BodyFraming.CHUNKED : BodyFraming.CONTENT_LENGTH;
        return plain.withFraming(framing).withHeader("content-encoding", "gzip");
    }

    private static Response withRecordedHeaders(JsonNode recorded, byte[] body, boolean splitAtEvents) {
        List<Header> headers = new ArrayList<>();
        headers.add(new Header("content-type", recorded.path("content_type").asString(Responses.JSON_CONTENT_TYPE)));
        for (Map.Entry<String, JsonNode> header : recorded.path("headers").properties()) {
            if (!FRAMING_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                headers.add(new Header(header.getKey(), header.getValue().asString()));
            }
        }
        int status = recorded.path("status").asInt(200);
        if (splitAtEvents) {
            return Response.of(status, headers, Chunking.atSseEventBoundaries(body), BodyFraming.CHUNKED);
        }
        return Response.of(status, headers, body.length == 0 ? List.of() : List.of(body), BodyFraming.CONTENT_LENGTH);
    }

    private static JsonNode meta(String recording, int index) {
        String name = recording + "." + index + ".meta.json";
        return Json.parse(new String(bytes(name), StandardCharsets.UTF_8), name);
    }

    private static String requiredString(JsonNode parent, String field, String where) {
        JsonNode value = parent.path(field);
        if (!value.isString()) {
            throw new IllegalArgumentException("the meta file of " + where + " has no string response." + field);
        }
        return value.stringValue();
    }

    private static String sibling(String recording, String fileName) {
        int slash = recording.lastIndexOf('/');
        return slash < 0 ? fileName : recording.substring(0, slash + 1) + fileName;
    }

    private static List<String> payloadLines(String resourceName) {
        String text = new String(bytes(resourceName), StandardCharsets.UTF_8);
        return text.lines().filter(line -> !line.isBlank()).toList();
    }

    private static InputStream open(String name) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        InputStream in = context == null ? null : context.getResourceAsStream(name);
        if (in == null) {
            in = Fixtures.class.getClassLoader().getResourceAsStream(name);
        }
        if (in == null) {
            throw new IllegalArgumentException("fixture not found on the classpath: " + name
                    + " (is the test-jar that holds it a test dependency?)");
        }
        return in;
    }
}
