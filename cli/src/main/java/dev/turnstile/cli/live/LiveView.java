package dev.turnstile.cli.live;

import dev.turnstile.host.observe.Observation;
import dev.turnstile.machine.Decision;
import dev.turnstile.machine.Event;
import dev.turnstile.machine.Outcome;
import dev.turnstile.machine.StopReason;
import dev.turnstile.model.ToolResultMessage;
import dev.turnstile.wire.StreamDelta;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Shows a session as it runs, in plain text lines: the model's text as it streams, each round, tool
 * calls with their arguments and results, approvals, retries, recoveries and the turn's outcome with
 * its token usage. No terminal control codes, so it reads the same in a pipe or a log file.
 */
public final class LiveView implements Consumer<Observation> {

    private static final int ARGUMENTS_SHOWN = 120;
    private static final int RESULT_SHOWN = 100;

    private final PrintStream out;
    private boolean midLine;
    private boolean textSinceModelCall;

    /** A view printing to {@code out}. */
    public LiveView(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void accept(Observation observation) {
        switch (observation) {
            case Observation.DeltaObserved d -> delta(d.delta());
            case Observation.EventObserved e -> event(e.event());
            case Observation.Gap g -> line("… (display fell behind: " + (g.cursor() - g.after())
                    + " observations skipped)");
        }
    }

    /** Ends a partly printed line, if any, so that other output starts on a fresh line. */
    public void endLine() {
        if (midLine) {
            out.println();
            midLine = false;
        }
        out.flush();
    }

    private void event(Event event) {
        if (event instanceof Event.ModelCallStarted) {
            textSinceModelCall = false;
        }
        // A provider that does not stream sends no deltas: show the answer when the turn completes.
        if (event instanceof Event.TurnFinished f && f.outcome() instanceof Outcome.Completed c && !textSinceModelCall
                && !c.text().isEmpty()) {
            endLine();
            out.println("  " + c.text().replace("\n", "\n  "));
        }
        line(describe(event));
    }

    private void delta(StreamDelta delta) {
        if (delta instanceof StreamDelta.TextDelta text && !text.text().isEmpty()) {
            textSinceModelCall = true;
            if (!midLine) {
                out.print("  ");
            }
            out.print(text.text().replace("\n", "\n  "));
            out.flush();
            midLine = true;
        }
    }

    private void line(String text) {
        if (text.isEmpty()) {
            return;
        }
        endLine();
        out.println(text);
        out.flush();
    }

    /** One line describing an event, or empty for events the view leaves out. */
    public static String describe(Event event) {
        return switch (event) {
            case Event.TurnStarted e -> "▸ turn " + e.context().turn() + ": " + Text.quoted(e.userText(), 100);
            case Event.UserMessageQueued e -> "  (a message is queued: " + lower(e.delivery().name()) + "; "
                    + e.waitingMessages() + " waiting)";
            case Event.ModelCallStarted e -> "▸ round " + e.round() + " · model call " + e.effectId()
                    + (e.attempt() > 1 ? " (attempt " + e.attempt() + ")" : "");
            case Event.RetryScheduled e -> "  ↻ " + e.failedCall() + " failed (" + lower(e.kind().name()) + ": " + Text.oneLine(e.message(), 100) + "); attempt " + e.nextAttempt()
                    + " in " + e.delayMillis() + " ms — its partial text above is discarded";
            case Event.ToolCallStarted e -> "  → " + e.call().name() + " " + Text.oneLine(e.call().argumentsJson(),
                    ARGUMENTS_SHOWN) + "   [" + e.effectId() + "]";
            case Event.ToolCallFinished e -> toolFinished(e.call().name(), e.result())
                    + e.effectId().map(id -> "   [" + id + "]").getOrElse("");
            case Event.ApprovalRequested e -> "  ? approval " + e.approvalId() + ": " + e.call().name() + " "
                    + Text.oneLine(e.call().argumentsJson(), ARGUMENTS_SHOWN) + " — " + e.why();
            case Event.ApprovalResolved e -> "  " + (e.decision() == Decision.APPROVE ? "✓" : "✗") + " approval "
                    + e.approvalId() + " " + (e.decision() == Decision.APPROVE ? "approved" : "denied")
                    + (e.expired() ? " (expired)" : "") + (e.principal().isEmpty() ? "" : " by " + e.principal())
                    + (e.reason().isEmpty() ? "" : ": " + Text.oneLine(e.reason(), 80));
            case Event.BudgetThresholdHit e -> "  ! budget: " + lower(e.resource().name()) + " (" + lower(e.scope().name()) + ") at " + e.used()
                    + " of " + e.limit();
            case Event.BudgetGuardAnswered e -> "  ! budget guard on " + e.subject() + ": " + lower(e.verdict().name())
                    + (e.timedOut() ? " (no answer in time)" : "") + " " + e.reason();
            case Event.InputRejected e -> "  (ignored " + e.inputType() + ": " + e.reason() + ")";
            case Event.CancelIgnored e -> "  (cancel ignored: " + e.reason() + ")";
            case Event.SessionRecovered e -> "▸ recovered from the journal: " + e.modelCallsReissued()
                    + " model call(s) re-issued, " + e.toolRunsReissued() + " tool run(s) re-issued, "
                    + e.toolRunsInterrupted() + " interrupted, " + e.approvalsPending() + " approval(s) pending";
            case Event.TurnFinished e -> "▸ turn " + e.context().turn() + " finished: " + outcome(e.outcome()) + " · "
                    + e.rounds() + " round(s) · tokens in " + e.turnUsage().inputTokens() + " / out "
                    + e.turnUsage().outputTokens();
        };
    }

    private static String toolFinished(String name, ToolResultMessage result) {
        String lines = result.content().isEmpty() ? "" : result.content().lines().count() > 1
                ? "  (" + result.content().lines().count() + " lines)" : "";
        return "  " + (result.isError() ? "✗ " : "← ") + name + (result.isError() ? " error: " : ": ")
                + Text.oneLine(result.content(), RESULT_SHOWN) + lines;
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** {@code completed}, or {@code stopped: } and why. */
    public static String outcome(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Completed c -> "completed";
            case Outcome.Stopped s -> "stopped: " + stopReason(s.reason());
        };
    }

    /** Why a turn stopped, in a few words. */
    public static String stopReason(StopReason reason) {
        return switch (reason) {
            case StopReason.Cancelled r -> "cancelled (" + Text.oneLine(r.reason(), 80) + ")";
            case StopReason.MaxRounds r -> "round limit reached after " + r.rounds() + " rounds";
            case StopReason.BudgetExhausted r -> "budget exhausted: " + lower(r.resource().name()) + " ("
                    + lower(r.scope().name()) + ") " + r.used() + " of " + r.limit()
                    + (r.detail().isEmpty() ? "" : ", " + Text.oneLine(r.detail(), 80));
            case StopReason.GuardDenied r -> "budget guard denied " + r.subject()
                    + (r.timedOut() ? " (no answer in time)" : "") + ": " + Text.oneLine(r.reason(), 80);
            case StopReason.ModelFailed r -> "model failed (" + lower(r.kind().name()) + "): "
                    + Text.oneLine(r.message(), 160);
            case StopReason.ContextOverflow r -> "context overflow: " + Text.oneLine(r.message(), 120);
            case StopReason.ToolFailed r -> "tool " + r.toolName() + " failed: " + Text.oneLine(r.message(), 120);
            case StopReason.Incomplete r -> "output limit reached (partial answer kept)";
        };
    }
}
