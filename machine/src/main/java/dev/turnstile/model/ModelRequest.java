package dev.turnstile.model;

import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * A provider-neutral request for one model call. Whether it is streamed is the adapter's choice,
 * not part of the request: the machine only needs the assembled reply.
 *
 * @param model the model name as the provider knows it
 * @param system the system prompt, empty for none
 * @param messages the transcript, oldest first
 * @param tools the tools offered
 * @param toolChoice whether tools may, must or must not be called
 * @param parallelToolCalls whether the model may ask for several calls in one reply
 * @param maxOutputTokens the output token limit, if any (Anthropic requires one; codecs supply a default)
 * @param temperature sampling temperature, if set
 */
public record ModelRequest(
        String model,
        String system,
        Vector<Message> messages,
        Vector<ToolSpec> tools,
        ToolChoice toolChoice,
        boolean parallelToolCalls,
        Option<Integer> maxOutputTokens,
        Option<Double> temperature) {
    /** Validates fields. */
    public ModelRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(messages, "messages");
        Objects.requireNonNull(tools, "tools");
        Objects.requireNonNull(toolChoice, "toolChoice");
        Objects.requireNonNull(maxOutputTokens, "maxOutputTokens");
        Objects.requireNonNull(temperature, "temperature");
    }
}
