package dev.turnstile.conformance.sim;

import static dev.turnstile.conformance.sim.Broken.require;

import dev.turnstile.machine.Effect;
import dev.turnstile.machine.Input;
import dev.turnstile.machine.MachineConfig;
import dev.turnstile.machine.Phase;
import dev.turnstile.model.AssistantMessage;
import dev.turnstile.model.Message;
import dev.turnstile.model.ModelRequest;
import dev.turnstile.model.ToolCall;
import io.vavr.collection.Vector;

/** The transcript after every step: valid as a whole, append-only, and exactly what the model is sent. */
final class TranscriptRules {

    private final MachineConfig config;

    TranscriptRules(MachineConfig config) {
        this.config = config;
    }

    void check(StepFacts f) {
        ObservedStep s = f.step();
        Vector<Message> before = s.before().transcript();
        Vector<Message> after = s.after().transcript();
        boolean batchOpen = s.after().phase() instanceof Phase.AwaitingTools
                || s.after().phase() instanceof Phase.AwaitingApproval;
        boolean validatedClosed = false;
        if (before != after) {
            TranscriptValidator.validate(after, batchOpen).ifPresent(problem -> {
                throw Broken.of(Invariant.TRANSCRIPT_VALID, problem);
            });
            validatedClosed = !batchOpen;
            checkAppendOnly(s, before, after);
        }
        for (Effect effect : s.effects()) {
            if (effect instanceof Effect.CallModel c) {
                // A step can issue a call and go on (a cancel after a retry fired, then the next queued
                // turn): every request is a prefix of the transcript, the one awaited is all of it.
                boolean awaited = s.after().phase() instanceof Phase.AwaitingModel m && m.callId().equals(c.id());
                checkRequest(c.request(), after, awaited, validatedClosed && awaited);
            }
        }
    }

    private static void checkAppendOnly(ObservedStep s, Vector<Message> before, Vector<Message> after) {
        require(after.size() >= before.size(), Invariant.TRANSCRIPT_APPEND_ONLY,
                () -> "the transcript shrank from " + before.size() + " to " + after.size() + " messages");
        for (int i = 0; i < before.size() - 1; i++) {
            int at = i;
            require(before.get(i) == after.get(i) || before.get(i).equals(after.get(i)),
                    Invariant.TRANSCRIPT_APPEND_ONLY, () -> "message " + at + " changed");
        }
        if (before.isEmpty()) {
            return;
        }
        Message was = before.last();
        Message now = after.get(before.size() - 1);
        if (was.equals(now)) {
            return;
        }
        boolean edit = s.input() instanceof Input.ApprovalDecided && was instanceof AssistantMessage a
                && now instanceof AssistantMessage b && a.text().equals(b.text())
                && a.toolCalls().map(ToolCall::id).equals(b.toolCalls().map(ToolCall::id))
                && a.toolCalls().map(ToolCall::name).equals(b.toolCalls().map(ToolCall::name));
        require(edit, Invariant.TRANSCRIPT_APPEND_ONLY,
                () -> "message " + (before.size() - 1) + " changed, and not by an approved edit of arguments");
    }

    private void checkRequest(ModelRequest request, Vector<Message> transcript, boolean awaited,
            boolean alreadyValidated) {
        Vector<Message> sent = request.messages();
        boolean matches = awaited ? sent.equals(transcript)
                : sent.size() <= transcript.size() && transcript.take(sent.size()).equals(sent);
        require(matches, Invariant.REQUEST_MATCHES_TRANSCRIPT, () -> "the model request carries " + sent.size()
                + " messages, not " + (awaited ? "the transcript's " : "a prefix of the transcript's ")
                + transcript.size());
        if (!alreadyValidated) {
            TranscriptValidator.validate(request.messages(), false).ifPresent(problem -> {
                throw Broken.of(Invariant.REQUEST_MATCHES_TRANSCRIPT,
                        "a model call with an unanswered tool call: " + problem);
            });
        }
        require(request.model().equals(config.model()) && request.system().equals(config.systemPrompt())
                        && request.tools().equals(config.tools())
                        && request.maxOutputTokens().equals(config.maxOutputTokens())
                        && request.temperature().equals(config.temperature())
                        && request.parallelToolCalls() == config.parallelToolCalls(),
                Invariant.REQUEST_MATCHES_TRANSCRIPT, () -> "the model request does not carry the configured model, "
                        + "system prompt, tools and sampling settings");
    }
}
