package dev.turnstile.cli.demo;

import dev.turnstile.replay.JournalRecord;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * When the demo kills its child JVM, judged from the records the child has journaled so far.
 *
 * @param description what the point is, for the display
 * @param reached whether the records show it
 * @param grace how long to wait after it before killing (so the child's display catches up with a
 *     model call that cannot progress anyway); zero when the child could move on meanwhile
 */
public record KillPoint(String description, Predicate<List<JournalRecord>> reached, Duration grace) {

    /** Validates fields. */
    public KillPoint {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(reached, "reached");
        Objects.requireNonNull(grace, "grace");
    }

    /**
     * With the scripted model: the journal shows the call for the final answer issued (after the
     * parallel tool round's results) and the server is holding it after a few words.
     */
    public static KillPoint finalAnswerStreaming(DemoScript script, ScriptedModelServer server) {
        return new KillPoint("the journal shows the last round's model call issued and its answer is streaming",
                records -> InFlight.count(records, "call_model") >= script.replies().size() && server.isHeld(),
                Duration.ofMillis(250));
    }

    /** With a real model: the journal shows the first tool round started. */
    public static KillPoint firstToolRound() {
        return new KillPoint("the journal shows the first tool round started",
                records -> InFlight.count(records, "run_tool") >= 1, Duration.ZERO);
    }
}
