package dev.turnstile.conformance.sim;

import dev.turnstile.machine.MachineConfig;
import dev.turnstile.model.Json;
import dev.turnstile.model.JsonSchemaValidator;
import dev.turnstile.model.ToolSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Checks tool arguments against a config's schemas, independently of the machine's own catalog. */
final class ToolArguments {

    private final Map<String, ToolSpec> specs = new HashMap<>();
    private final Map<String, JsonSchemaValidator> validators = new HashMap<>();

    ToolArguments(MachineConfig config) {
        for (ToolSpec spec : config.tools()) {
            specs.put(spec.name(), spec);
        }
    }

    Optional<ToolSpec> spec(String toolName) {
        return Optional.ofNullable(specs.get(toolName));
    }

    /** Empty when {@code argumentsJson} is a JSON object satisfying the tool's schema (blank means {@code {}}). */
    Optional<String> problem(String toolName, String argumentsJson) {
        ToolSpec spec = specs.get(toolName);
        if (spec == null) {
            return Optional.of("no tool named " + toolName + " is configured");
        }
        JsonNode tree;
        try {
            tree = Json.tree(argumentsJson.isBlank() ? "{}" : argumentsJson);
        } catch (Json.InvalidJsonException e) {
            return Optional.of("arguments are not JSON: " + e.getMessage());
        }
        if (!tree.isObject()) {
            return Optional.of("arguments are not a JSON object");
        }
        List<String> errors = validators.computeIfAbsent(toolName, n -> new JsonSchemaValidator(spec.inputSchema()))
                .validate(tree);
        return errors.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", errors));
    }
}
