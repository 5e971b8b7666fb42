package dev.turnstile.conformance.aimock;

import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * One request in aimock's journal ({@code GET /__aimock/journal}).
 *
 * <p>What aimock records: method, path, the request headers (lower-case names; the values of
 * {@code authorization}, {@code x-api-key} and other key headers replaced by {@code [REDACTED]}), the parsed
 * body, and the status it answered with plus the chaos action it applied, if any. For OpenAI the body is the
 * request as sent (plus aimock's own {@code _endpointType}); for Anthropic it is aimock's translation of the
 * request into the chat completions shape (system prompt as a {@code system} message, {@code tool_use}
 * blocks as {@code tool_calls} with {@code JSON.stringify}'d input, {@code tool_result} blocks as {@code tool}
 * messages, {@code input_schema} as {@code parameters}).
 *
 * @param status the HTTP status aimock answered; 0 when it dropped the connection before a status line
 * @param chaosAction the fault aimock injected instead of the response: {@code rateLimit}, {@code disconnect}…
 * @param interruptReason why aimock broke off a stream it had started, e.g. {@code truncateAfterChunks}
 */
record JournalEntry(String method, String path, int status, Optional<String> chaosAction,
        Optional<String> interruptReason, JsonNode headers, JsonNode body) {

    static JournalEntry of(JsonNode entry) {
        JsonNode response = entry.path("response");
        return new JournalEntry(entry.path("method").asString(""), entry.path("path").asString(""),
                response.path("status").asInt(-1), text(response.path("chaosAction")),
                text(response.path("interruptReason")), entry.path("headers"), entry.path("body"));
    }

    /** Status, then the fault or interruption if any: {@code "429 rateLimit"}, {@code "200 cut: truncateAfterChunks"}, {@code "200"}. */
    String outcome() {
        return status + chaosAction.map(a -> " " + a).orElse("") + interruptReason.map(r -> " cut: " + r).orElse("");
    }

    private static Optional<String> text(JsonNode node) {
        return node.isString() ? Optional.of(node.asString()) : Optional.empty();
    }

    /** A header's recorded value, if it was sent. */
    Optional<String> header(String name) {
        JsonNode value = headers.path(name.toLowerCase(Locale.ROOT));
        return value.isString() ? Optional.of(value.asString()) : Optional.empty();
    }
}
