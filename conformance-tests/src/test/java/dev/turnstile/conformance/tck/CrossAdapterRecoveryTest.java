package dev.turnstile.conformance.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.turnstile.host.AgentRuntime;
import dev.turnstile.host.Session;
import dev.turnstile.host.SessionOptions;
import dev.turnstile.host.store.FileJournal;
import dev.turnstile.machine.Event;
import dev.turnstile.machine.Input;
import dev.turnstile.machine.MachineConfig;
import dev.turnstile.machine.Outcome;
import dev.turnstile.model.ToolCall;
import dev.turnstile.model.ToolResultMessage;
import dev.turnstile.replay.JournalRecords;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session journaled by one runtime crashes mid-turn (both tools of a round in flight) and is resumed
 * and finished by the other runtime, in both directions; the two resulting journals are byte-identical.
 *
 * <p>The crash: the first runtime's {@link FileJournal} is closed underneath it while the tools block,
 * so nothing more reaches the files (as when the process dies), then the first runtime is shut down.
 */
class CrossAdapterRecoveryTest {

    @Test
    void blockingCrashesAndNettyFinishesAndViceVersaWithIdenticalJournals(@TempDir Path toNetty,
            @TempDir Path toBlocking) throws Exception {
        String blockingThenNetty = crashAndResume(Adapters.blocking(), Adapters.netty(), toNetty);
        String nettyThenBlocking = crashAndResume(Adapters.netty(), Adapters.blocking(), toBlocking);
        assertEquals(blockingThenNetty, nettyThenBlocking);
    }

    private static String crashAndResume(AdapterFactory first, AdapterFactory second, Path store) throws Exception {
        ManualClock clock = ManualClock.atEpochOfTests();
        MachineConfig config = MachineConfig.builder("scripted-model").build();
        ScriptedTool chargeBefore = ScriptedTool.gated("charge");
        ScriptedTool lookupBefore = ScriptedTool.gated("lookup").idempotent();
        FileJournal firstJournal = FileJournal.open(store);
        int entriesAtCrash;
        AgentRuntime crashed = first.build(RuntimeParts.of(script(), chargeBefore, lookupBefore).withClock(clock)
                .withStore(firstJournal, firstJournal.checkpoints()));
        try {
            Session before = crashed.open(SessionOptions.of("crashy", config).withSeed(42));
            clock.advance(Duration.ofSeconds(1));
            before.send("charge and look up order 7").get(Observations.WAIT_SECONDS, TimeUnit.SECONDS);
            chargeBefore.awaitStarted("call_charge", waitMillis());
            lookupBefore.awaitStarted("call_lookup", waitMillis());
            entriesAtCrash = firstJournal.read("crashy").entries().size();
            firstJournal.close(); // the crash: nothing reaches the store from here on
        } finally {
            crashed.close();
        }

        clock.advance(Duration.ofSeconds(10));
        ScriptedTool chargeAfter = ScriptedTool.answering("charge", args -> "charged twice!");
        ScriptedTool lookupAfter = ScriptedTool.gated("lookup").idempotent();
        FileJournal secondJournal = FileJournal.open(store);
        ScriptedModel model = script();
        try (AgentRuntime resumed = second.build(RuntimeParts.of(model, chargeAfter, lookupAfter).withClock(clock)
                .withStore(secondJournal, secondJournal.checkpoints()))) {
            Session after = resumed.resume("crashy");
            var rerun = lookupAfter.awaitStarted("call_lookup", waitMillis());
            assertEquals(lookupBefore.invocations().get(0).idempotencyKey(), rerun.idempotencyKey(),
                    "an idempotent re-run keeps its idempotency key");
            clock.advance(Duration.ofSeconds(1));
            lookupAfter.release("call_lookup", "order 7: shipped");
            assertEquals(new Outcome.Completed("recovered and done"),
                    after.turnFinished(0).get(Observations.WAIT_SECONDS, TimeUnit.SECONDS));

            Event.SessionRecovered recovered = Observations.event(after, 0, Event.SessionRecovered.class);
            assertEquals(1, recovered.toolRunsReissued());
            assertEquals(1, recovered.toolRunsInterrupted());
            assertEquals(List.of(), chargeAfter.invocations(), "a non-idempotent tool is never re-run");
            assertEquals(1, chargeBefore.invocations().size());
            assertEquals(1, model.requests().size(), "the model call made before the crash is not repeated");
            List<ToolResultMessage> results = ScriptedModel.toolResults(model.requests().get(0)).toJavaList();
            assertEquals(List.of("call_charge", "call_lookup"), results.stream().map(ToolResultMessage::toolCallId).toList());
            assertTrue(results.get(0).isError() && results.get(0).content().contains("interrupted"), results.toString());
            assertEquals("order 7: shipped", results.get(1).content());

            var entries = secondJournal.read("crashy").entries();
            assertTrue(JournalRecords.decode(entries.get(entriesAtCrash).entryJson()).input() instanceof Input.Recovered,
                    "the first record after the crash point is the resumed run's Recovered input");
            return JournalDump.of(secondJournal.read("crashy"));
        }
    }

    /** The model's side of the story; the first call happens before the crash, the second after. */
    private static ScriptedModel script() {
        return new ScriptedModel()
                .when(ScriptedModel.toolResultCount(0), ScriptedReply.toolCalls(
                        new ToolCall("call_charge", "charge", "{\"cents\":500}"),
                        new ToolCall("call_lookup", "lookup", "{\"order\":7}")))
                .when(ScriptedModel.toolResultCount(2), ScriptedReply.text("recovered and done"));
    }

    private static long waitMillis() {
        return TimeUnit.SECONDS.toMillis(Observations.WAIT_SECONDS);
    }
}
