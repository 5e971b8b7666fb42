package dev.turnstile.wire;

import dev.turnstile.model.AssistantMessage;
import dev.turnstile.model.Json;
import dev.turnstile.model.ModelRequest;
import dev.turnstile.model.ToolCall;
import dev.turnstile.model.ToolChoice;
import dev.turnstile.model.ToolResultMessage;
import dev.turnstile.model.ToolSpec;
import dev.turnstile.model.UserMessage;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/** Representative requests encoded by both providers' golden tests ({@code wire/golden/*.json}). */
public final class SampleRequests {
    private SampleRequests() {}

    /** A system prompt and one user message; no tools, no limits. */
    public static ModelRequest textOnly(String model) {
        return new ModelRequest(model, "You are terse.", Vector.of(new UserMessage("Hello")), Vector.empty(),
                ToolChoice.AUTO, true, Option.none(), Option.none());
    }

    /**
     * Two tool rounds: parallel calls (one with arguments that are not JSON, answered with an error
     * result), a text-less assistant turn, and a user message injected right after the last result.
     * Tools required, parallel calls off, limits set.
     */
    public static ModelRequest toolRoundTrip(String model) {
        ToolSpec weather = new ToolSpec("get_weather", "Current weather for a city",
                Json.parse("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}"), true);
        return new ModelRequest(model, "Use tools.", Vector.of(
                new UserMessage("Weather in Paris and Rome?"),
                new AssistantMessage("Checking both.", Vector.of(
                        new ToolCall("call_1", "get_weather", "{\"city\": \"Paris\"}"),
                        new ToolCall("call_2", "get_weather", "{\"city\":\"Rome\""))),
                new ToolResultMessage("call_1", "get_weather", "18°C, sunny", false),
                new ToolResultMessage("call_2", "get_weather", "arguments are not valid JSON", true),
                new AssistantMessage("", Vector.of(new ToolCall("call_3", "get_weather", "{\"city\":\"Rome\"}"))),
                new ToolResultMessage("call_3", "get_weather", "21°C", false),
                new UserMessage("Also Oslo please")),
                Vector.of(weather), ToolChoice.REQUIRED, false, Option.some(512), Option.some(0.2));
    }

    /** An empty assistant reply between two user messages, tool choice none, parallel calls off, no system prompt. */
    public static ModelRequest emptyAssistantAndToolChoiceNone(String model) {
        ToolSpec noop = new ToolSpec("noop", "", Json.parse("{\"type\":\"object\",\"properties\":{}}"), true);
        return new ModelRequest(model, "", Vector.of(
                new UserMessage("Summarise."), AssistantMessage.text(""), new UserMessage("Again, please.")),
                Vector.of(noop), ToolChoice.NONE, false, Option.some(2000), Option.none());
    }
}
