package dev.turnstile.conformance.tck;

import dev.turnstile.host.ModelCall;
import dev.turnstile.host.ModelClient;
import dev.turnstile.model.AssistantMessage;
import dev.turnstile.model.FailureKind;
import dev.turnstile.model.Message;
import dev.turnstile.model.ModelRequest;
import dev.turnstile.model.ToolResultMessage;
import dev.turnstile.model.UserMessage;
import dev.turnstile.wire.ModelFailure;
import dev.turnstile.wire.ReplyResult;
import dev.turnstile.wire.StreamDelta;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A {@link ModelClient} that answers by matching the request against rules, not by counting calls:
 * the first rule whose matcher accepts the request (and that has uses left) supplies the reply. A
 * request no rule matches fails as {@link FailureKind#FATAL}, naming the request, so a scenario that
 * goes off script ends instead of hanging.
 *
 * <p>Deterministic: no threads and no time. A reply's deltas and its result are produced inside
 * {@link #start}, so the runtime sees them in one fixed order; only a {@link ScriptedReply.Hang}
 * stays open, until cancelled.
 *
 * <pre>{@code
 * ScriptedModel model = new ScriptedModel()
 *         .when(ScriptedModel.toolResultCount(0), ScriptedReply.toolCalls(new ToolCall("c1", "echo", "{}")))
 *         .when(ScriptedModel.toolResultCount(1), ScriptedReply.text("done").streamed(3));
 * }</pre>
 */
public final class ScriptedModel implements ModelClient {

    private record Rule(Predicate<ModelRequest> matcher, ScriptedReply reply, AtomicInteger usesLeft) {}

    private final List<Rule> rules = new ArrayList<>();
    private final List<ModelRequest> requests = new ArrayList<>();
    private final AtomicInteger cancelled = new AtomicInteger();

    /** Adds a rule that answers every matching request. */
    public ScriptedModel when(Predicate<ModelRequest> matcher, ScriptedReply reply) {
        return when(matcher, reply, Integer.MAX_VALUE);
    }

    /** Adds a rule that answers the first {@code times} matching requests; later ones fall to later rules. */
    public synchronized ScriptedModel when(Predicate<ModelRequest> matcher, ScriptedReply reply, int times) {
        rules.add(new Rule(Objects.requireNonNull(matcher, "matcher"), Objects.requireNonNull(reply, "reply"),
                new AtomicInteger(times)));
        return this;
    }

    /** Every request received, in order. */
    public synchronized List<ModelRequest> requests() {
        return List.copyOf(requests);
    }

    /** How many calls were cancelled while in flight. */
    public int cancelledCalls() {
        return cancelled.get();
    }

    @Override
    public ModelCall start(ModelRequest request, Consumer<StreamDelta> deltas) {
        ScriptedReply reply = choose(request);
        CompletableFuture<ReplyResult> result = new CompletableFuture<>();
        switch (reply) {
            case ScriptedReply.Answer answer -> {
                answer.deltas().forEach(deltas);
                result.complete(new ReplyResult.Completed(answer.reply(request.model())));
            }
            case ScriptedReply.Failure failure -> result.complete(new ReplyResult.Failed(failure.failure(),
                    failure.partialText()));
            case ScriptedReply.Hang hang -> { }
        }
        return new ModelCall() {
            @Override
            public CompletionStage<ReplyResult> result() {
                return result;
            }

            @Override
            public void cancel() {
                if (result.complete(new ReplyResult.Failed(ModelFailure.of(FailureKind.CANCELLED, "cancelled"), ""))) {
                    cancelled.incrementAndGet();
                }
            }
        };
    }

    private synchronized ScriptedReply choose(ModelRequest request) {
        requests.add(request);
        for (Rule rule : rules) {
            if (rule.usesLeft().get() > 0 && rule.matcher().test(request)) {
                rule.usesLeft().decrementAndGet();
                return rule.reply();
            }
        }
        return ScriptedReply.fatal("no scripted reply matches request " + requests.size() + ": last user text \""
                + lastUserText(request).getOrElse("") + "\", " + toolResults(request).size() + " tool results");
    }

    /** Matches every request. */
    public static Predicate<ModelRequest> always() {
        return request -> true;
    }

    /** Matches when the newest user message in the transcript is {@code text}. */
    public static Predicate<ModelRequest> lastUserText(String text) {
        return request -> lastUserText(request).contains(text);
    }

    /** Matches when the transcript holds exactly {@code count} tool results (over the whole session). */
    public static Predicate<ModelRequest> toolResultCount(int count) {
        return request -> toolResults(request).size() == count;
    }

    /** Matches when the transcript holds a tool result for call {@code toolCallId}. */
    public static Predicate<ModelRequest> hasToolResult(String toolCallId) {
        return request -> toolResults(request).exists(r -> r.toolCallId().equals(toolCallId));
    }

    /** Matches round {@code round} (1-based) of the current turn: assistant messages since the newest user message, plus one. */
    public static Predicate<ModelRequest> round(int round) {
        return request -> {
            Vector<Message> messages = request.messages();
            int lastUser = messages.lastIndexWhere(m -> m instanceof UserMessage);
            return messages.drop(lastUser + 1).count(m -> m instanceof AssistantMessage) + 1 == round;
        };
    }

    /** The newest user message's text, if any. */
    public static Option<String> lastUserText(ModelRequest request) {
        return request.messages().filter(m -> m instanceof UserMessage).lastOption().map(m -> ((UserMessage) m).text());
    }

    /** The tool results in the transcript, oldest first. */
    public static Vector<ToolResultMessage> toolResults(ModelRequest request) {
        return request.messages().filter(m -> m instanceof ToolResultMessage).map(m -> (ToolResultMessage) m);
    }
}
