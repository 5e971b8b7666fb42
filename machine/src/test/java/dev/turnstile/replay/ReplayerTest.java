package dev.turnstile.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.turnstile.codec.CodecException;
import dev.turnstile.codec.JournalHeader;
import dev.turnstile.codec.MachineCodec;
import dev.turnstile.machine.Effect;
import dev.turnstile.machine.Input;
import dev.turnstile.machine.Labels;
import dev.turnstile.machine.MachineConfig;
import dev.turnstile.machine.SessionState;
import dev.turnstile.machine.Step;
import dev.turnstile.machine.TurnMachine;
import dev.turnstile.model.AssistantMessage;
import dev.turnstile.model.FinishReason;
import dev.turnstile.model.Json;
import dev.turnstile.model.ModelReply;
import dev.turnstile.model.ToolCall;
import dev.turnstile.model.ToolSpec;
import dev.turnstile.model.Usage;
import io.vavr.collection.Vector;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Replay reproduces a recorded session and names the first divergent step when the machine changed. */
class ReplayerTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final ToolSpec ADD = new ToolSpec("add", "adds one",
            Json.parse("{\"type\":\"object\",\"properties\":{\"k\":{\"type\":\"integer\"}},\"required\":[\"k\"]}"), true);

    /** A journal recorded by driving the machine like a driver would: one record per input. */
    private record Recording(String header, List<String> records) {}

    private static Recording record(MachineConfig config, int rounds) {
        TurnMachine machine = new TurnMachine(config);
        SessionState state = machine.start("replay-1", 7, T0, Labels.NONE);
        String header = MachineCodec.encodeHeader(JournalHeader.of("replay-1", 7, T0, Labels.NONE, config, TurnMachine.VERSION));
        List<String> records = new ArrayList<>();
        Instant at = T0;
        Input input = Input.UserMessageReceived.of(at, "count to " + rounds);
        for (int round = 1; ; round++) {
            Step step = machine.step(state, input);
            records.add(JournalRecords.encode(new JournalRecord(input, EffectSignatures.of(step.effects()))));
            state = step.state();
            at = at.plusMillis(3);
            Effect.CallModel call = step.commands().filter(e -> e instanceof Effect.CallModel)
                    .map(e -> (Effect.CallModel) e).headOption().getOrNull();
            Effect.RunTool run = step.commands().filter(e -> e instanceof Effect.RunTool)
                    .map(e -> (Effect.RunTool) e).headOption().getOrNull();
            if (run != null) {
                input = new Input.ToolSucceeded(at, run.id(), Integer.toString(round));
            } else if (call != null && round <= 2 * rounds) {
                AssistantMessage ask = new AssistantMessage("", Vector.of(new ToolCall("c" + round, "add", "{\"k\":" + round + "}")));
                input = new Input.ModelReplied(at, call.id(), new ModelReply(ask, Usage.of(100, 10), FinishReason.TOOL_CALLS, "m"));
            } else if (call != null) {
                input = new Input.ModelReplied(at, call.id(),
                        new ModelReply(AssistantMessage.text("done"), Usage.of(100, 3), FinishReason.END_TURN, "m"));
            } else {
                return new Recording(header, records);
            }
        }
    }

    @Test
    void aRecordedSessionReplaysIdentically() {
        MachineConfig config = MachineConfig.builder("m").tool(ADD).maxRounds(1_000).build();
        Recording journal = record(config, 5);

        ReplayReport report = Replayer.replay(journal.header(), journal.records());

        ReplayReport.Verified verified = assertInstanceOf(ReplayReport.Verified.class, report);
        assertEquals(journal.records().size(), verified.records());
        assertEquals("done", ((AssistantMessage) verified.state().transcript().last()).text());
    }

    @Test
    void aChangedMachineIsReportedAtTheFirstDivergentRecordWithADiff() {
        MachineConfig recordedWith = MachineConfig.builder("m").tool(ADD).toolTimeoutMillis(60_000).build();
        Recording journal = record(recordedWith, 3);
        // The same journal, but the header now claims a different tool deadline: the first RunTool differs.
        MachineConfig changed = recordedWith.toBuilder().toolTimeoutMillis(30_000).build();
        String header = MachineCodec.encodeHeader(JournalHeader.of("replay-1", 7, T0, Labels.NONE, changed, TurnMachine.VERSION));

        ReplayReport report = Replayer.replay(header, journal.records());

        ReplayReport.Diverged diverged = assertInstanceOf(ReplayReport.Diverged.class, report);
        assertEquals(2, diverged.sequence(), diverged.diff());
        assertInstanceOf(Input.ModelReplied.class, diverged.input());
        String diff = diverged.diff();
        assertTrue(diff.contains("first divergence at record 2"), diff);
        assertTrue(diff.lines().anyMatch(l -> l.startsWith("  - run_tool e2")), diff);
        assertTrue(diff.lines().anyMatch(l -> l.startsWith("  + run_tool e2")), diff);
        assertTrue(diff.contains("deadline=2026-03-01T10:00:30.003Z"), diff);
    }

    @Test
    void aModelCallSignatureDoesNotHashTheWholeTranscript() {
        MachineConfig config = MachineConfig.builder("m").tool(ADD).maxRounds(1_000).build();
        Recording journal = record(config, 20);
        // Signatures stay the same length however long the transcript grows.
        assertTrue(journal.records().stream().allMatch(r -> r.length() < 2_000), "a record grew with the transcript");
    }

    @Test
    void aMalformedRecordIsAClearError() {
        CodecException e = assertThrows(CodecException.class, () -> JournalRecords.decode("{\"input\":{\"type\":\"time_advanced\",\"at\":\"2026-03-01T10:00:00Z\"}}"));
        assertTrue(e.getMessage().contains("$.effects"), e.getMessage());
        CodecException notJson = assertThrows(CodecException.class, () -> JournalRecords.decode("{\"input\":"));
        assertTrue(notJson.getMessage().contains("not valid JSON"), notJson.getMessage());
    }

    @Test
    void aThousandRoundJournalReplaysAndReportsItsSpeed() {
        MachineConfig config = MachineConfig.builder("m").tool(ADD).maxRounds(2_000).build();
        Recording journal = record(config, 1_000);
        long started = System.nanoTime();
        ReplayReport report = Replayer.replay(journal.header(), journal.records());
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        assertInstanceOf(ReplayReport.Verified.class, report);
        // Informational only (timing is not asserted): the benchmarks module measures this properly.
        System.out.println("replayed " + journal.records().size() + " records of a 1,000-round journal in "
                + elapsedMillis + " ms");
    }
}
