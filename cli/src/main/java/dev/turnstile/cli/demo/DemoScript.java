package dev.turnstile.cli.demo;

import dev.turnstile.model.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * The demo's world, from the bundled resource {@code dev/turnstile/cli/demo/script.json}: the prompt,
 * the files of the sandbox, and the scripted model's replies.
 *
 * <p>The model is stateless and deterministic: reply {@code N} answers a request whose transcript
 * holds {@code N} assistant messages (the last reply answers anything longer), and a placeholder
 * {@code {{result:i}}} in its text becomes the {@code i}-th tool result of the request's latest tool
 * round. So a call re-issued after a crash gets the same answer as the first attempt would have, and
 * the final answer quotes what the real tools returned.
 *
 * @param model the model name the scripted server reports
 * @param systemPrompt the session's system prompt
 * @param prompt the user message the demo sends
 * @param sandbox file contents by relative path
 * @param replies the model's replies in order
 */
public record DemoScript(String model, String systemPrompt, String prompt, Map<String, String> sandbox,
        List<ScriptedReply> replies) {

    /** The bundled script's resource name. */
    public static final String RESOURCE = "/dev/turnstile/cli/demo/script.json";

    /** Validates fields. */
    public DemoScript {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(systemPrompt, "systemPrompt");
        Objects.requireNonNull(prompt, "prompt");
        sandbox = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sandbox));
        replies = List.copyOf(replies);
        if (replies.isEmpty()) {
            throw new IllegalArgumentException("a demo script needs at least one reply");
        }
    }

    /** The bundled script. */
    public static DemoScript bundled() {
        try (InputStream in = DemoScript.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the demo script " + RESOURCE + " is missing from the class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** A script from its JSON text (the format of the bundled resource). */
    public static DemoScript parse(String json) {
        JsonNode root = Json.tree(json);
        Map<String, String> files = new LinkedHashMap<>();
        root.path("sandbox").properties().forEach(e -> files.put(e.getKey(), e.getValue().asString()));
        List<ScriptedReply> replies = new ArrayList<>();
        for (JsonNode reply : root.path("replies")) {
            List<ScriptedReply.Call> calls = new ArrayList<>();
            for (JsonNode call : reply.path("tool_calls")) {
                calls.add(new ScriptedReply.Call(call.path("name").asString(), call.path("arguments").toString()));
            }
            replies.add(new ScriptedReply(reply.path("text").asString(""), calls));
        }
        return new DemoScript(root.path("model").asString(), root.path("system_prompt").asString(""),
                root.path("prompt").asString(), files, replies);
    }

    /** The index of the reply that answers a transcript with {@code assistantMessages} assistant messages. */
    public int replyIndexFor(int assistantMessages) {
        return Math.min(assistantMessages, replies.size() - 1);
    }

    /** The index of the last reply: the final answer. */
    public int finalReplyIndex() {
        return replies.size() - 1;
    }
}
