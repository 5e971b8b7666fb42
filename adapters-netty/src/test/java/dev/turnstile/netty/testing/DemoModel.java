package dev.turnstile.netty.testing;

import dev.turnstile.host.ModelCall;
import dev.turnstile.host.ModelClient;
import dev.turnstile.model.AssistantMessage;
import dev.turnstile.model.Message;
import dev.turnstile.model.ModelRequest;
import dev.turnstile.model.ToolCall;
import dev.turnstile.model.ToolResultMessage;
import dev.turnstile.model.UserMessage;
import dev.turnstile.wire.ReplyResult;
import dev.turnstile.wire.StreamDelta;
import io.vavr.collection.Vector;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deterministic model with no network, for demos and smoke tests: "add 2 and 3" calls the
 * {@code add} tool, a tool result is reported back ("The answer is 5."), anything else is echoed, a
 * word at a time as deltas.
 */
public final class DemoModel implements ModelClient {

    private static final Pattern ADD = Pattern.compile("add (-?\\d+) and (-?\\d+)", Pattern.CASE_INSENSITIVE);
    private final AtomicLong calls = new AtomicLong();

    @Override
    public ModelCall start(ModelRequest request, Consumer<StreamDelta> deltas) {
        Message last = request.messages().last();
        if (last instanceof ToolResultMessage result) {
            return say("The answer is " + result.content() + ".", deltas);
        }
        String text = last instanceof UserMessage user ? user.text() : "";
        Matcher add = ADD.matcher(text);
        if (add.find()) {
            String id = "call_" + calls.incrementAndGet();
            String arguments = "{\"a\":" + add.group(1) + ",\"b\":" + add.group(2) + "}";
            deltas.accept(new StreamDelta.ToolCallStarted(0, id, "add"));
            deltas.accept(new StreamDelta.ToolArgumentsDelta(0, arguments));
            return ScriptedModel.completed(new ReplyResult.Completed(ScriptedModel.reply(new AssistantMessage("",
                    Vector.of(new ToolCall(id, "add", arguments))))));
        }
        return say("You said: " + text, deltas);
    }

    private static ModelCall say(String text, Consumer<StreamDelta> deltas) {
        for (String word : text.split("(?<= )")) {
            deltas.accept(new StreamDelta.TextDelta(word));
        }
        return ScriptedModel.completed(new ReplyResult.Completed(ScriptedModel.reply(AssistantMessage.text(text))));
    }
}
