package dev.turnstile.codec;

import dev.turnstile.model.AssistantMessage;
import dev.turnstile.model.FinishReason;
import dev.turnstile.model.Json;
import dev.turnstile.model.Message;
import dev.turnstile.model.ModelReply;
import dev.turnstile.model.ModelRequest;
import dev.turnstile.model.ToolCall;
import dev.turnstile.model.ToolChoice;
import dev.turnstile.model.ToolResultMessage;
import dev.turnstile.model.ToolSpec;
import dev.turnstile.model.Usage;
import dev.turnstile.model.UserMessage;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/** The model vocabulary: messages, tool calls and specs, requests, replies, usage. */
final class ModelJson {

    static final String USER_MESSAGE = "user_message";
    static final String ASSISTANT_MESSAGE = "assistant_message";
    static final String TOOL_RESULT_MESSAGE = "tool_result_message";

    private ModelJson() {}

    // Message (sealed)

    static void writeMessage(JsonOut out, Message message) {
        switch (message) {
            case UserMessage m -> {
                out.startObject(USER_MESSAGE);
                out.string("text", m.text());
                out.endObject();
            }
            case AssistantMessage m -> writeAssistantMessage(out, m);
            case ToolResultMessage m -> writeToolResultMessage(out, m);
        }
    }

    static Message readMessage(JsonIn in) {
        JsonIn.Tagged t = in.tagged("type");
        String type = t.tag().string();
        return switch (type) {
            case USER_MESSAGE -> new UserMessage(t.body().soleString("text"));
            case ASSISTANT_MESSAGE -> readAssistantMessageBody(t.body());
            case TOOL_RESULT_MESSAGE -> readToolResultMessageBody(t.body());
            default -> throw t.tag().unknownType(type);
        };
    }

    static void writeAssistantMessage(JsonOut out, AssistantMessage m) {
        out.startObject(ASSISTANT_MESSAGE);
        out.string("text", m.text());
        out.array("tool_calls", m.toolCalls(), ModelJson::writeToolCall);
        out.endObject();
    }

    static AssistantMessage readAssistantMessage(JsonIn in) {
        return readAssistantMessageBody(in.taggedAs("type", ASSISTANT_MESSAGE));
    }

    static void writeToolResultMessage(JsonOut out, ToolResultMessage m) {
        out.startObject(TOOL_RESULT_MESSAGE);
        out.string("tool_call_id", m.toolCallId());
        out.string("tool_name", m.toolName());
        out.string("content", m.content());
        out.bool("is_error", m.isError());
        out.endObject();
    }

    static ToolResultMessage readToolResultMessage(JsonIn in) {
        return readToolResultMessageBody(in.taggedAs("type", TOOL_RESULT_MESSAGE));
    }

