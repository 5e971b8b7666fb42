package dev.turnstile.machine;

import io.vavr.collection.TreeMap;
import java.time.Instant;
import java.util.Objects;

/**
 * The running turn's counters; present exactly when the phase is not {@link Phase.AwaitingUser}.
 *
 * @param startedAt when the turn's first message was received (wall-time budget starts here)
 * @param round the round in progress, 1-based; a round is one model call plus its tool batch
 * @param graceRound whether this round is the one extra round granted at the round limit
 * @param toolCallsRequested tool calls the model asked for this turn, per tool name
 * @param meter consumption this turn
 */
public record TurnProgress(Instant startedAt, int round, boolean graceRound,
        TreeMap<String, Integer> toolCallsRequested, Meter meter) {
    /** Validates fields. */
    public TurnProgress {
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(toolCallsRequested, "toolCallsRequested");
        Objects.requireNonNull(meter, "meter");
        if (round < 1) {
            throw new IllegalArgumentException("rounds are 1-based, got " + round);
        }
    }

    /** A new turn's first round. */
    public static TurnProgress startingAt(Instant at) {
        return new TurnProgress(at, 1, false, TreeMap.empty(), Meter.EMPTY);
    }

    /** Total tool calls requested this turn. */
    public int toolCallsRequestedTotal() {
        return toolCallsRequested.values().fold(0, Integer::sum);
    }

    /** With another meter. */
    public TurnProgress withMeter(Meter next) {
        return new TurnProgress(startedAt, round, graceRound, toolCallsRequested, next);
    }

    /** With updated tool call counts. */
    public TurnProgress withToolCallsRequested(TreeMap<String, Integer> next) {
        return new TurnProgress(startedAt, round, graceRound, next, meter);
    }

    /** The next round; {@code grace} marks it as the grace round. */
    public TurnProgress nextRound(boolean grace) {
        return new TurnProgress(startedAt, round + 1, grace, toolCallsRequested, meter);
    }
}
