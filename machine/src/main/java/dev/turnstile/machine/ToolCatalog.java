package dev.turnstile.machine;

import dev.turnstile.model.Json;
import dev.turnstile.model.JsonSchemaValidator;
import dev.turnstile.model.ToolCall;
import dev.turnstile.model.ToolSpec;
import io.vavr.collection.TreeMap;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The configured tools with their compiled argument validators, built once per machine so that a
 * step never recompiles a schema.
 */
final class ToolCatalog {

    private static final int MAX_ARGUMENT_ERROR_CHARS = 300;

    private final TreeMap<String, ToolSpec> specs;
    private final TreeMap<String, JsonSchemaValidator> validators;
    private final String availableNames;

    ToolCatalog(MachineConfig config) {
        this.specs = TreeMap.ofEntries(config.tools().map(t -> io.vavr.Tuple.of(t.name(), t)));
        this.validators = specs.mapValues(t -> new JsonSchemaValidator(t.inputSchema()));
        this.availableNames = specs.isEmpty() ? "(none)" : specs.keySet().mkString(", ");
    }

    Option<ToolSpec> spec(String name) {
        return specs.get(name);
    }

    /**
     * Checks a call: the tool exists and its arguments are a JSON object satisfying the schema.
     * Returns the error text for the model, or the call with its arguments canonicalised (so that an
     * empty or null argument string from a sloppy server becomes {@code {}}).
     */
    Either<String, ToolCall> validate(ToolCall call) {
        Option<JsonSchemaValidator> validator = validators.get(call.name());
        if (validator.isEmpty()) {
            return Either.left("unknown tool \"" + call.name() + "\"; available tools: " + availableNames);
        }
        String text = call.argumentsJson().isBlank() ? "{}" : call.argumentsJson();
        JsonNode arguments;
        try {
            arguments = Json.tree(text);
        } catch (Json.InvalidJsonException e) {
            return Either.left("arguments for \"" + call.name() + "\" are not valid JSON: " + clip(e.getMessage()));
        }
        if (!arguments.isObject()) {
            return Either.left("arguments for \"" + call.name() + "\" must be a JSON object, got: " + clip(text));
        }
        List<String> errors = validator.get().validate(arguments);
        if (!errors.isEmpty()) {
            return Either.left("arguments for \"" + call.name() + "\" do not match its schema: "
                    + String.join("; ", errors));
        }
        return Either.right(new ToolCall(call.id(), call.name(), Json.of(arguments).text()));
    }

    /** Characters a prompt spends on the tool definitions, for the first prompt estimate. */
    long definitionChars() {
        return specs.values().map(t -> (long) t.name().length() + t.description().length()
                + t.inputSchema().text().length()).fold(0L, Long::sum);
    }

    private static String clip(String s) {
        String oneLine = s == null ? "" : s.replace('\n', ' ');
        return oneLine.length() <= MAX_ARGUMENT_ERROR_CHARS ? oneLine : oneLine.substring(0, MAX_ARGUMENT_ERROR_CHARS) + "…";
    }
}
