package dev.turnstile.conformance.provider;

import java.util.Objects;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * A condition on a {@link RecordedRequest} that decides whether a {@link Rule} answers it.
 * Matchers made by the factories here describe themselves, which makes "no rule matched" errors
 * readable; a plain lambda works too and is described as "a custom predicate".
 *
 * <pre>{@code
 * RequestMatcher.openAiChat().and(RequestMatcher.lastUserTextEquals("What is the weather?"))
 * RequestMatcher.anthropicMessages().and(RequestMatcher.hasToolResultFor("toolu_1"))
 * }</pre>
 */
@FunctionalInterface
public interface RequestMatcher {

    /** Whether the request matches. */
    boolean matches(RecordedRequest request);

    /** A short description for error messages. */
    default String description() {
        return "a custom predicate";
    }

    /** Both this and {@code other} match. */
    default RequestMatcher and(RequestMatcher other) {
        Objects.requireNonNull(other, "other");
        return where(description() + " and " + other.description(), r -> matches(r) && other.matches(r));
    }

    /** This or {@code other} matches. */
    default RequestMatcher or(RequestMatcher other) {
        Objects.requireNonNull(other, "other");
        return where("(" + description() + " or " + other.description() + ")", r -> matches(r) || other.matches(r));
    }

    /** This does not match. */
    default RequestMatcher negate() {
        return where("not (" + description() + ")", r -> !matches(r));
    }

    /** A matcher from a predicate, with a description for error messages. */
    static RequestMatcher where(String description, Predicate<RecordedRequest> predicate) {
        return new DescribedMatcher(description, predicate);
    }

    /** Every request. */
    static RequestMatcher any() {
        return where("any request", r -> true);
    }

    /** Requests to exactly this path (query ignored). */
    static RequestMatcher path(String path) {
        return where("path " + path, r -> r.path().equals(path));
    }

    /** Requests to the OpenAI route {@value FakeProviderServer#OPENAI_CHAT_COMPLETIONS_PATH}. */
    static RequestMatcher openAiChat() {
        return path(FakeProviderServer.OPENAI_CHAT_COMPLETIONS_PATH);
    }

    /** Requests to the Anthropic route {@value FakeProviderServer#ANTHROPIC_MESSAGES_PATH}. */
    static RequestMatcher anthropicMessages() {
        return path(FakeProviderServer.ANTHROPIC_MESSAGES_PATH);
    }

    /** The last user message with text has exactly this text (see {@link RecordedRequest#lastUserText}). */
    static RequestMatcher lastUserTextEquals(String text) {
        return where("last user text equals \"" + text + "\"", r -> r.lastUserText().filter(text::equals).isPresent());
    }

    /** The last user message with text contains this text. */
    static RequestMatcher lastUserTextContains(String text) {
        return where("last user text contains \"" + text + "\"", r -> r.lastUserText().filter(t -> t.contains(text)).isPresent());
    }

    /** The conversation holds a tool result for this call id (either format). */
    static RequestMatcher hasToolResultFor(String toolCallId) {
        return where("has a tool result for " + toolCallId, r -> r.toolResultIds().contains(toolCallId));
    }

    /** The conversation holds exactly this many tool results. */
    static RequestMatcher toolResultCount(int count) {
        return where("has " + count + " tool results", r -> r.toolResultIds().size() == count);
    }

    /** The raw body contains this text. */
    static RequestMatcher bodyContains(String text) {
        return where("body contains \"" + text + "\"", r -> r.body().contains(text));
    }

    /** The JSON value at this pointer (e.g. {@code /model}) is the string {@code value}. */
    static RequestMatcher jsonStringAt(String pointer, String value) {
        return where(pointer + " is \"" + value + "\"", r -> {
            JsonNode node = r.json().at(pointer);
            return node.isString() && node.stringValue().equals(value);
        });
    }

    /** The request asks for a stream ({@code "stream": true}) or not. */
    static RequestMatcher streaming(boolean streaming) {
        return where(streaming ? "streaming" : "not streaming", r -> r.isStreaming() == streaming);
    }

    /** The named header has exactly this value (a redacted credential header reads {@code REDACTED}). */
    static RequestMatcher header(String name, String value) {
        return where("header " + name + ": " + value, r -> r.headerValues(name).contains(value));
    }
}
