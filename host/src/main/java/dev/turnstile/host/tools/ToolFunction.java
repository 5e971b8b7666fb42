package dev.turnstile.host.tools;

import tools.jackson.databind.JsonNode;

/**
 * The body of a lambda tool: the model's arguments (a JSON object) in, the output out. Runs on the
 * runtime's blocking executor, so it may block; it is interrupted when the run is abandoned.
 */
@FunctionalInterface
public interface ToolFunction {

    /**
     * Runs the tool.
     *
     * @param arguments the arguments object, already checked against the tool's schema by the machine
     * @return the output: a {@code String} as is, {@code null} as empty, anything else written as JSON
     * @throws Exception any failure; the model is told its message
     */
    Object apply(JsonNode arguments) throws Exception;
}