    private static AssistantMessage readAssistantMessageBody(JsonIn in) {
        String text = null;
        Vector<ToolCall> toolCalls = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "text" -> text = in.string();
                case "tool_calls" -> toolCalls = in.vector(ModelJson::readToolCall);
                default -> in.skip();
            }
        }
        return new AssistantMessage(in.required(text, "text"), in.required(toolCalls, "tool_calls"));
    }

    private static ToolResultMessage readToolResultMessageBody(JsonIn in) {
        String toolCallId = null;
        String toolName = null;
        String content = null;
        Boolean isError = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "tool_call_id" -> toolCallId = in.string();
                case "tool_name" -> toolName = in.string();
                case "content" -> content = in.string();
                case "is_error" -> isError = in.bool();
                default -> in.skip();
            }
        }
        return new ToolResultMessage(in.required(toolCallId, "tool_call_id"), in.required(toolName, "tool_name"),
                in.required(content, "content"), in.required(isError, "is_error"));
    }

    // Tool calls and specs

    /** The arguments are a JSON string: they are the model's raw text, which may not be valid JSON. */
    static void writeToolCall(JsonOut out, ToolCall call) {
        out.startObject();
        out.string("id", call.id());
        out.string("name", call.name());
        out.string("arguments_json", call.argumentsJson());
        out.endObject();
    }

    static ToolCall readToolCall(JsonIn in) {
        in.startObject();
        String id = null;
        String name = null;
        String argumentsJson = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "id" -> id = in.string();
                case "name" -> name = in.string();
                case "arguments_json" -> argumentsJson = in.string();
                default -> in.skip();
            }
        }
        return new ToolCall(in.required(id, "id"), in.required(name, "name"), in.required(argumentsJson, "arguments_json"));
    }

    static void writeToolSpec(JsonOut out, ToolSpec spec) {
        out.startObject();
        out.string("name", spec.name());
        out.string("description", spec.description());
        out.json("input_schema", spec.inputSchema());
        out.bool("idempotent", spec.idempotent());
        out.endObject();
    }

    static ToolSpec readToolSpec(JsonIn in) {
        in.startObject();
        String name = null;
        String description = null;
        Json inputSchema = null;
        Boolean idempotent = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "name" -> name = in.string();
                case "description" -> description = in.string();
                case "input_schema" -> inputSchema = in.json();
                case "idempotent" -> idempotent = in.bool();
                default -> in.skip();
            }
        }
        return new ToolSpec(in.required(name, "name"), in.required(description, "description"),
                in.required(inputSchema, "input_schema"), in.required(idempotent, "idempotent"));
    }

    // Requests, replies, usage

    static void writeModelRequest(JsonOut out, ModelRequest r) {
        out.startObject();
        out.string("model", r.model());
        out.string("system", r.system());
        out.array("messages", r.messages(), ModelJson::writeMessage);
        out.array("tools", r.tools(), ModelJson::writeToolSpec);
        out.enumeration("tool_choice", Enums.TOOL_CHOICE, r.toolChoice());
        out.bool("parallel_tool_calls", r.parallelToolCalls());
        out.option("max_output_tokens", r.maxOutputTokens(), JsonOut::int32Value);
        out.option("temperature", r.temperature(), JsonOut::float64Value);
        out.endObject();
    }

    static ModelRequest readModelRequest(JsonIn in) {
        in.startObject();
        String model = null;
        String system = null;
        Vector<Message> messages = null;
        Vector<ToolSpec> tools = null;
        ToolChoice toolChoice = null;
        Boolean parallelToolCalls = null;
        Option<Integer> maxOutputTokens = Option.none();
        Option<Double> temperature = Option.none();
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "model" -> model = in.string();
                case "system" -> system = in.string();
                case "messages" -> messages = in.vector(ModelJson::readMessage);
                case "tools" -> tools = in.vector(ModelJson::readToolSpec);
                case "tool_choice" -> toolChoice = in.enumeration(Enums.TOOL_CHOICE);
                case "parallel_tool_calls" -> parallelToolCalls = in.bool();
                case "max_output_tokens" -> maxOutputTokens = in.option(JsonIn::int32);
                case "temperature" -> temperature = in.option(JsonIn::float64);
                default -> in.skip();
            }
        }
        return new ModelRequest(in.required(model, "model"), in.required(system, "system"),
                in.required(messages, "messages"), in.required(tools, "tools"),
                in.required(toolChoice, "tool_choice"), in.required(parallelToolCalls, "parallel_tool_calls"),
                maxOutputTokens, temperature);
    }

    static void writeModelReply(JsonOut out, ModelReply r) {
        out.startObject();
        out.object("message", r.message(), ModelJson::writeAssistantMessage);
        out.object("usage", r.usage(), ModelJson::writeUsage);
        out.enumeration("finish_reason", Enums.FINISH_REASON, r.finishReason());
        out.string("model", r.model());
        out.endObject();
    }

    static ModelReply readModelReply(JsonIn in) {
        in.startObject();
        AssistantMessage message = null;
        Usage usage = null;
        FinishReason finishReason = null;
        String model = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "message" -> message = readAssistantMessage(in);
                case "usage" -> usage = readUsage(in);
                case "finish_reason" -> finishReason = in.enumeration(Enums.FINISH_REASON);
                case "model" -> model = in.string();
                default -> in.skip();
            }
        }
        return new ModelReply(in.required(message, "message"), in.required(usage, "usage"),
                in.required(finishReason, "finish_reason"), in.required(model, "model"));
    }

    static void writeUsage(JsonOut out, Usage u) {
        out.startObject();
        out.int64("input_tokens", u.inputTokens());
        out.int64("output_tokens", u.outputTokens());
        out.int64("cache_read_input_tokens", u.cacheReadInputTokens());
        out.int64("cache_write_input_tokens", u.cacheWriteInputTokens());
        out.endObject();
    }

    static Usage readUsage(JsonIn in) {
        in.startObject();
        Long input = null;
        Long output = null;
        Long cacheRead = null;
        Long cacheWrite = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "input_tokens" -> input = in.int64();
                case "output_tokens" -> output = in.int64();
                case "cache_read_input_tokens" -> cacheRead = in.int64();
                case "cache_write_input_tokens" -> cacheWrite = in.int64();
                default -> in.skip();
            }
        }
        return new Usage(in.required(input, "input_tokens"), in.required(output, "output_tokens"),
                in.required(cacheRead, "cache_read_input_tokens"), in.required(cacheWrite, "cache_write_input_tokens"));
    }
}
