package dev.turnstile.blocking.http;

/** Hand-written OpenAI chat completion stream events for client tests. */
final class OpenAiSse {

    private OpenAiSse() {}

    static String text(String text) {
        return "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"m\",\"choices\":[{\"index\":0,"
                + "\"delta\":{\"content\":\"" + text + "\"},\"finish_reason\":null}]}\n\n";
    }

    static String toolCall(int index, String id, String name, String argumentsJson) {
        return "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"m\",\"choices\":[{\"index\":0,"
                + "\"delta\":{\"tool_calls\":[{\"index\":" + index + ",\"id\":\"" + id + "\",\"type\":\"function\","
                + "\"function\":{\"name\":\"" + name + "\",\"arguments\":\"" + argumentsJson.replace("\"", "\\\"")
                + "\"}}]},\"finish_reason\":null}]}\n\n";
    }

    static String finish(String reason) {
        return "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"m\",\"choices\":[{\"index\":0,"
                + "\"delta\":{},\"finish_reason\":\"" + reason + "\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2}}\n\n";
    }

    static String done() {
        return "data: [DONE]\n\n";
    }
}
