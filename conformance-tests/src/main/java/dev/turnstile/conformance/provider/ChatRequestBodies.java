package dev.turnstile.conformance.provider;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Reads what rules usually match on from an OpenAI or Anthropic request body. Both formats keep a
 * {@code messages} array; they differ in where tool results go (OpenAI: {@code role:"tool"}
 * messages; Anthropic: {@code tool_result} blocks inside user messages).
 */
final class ChatRequestBodies {

    private ChatRequestBodies() {}

    /**
     * The text of the last user message that has text, its text parts joined. User messages that
     * carry only tool results are skipped, so both formats give the same answer for the same
     * conversation.
     */
    static Optional<String> lastUserText(JsonNode body) {
        List<JsonNode> messages = messages(body);
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode message = messages.get(i);
            if (isRole(message, "user")) {
                Optional<String> text = textOf(message.path("content"));
                if (text.isPresent()) {
                    return text;
                }
            }
        }
        return Optional.empty();
    }

    /** The ids of all tool results in the conversation, in order, in either format. */
    static List<String> toolResultIds(JsonNode body) {
        List<String> ids = new ArrayList<>();
        for (JsonNode message : messages(body)) {
            JsonNode openAiId = message.path("tool_call_id");
            if (isRole(message, "tool") && openAiId.isString()) {
                ids.add(openAiId.stringValue());
            }
            for (JsonNode block : message.path("content")) {
                JsonNode anthropicId = block.path("tool_use_id");
                if (block.path("type").isString() && "tool_result".equals(block.path("type").stringValue())
                        && anthropicId.isString()) {
                    ids.add(anthropicId.stringValue());
                }
            }
        }
        return List.copyOf(ids);
    }

    private static Optional<String> textOf(JsonNode content) {
        if (content.isString()) {
            return Optional.of(content.stringValue());
        }
        StringBuilder text = new StringBuilder();
        boolean found = false;
        for (JsonNode part : content) {
            if (part.path("type").isString() && "text".equals(part.path("type").stringValue()) && part.path("text").isString()) {
                text.append(part.path("text").stringValue());
                found = true;
            }
        }
        return found ? Optional.of(text.toString()) : Optional.empty();
    }

    private static boolean isRole(JsonNode message, String role) {
        return message.path("role").isString() && role.equals(message.path("role").stringValue());
    }

    private static List<JsonNode> messages(JsonNode body) {
        JsonNode messages = body.path("messages");
        List<JsonNode> list = new ArrayList<>();
        if (messages.isArray()) {
            messages.forEach(list::add);
        }
        return list;
    }
}
