package dev.turnstile.conformance.provider;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * One server-sent event as the server frames it: an optional {@code event:} line, one
 * {@code data:} line per line of data, and a blank line. The data is sent as given, so a test
 * can send malformed JSON on purpose.
 *
 * @param event the event name, or {@code null} for none (OpenAI streams name no events)
 * @param data  the data; each {@code \n} in it starts another {@code data:} line
 */
public record SseEvent(String event, String data) {

    /** Rejects a null data or an event name spanning lines. */
    public SseEvent {
        Objects.requireNonNull(data, "data");
        if (event != null && (event.indexOf('\n') >= 0 || event.indexOf('\r') >= 0)) {
            throw new IllegalArgumentException("event name must be one line: '" + event + "'");
        }
    }

    /** An unnamed event: {@code data: …}. */
    public static SseEvent data(String data) {
        return new SseEvent(null, data);
    }

    /** A named event: {@code event: name} then {@code data: …}. */
    public static SseEvent named(String event, String data) {
        return new SseEvent(Objects.requireNonNull(event, "event"), data);
    }

    /** An OpenAI stream event: {@code data: <json>}. */
    public static SseEvent openAi(JsonNode payload) {
        return data(Json.write(payload));
    }

    /** The OpenAI end-of-stream marker {@code data: [DONE]}. */
    public static SseEvent openAiDone() {
        return data("[DONE]");
    }

    /** An Anthropic stream event: {@code event: <payload.type>} then {@code data: <json>}. */
    public static SseEvent anthropic(JsonNode payload) {
        JsonNode type = payload.path("type");
        if (!type.isString()) {
            throw new IllegalArgumentException("an Anthropic event needs a string \"type\" field: " + payload);
        }
        return named(type.stringValue(), Json.write(payload));
    }

    /** The wire bytes of this event, ending with the blank line that dispatches it. */
    public byte[] encode() {
        StringBuilder text = new StringBuilder();
        if (event != null) {
            text.append("event: ").append(event).append('\n');
        }
        for (String line : data.split("\n", -1)) {
            text.append("data: ").append(line).append('\n');
        }
        return text.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }
}
