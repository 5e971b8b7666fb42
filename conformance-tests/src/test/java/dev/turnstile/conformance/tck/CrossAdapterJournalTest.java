package dev.turnstile.conformance.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.turnstile.host.AgentRuntime;
import dev.turnstile.host.Session;
import dev.turnstile.host.SessionOptions;
import dev.turnstile.host.store.FileJournal;
import dev.turnstile.host.store.InMemoryJournal;
import dev.turnstile.host.store.Journal;
import dev.turnstile.machine.Delivery;
import dev.turnstile.machine.Event;
import dev.turnstile.machine.MachineConfig;
import dev.turnstile.machine.Outcome;
import dev.turnstile.machine.PermissionRule;
import dev.turnstile.machine.PermissionVerdict;
import dev.turnstile.machine.ToolPermissions;
import dev.turnstile.model.ToolCall;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same scripted world driven through the blocking and the Netty runtime gives byte-identical
 * journals (header and every entry).
 *
 * <p>How the clock is made identical: a {@link ManualClock} that stands still and is moved only by the
 * test, and only while the session waits for the test (a gated tool, an approval, an idle session).
 * Every input is stamped when the driver takes it; the scenario waits until each input it causes is
 * journaled (its event observed, or the send future completed) before moving the clock again, so each
 * input's instant is fixed by the script, however often an adapter reads the clock (the timers read it
 * too, to measure delays). Parallel tools are gated and released one at a time in a fixed order.
 */
class CrossAdapterJournalTest {

    private static final long SEED = 0x5eed_7125L;

    @Test
    void blockingAndNettyWriteByteIdenticalInMemoryJournals() throws Exception {
        String blocking = runScenario(Adapters.blocking(), dir -> new InMemoryJournal());
        String netty = runScenario(Adapters.netty(), dir -> new InMemoryJournal());
        assertEquals(blocking, netty);
        assertEquals(13, blocking.lines().count(), blocking);
    }

    @Test
    void blockingAndNettyWriteByteIdenticalFileJournals(@TempDir Path blockingDir, @TempDir Path nettyDir)
            throws Exception {
        String blocking = runScenario(Adapters.blocking(), ignored -> FileJournal.open(blockingDir));
        String netty = runScenario(Adapters.netty(), ignored -> FileJournal.open(nettyDir));
        assertEquals(blocking, netty);
    }

    /**
     * Two turns: parallel lookups released out of call order, an approval, a message queued for the next
     * round boundary, a second tool round, a streamed answer, then a second turn.
     */
    private static String runScenario(AdapterFactory adapter, Function<Path, Journal> store) throws Exception {
        ManualClock clock = ManualClock.atEpochOfTests();
        ScriptedModel model = new ScriptedModel()
                .when(ScriptedModel.lastUserText("thanks"), ScriptedReply.text("you are welcome").streamed(2))
                .when(ScriptedModel.toolResultCount(0), ScriptedReply.toolCalls(
                        new ToolCall("call_a", "lookup", "{\"city\":\"oslo\"}"),
                        new ToolCall("call_b", "lookup", "{\"city\":\"bergen\"}"),
                        new ToolCall("call_c", "book", "{\"train\":\"r20\"}")).withUsage(40, 12).streamed(1))
                .when(ScriptedModel.toolResultCount(3), ScriptedReply.toolCalls(
                        new ToolCall("call_d", "lookup", "{\"city\":\"tromso\"}")).withUsage(90, 8))
                .when(ScriptedModel.toolResultCount(4), ScriptedReply.text("trip planned, weather checked")
                        .withUsage(120, 9).streamed(3));
        ScriptedTool lookup = ScriptedTool.gated("lookup").idempotent();
        ScriptedTool book = ScriptedTool.gated("book");
        Journal journal = store.apply(null);
        MachineConfig config = MachineConfig.builder("scripted-model")
                .maxParallelTools(4)
                .permissions(new ToolPermissions(Vector.of(new PermissionRule("book", PermissionVerdict.ASK)),
                        PermissionVerdict.ALLOW))
                .build();
        RuntimeParts parts = RuntimeParts.of(model, lookup, book).withClock(clock)
                .withStore(journal, checkpointsOf(journal));
        try (AgentRuntime runtime = adapter.build(parts)) {
            Session session = runtime.open(SessionOptions.of("trip", config).withSeed(SEED));
            long start = session.observations().lastCursor();

            clock.advance(Duration.ofSeconds(1));
            session.send("plan the trip").get(Observations.WAIT_SECONDS, TimeUnit.SECONDS);
            lookup.awaitStarted("call_a", waitMillis());
            lookup.awaitStarted("call_b", waitMillis());
            Event.ApprovalRequested approval = Observations.event(session, start, Event.ApprovalRequested.class);

            clock.advance(Duration.ofSeconds(1));
            session.send("also check the weather", Delivery.NEXT_BOUNDARY, Option.some("msg-2"))
                    .get(Observations.WAIT_SECONDS, TimeUnit.SECONDS);

            clock.advance(Duration.ofMillis(250));
            lookup.release("call_b", "bergen: rain");
            toolFinished(session, start, "call_b");
            clock.advance(Duration.ofMillis(250));
            lookup.release("call_a", "oslo: sun");
            toolFinished(session, start, "call_a");

            clock.advance(Duration.ofSeconds(3));
            session.approve(approval.approvalId(), "alice", "fine").get(Observations.WAIT_SECONDS, TimeUnit.SECONDS);
            book.awaitStarted("call_c", waitMillis());
            clock.advance(Duration.ofMillis(500));
            book.release("call_c", "booked r20");
            lookup.awaitStarted("call_d", waitMillis());
            clock.advance(Duration.ofMillis(500));
            lookup.release("call_d", "tromso: snow");
            Outcome first = session.turnFinished(start).get(Observations.WAIT_SECONDS, TimeUnit.SECONDS);
            assertEquals(new Outcome.Completed("trip planned, weather checked"), first);

            long second = session.observations().lastCursor();
            clock.advance(Duration.ofMinutes(1));
            session.send("thanks").get(Observations.WAIT_SECONDS, TimeUnit.SECONDS);
            assertEquals(new Outcome.Completed("you are welcome"),
                    session.turnFinished(second).get(Observations.WAIT_SECONDS, TimeUnit.SECONDS));
            assertEquals(4, model.requests().size());
            return JournalDump.of(journal.read("trip"));
        }
    }

    private static dev.turnstile.host.store.CheckpointStore checkpointsOf(Journal journal) {
        return switch (journal) {
            case InMemoryJournal memory -> memory.checkpoints();
            case FileJournal file -> file.checkpoints();
            default -> throw new IllegalArgumentException("unknown journal " + journal);
        };
    }

    private static void toolFinished(Session session, long after, String callId) throws Exception {
        Observations.event(session, after, Event.ToolCallFinished.class, e -> e.call().id().equals(callId));
    }

    private static long waitMillis() {
        return TimeUnit.SECONDS.toMillis(Observations.WAIT_SECONDS);
    }
}
