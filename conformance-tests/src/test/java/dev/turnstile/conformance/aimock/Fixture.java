package dev.turnstile.conformance.aimock;

import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One aimock fixture in the JSON its control API takes: {@code match} criteria, a {@code response}, and
 * optionally {@code chaos} rates and stream interruption. aimock answers a request with the first fixture
 * (in the order added) whose criteria all hold.
 *
 * <p>Every fixture here is scoped to one test with {@code match.context}: it only matches requests carrying
 * that test's {@code X-AIMock-Context} header (which {@link Provider} clients send), so tests sharing a
 * server never answer each other. aimock also keeps {@code sequenceIndex} counts per {@code X-Test-Id}.
 */
final class Fixture {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** A fault aimock injects instead of the response, with the given probability. */
    enum Chaos {
        /** HTTP 500 {@code chaos_drop}. */
        DROP("dropRate"),
        /** HTTP 200, {@code Content-Type: application/json}, body {@code {malformed json: <<<chaos>>>}. */
        MALFORMED("malformedRate"),
        /** The connection is destroyed before any response byte. */
        DISCONNECT("disconnectRate"),
        /** HTTP 429 {@code chaos_ratelimit} with {@code Retry-After: 1}. */
        RATE_LIMIT("rateLimitRate");

        private final String field;

        Chaos(String field) {
            this.field = field;
        }
    }

    /** A tool call for the scripted model to ask for; aimock streams {@code argumentsJson} as given. */
    record Call(String id, String name, String argumentsJson) {}

    private final ObjectNode json = MAPPER.createObjectNode();

    private Fixture(String testId) {
        json.putObject("match").put("context", testId);
    }

    /** A fixture that only matches requests of test {@code testId}. */
    static Fixture forTest(String testId) {
        return new Fixture(testId);
    }

    /** The last user message contains {@code text}. */
    Fixture userMessage(String text) {
        match().put("userMessage", text);
        return this;
    }

    /** No tool result after the last user message: the first round of a turn. */
    Fixture beforeAnyToolResult() {
        match().put("hasToolResult", false);
        return this;
    }

    /** The request's last message is the result of tool call {@code toolCallId}. */
    Fixture afterToolResult(String toolCallId) {
        match().put("toolCallId", toolCallId);
        return this;
    }

    /**
     * Only the {@code index}-th request (from 0) of this test that matches the other criteria: aimock counts
     * matches per group of fixtures with equal criteria, per {@code X-Test-Id}.
     */
    Fixture attempt(int index) {
        match().put("sequenceIndex", index);
        return this;
    }

    /** Answers with text. */
    Fixture replyText(String text) {
        response().put("content", text);
        return this;
    }

    /** Answers with tool calls, in this order. */
    Fixture replyToolCalls(List<Call> calls) {
        ArrayNode list = response().putArray("toolCalls");
        calls.forEach(c -> list.addObject().put("id", c.id()).put("name", c.name()).put("arguments", c.argumentsJson()));
        return this;
    }

    /** Streams a tool call first and text after it (aimock's ordered {@code blocks}); plain replies stream text first. */
    Fixture replyToolCallThenText(Call call, String text) {
        ArrayNode blocks = response().putArray("blocks");
        blocks.addObject().put("type", "toolCall").put("id", call.id()).put("name", call.name())
                .put("arguments", call.argumentsJson());
        blocks.addObject().put("type", "text").put("text", text);
        return this;
    }

    /**
     * Streams text {@code characters} UTF-16 code units per delta: with 1, a character outside the BMP
     * arrives as two deltas, each an escaped lone surrogate.
     */
    Fixture chunkSize(int characters) {
        json.put("chunkSize", characters);
        return this;
    }

    /** Reports this token usage (aimock otherwise estimates it from the text lengths). */
    Fixture usage(int promptTokens, int completionTokens) {
        response().putObject("usage").put("prompt_tokens", promptTokens).put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens);
        return this;
    }

    /** The finish reason in chat completions' terms; aimock maps it per format ({@code length} is Anthropic's {@code max_tokens}). */
    Fixture finishReason(String reason) {
        response().put("finishReason", reason);
        return this;
    }

    /** Reasoning streamed before the answer: {@code reasoning_content} deltas, or an Anthropic {@code thinking} block. */
    Fixture reasoning(String text) {
        response().put("reasoning", text);
        return this;
    }

    /** Answers with an error status and body, in each format's error shape. */
    Fixture replyError(int status, String type, String code, String message) {
        response().put("status", status).putObject("error").put("type", type).put("code", code).put("message", message);
        return this;
    }

    /** Injects {@code fault} with probability {@code rate}; 0 overrides a server-wide {@code --chaos-*} rate. */
    Fixture chaos(Chaos fault, double rate) {
        ObjectNode chaos = json.path("chaos").isObject() ? (ObjectNode) json.get("chaos") : json.putObject("chaos");
        chaos.put(fault.field, rate);
        return this;
    }

    /**
     * Streams the reply in chunks of {@code chunkSize} characters, {@code latencyMillis} apart, and drops the
     * connection after {@code chunks} SSE events: a stream cut midway, without its end marker. (Without the
     * pause aimock drops the connection before its writes are flushed, which is a plain disconnect.)
     */
    Fixture cutAfterChunks(int chunks, int chunkSize, int latencyMillis) {
        json.put("truncateAfterChunks", chunks).put("chunkSize", chunkSize).put("latency", latencyMillis);
        return this;
    }

    ObjectNode json() {
        return json.deepCopy();
    }

    private ObjectNode match() {
        return (ObjectNode) json.get("match");
    }

    private ObjectNode response() {
        return json.path("response").isObject() ? (ObjectNode) json.get("response") : json.putObject("response");
    }
}
