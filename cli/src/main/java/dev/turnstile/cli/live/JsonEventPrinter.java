package dev.turnstile.cli.live;

import dev.turnstile.codec.MachineCodec;
import dev.turnstile.host.observe.Observation;
import dev.turnstile.machine.Event;
import dev.turnstile.machine.EventContext;
import dev.turnstile.machine.Labels;
import dev.turnstile.model.Usage;
import java.time.Instant;
import java.io.PrintStream;
import java.util.Objects;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Prints a session's events as JSON Lines: each event exactly as {@link MachineCodec#encodeEvent}
 * writes it (the journal codec's format), then one {@code {"type":"outcome",…}} line. Live token
 * deltas are not printed; a display that fell behind prints a {@code {"type":"gap",…}} line.
 */
public final class JsonEventPrinter implements Consumer<Observation> {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PrintStream out;

    /** A printer writing to {@code out}. */
    public JsonEventPrinter(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void accept(Observation observation) {
        switch (observation) {
            case Observation.EventObserved e -> out.println(MachineCodec.encodeEvent(e.event()));
            case Observation.DeltaObserved d -> { }
            case Observation.Gap g -> {
                ObjectNode gap = JSON.createObjectNode();
                gap.put("type", "gap").put("after", g.after()).put("cursor", g.cursor());
                out.println(gap);
            }
        }
        out.flush();
    }

    /**
     * The last line: {@code {"type":"outcome","session_id":…,"outcome":{…},"rounds":…,"usage":{…},
     * "exit_code":…}}, the outcome and usage in the codec's format.
     */
    public void printOutcome(String sessionId, TurnFollower.Followed followed, int exitCode) {
        ObjectNode line = JSON.createObjectNode();
        line.put("type", "outcome");
        line.put("session_id", sessionId);
        if (followed.finished().isPresent()) {
            Event.TurnFinished finished = followed.finished().get();
            JsonNode event = JSON.readTree(MachineCodec.encodeEvent(finished));
            line.set("outcome", event.get("outcome"));
            line.put("rounds", finished.rounds());
            line.set("usage", event.get("turn_usage"));
        } else {
            // Only after a display gap: the outcome came from a state snapshot, without the event's counts.
            followed.outcome().ifPresent(o -> line.set("outcome", JSON.readTree(MachineCodec.encodeEvent(
                    new Event.TurnFinished(new EventContext(sessionId, 0, Instant.EPOCH, Labels.NONE), o, 0, Usage.ZERO,
                            0))).get("outcome")));
        }
        line.put("exit_code", exitCode);
        out.println(line);
        out.flush();
    }
}
