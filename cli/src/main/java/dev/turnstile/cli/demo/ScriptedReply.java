package dev.turnstile.cli.demo;

import java.util.List;
import java.util.Objects;

/**
 * One reply of the scripted model: text, then tool calls.
 *
 * @param text the reply text; {@code {{result:i}}} stands for the i-th tool result of the latest round
 * @param toolCalls the calls, in order
 */
public record ScriptedReply(String text, List<Call> toolCalls) {

    /** Placeholders {@code {{result:0}}} … {@code {{result:15}}} are filled in. */
    public static final int MAX_PLACEHOLDERS = 16;

    /** Validates fields. */
    public ScriptedReply {
        Objects.requireNonNull(text, "text");
        toolCalls = List.copyOf(toolCalls);
    }

    /**
     * A tool call.
     *
     * @param name the tool
     * @param argumentsJson its arguments, a JSON object
     */
    public record Call(String name, String argumentsJson) {
        /** Validates fields. */
        public Call {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(argumentsJson, "argumentsJson");
        }
    }

    /** The text with its placeholders replaced by {@code toolResults} (missing ones by {@code ?}). */
    public String render(List<String> toolResults) {
        String out = text;
        for (int i = 0; i < MAX_PLACEHOLDERS && out.contains("{{result:"); i++) {
            out = out.replace("{{result:" + i + "}}", i < toolResults.size() ? toolResults.get(i).strip() : "?");
        }
        return out;
    }
}
