package dev.turnstile.conformance.provider;

import java.util.List;
import java.util.Objects;

/**
 * A tool call a scripted reply makes, with its arguments JSON cut into the fragments a stream
 * delivers them in (OpenAI {@code function.arguments} deltas, Anthropic {@code input_json_delta}).
 * A non-streamed reply sends the joined {@link #arguments()}.
 *
 * @param id                the call id ({@code call_…} for OpenAI, {@code toolu_…} for Anthropic)
 * @param name              the tool name
 * @param argumentFragments the pieces of the arguments JSON, in order; may be empty (no arguments)
 */
public record ScriptedToolCall(String id, String name, List<String> argumentFragments) {

    /** Copies the fragment list and rejects nulls. */
    public ScriptedToolCall {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        argumentFragments = List.copyOf(argumentFragments);
    }

    /** A call whose arguments arrive in one fragment (none if {@code argumentsJson} is empty). */
    public static ScriptedToolCall of(String id, String name, String argumentsJson) {
        return new ScriptedToolCall(id, name, argumentsJson.isEmpty() ? List.of() : List.of(argumentsJson));
    }

    /** A call whose arguments arrive in exactly the given fragments. */
    public static ScriptedToolCall ofFragments(String id, String name, List<String> argumentFragments) {
        return new ScriptedToolCall(id, name, argumentFragments);
    }

    /** This call with its arguments re-cut into {@code count} nearly equal fragments. */
    public ScriptedToolCall inFragments(int count) {
        return new ScriptedToolCall(id, name, TextPieces.split(arguments(), count));
    }

    /** The whole arguments JSON: the fragments joined. */
    public String arguments() {
        return String.join("", argumentFragments);
    }
}
