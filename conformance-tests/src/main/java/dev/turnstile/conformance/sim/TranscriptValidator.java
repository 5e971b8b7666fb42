package dev.turnstile.conformance.sim;

import dev.turnstile.model.AssistantMessage;
import dev.turnstile.model.Message;
import dev.turnstile.model.ToolCall;
import dev.turnstile.model.ToolResultMessage;
import io.vavr.collection.Vector;
import java.util.Optional;

/**
 * Validates a whole transcript, not just its last round: every tool call of every assistant message
 * is answered exactly once, in call order, by the tool results that immediately follow that message
 * (before any user or later assistant message), and no tool result appears without its call.
 *
 * <p>The only exception is a batch still in progress: while the session waits for tools or
 * approvals, the last message is the assistant message that asked for them and no result follows
 * it yet (the machine appends a batch's results together, in call order, when the batch completes).
 */
public final class TranscriptValidator {

    private TranscriptValidator() {}

    /**
     * Checks {@code transcript}.
     *
     * @param batchOpen whether a tool batch is in progress (phase awaiting tools or approval)
     * @return empty when valid, else the first problem found
     */
    public static Optional<String> validate(Vector<Message> transcript, boolean batchOpen) {
        int n = transcript.size();
        int i = 0;
        while (i < n) {
            Message message = transcript.get(i);
            if (message instanceof ToolResultMessage r) {
                return Optional.of("message " + i + " is a result for call " + r.toolCallId()
                        + " that no assistant message right before it asked for");
            }
            if (!(message instanceof AssistantMessage a) || !a.hasToolCalls()) {
                i++;
                continue;
            }
            int end = i + 1;
            while (end < n && transcript.get(end) instanceof ToolResultMessage) {
                end++;
            }
            int results = end - i - 1;
            if (results == 0 && end == n && batchOpen) {
                return Optional.empty();
            }
            Optional<String> problem = answersInOrder(transcript, i, a.toolCalls(), results);
            if (problem.isPresent()) {
                return problem;
            }
            i = end;
        }
        if (batchOpen) {
            return Optional.of("a tool batch is in progress but the transcript does not end with the assistant "
                    + "message that asked for it");
        }
        return Optional.empty();
    }

    private static Optional<String> answersInOrder(Vector<Message> transcript, int at, Vector<ToolCall> calls,
            int results) {
        if (results != calls.size()) {
            return Optional.of("assistant message " + at + " asked for " + calls.size() + " tool calls "
                    + calls.map(ToolCall::id).mkString("[", ",", "]") + " but " + results
                    + " results follow it before the next message");
        }
        for (int c = 0; c < calls.size(); c++) {
            ToolResultMessage r = (ToolResultMessage) transcript.get(at + 1 + c);
            ToolCall call = calls.get(c);
            if (!r.toolCallId().equals(call.id()) || !r.toolName().equals(call.name())) {
                return Optional.of("result " + (at + 1 + c) + " answers " + r.toolName() + "/" + r.toolCallId()
                        + " but call " + c + " of assistant message " + at + " is " + call.name() + "/" + call.id()
                        + " (results must be in call order)");
            }
        }
        return Optional.empty();
    }
}
