package dev.turnstile.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.turnstile.host.store.InMemoryJournal;
import dev.turnstile.machine.Input;
import dev.turnstile.machine.MachineConfig;
import dev.turnstile.machine.Outcome;
import dev.turnstile.machine.PermissionRule;
import dev.turnstile.machine.PermissionVerdict;
import dev.turnstile.machine.StopReason;
import dev.turnstile.machine.ToolPermissions;
import dev.turnstile.model.Json;
import dev.turnstile.model.ToolCall;
import dev.turnstile.model.ToolSpec;
import dev.turnstile.replay.JournalRecords;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/** The session driver, step by step on a {@link ManualEnvironment}: interleavings are fixed, not raced. */
class SessionDriverTest {

    private final ManualEnvironment env = new ManualEnvironment();
    private final InMemoryJournal journal = new InMemoryJournal();
    private final ScriptedModelClient model = new ScriptedModelClient();

    private Session open(MachineConfig config, TreeMap<String, Tool> tools,
            BiConsumer<String, dev.turnstile.machine.Effect.RequestApproval> approvals) {
        HostRuntime runtime = new HostRuntime(env, journal, journal.checkpoints(),
                new EffectPorts(model, tools, Option.none(), approvals), 64);
        return runtime.open(SessionOptions.of("s1", config).withSeed(7));
    }

    private Session open(MachineConfig config) {
        return open(config, TreeMap.empty(), (id, request) -> { });
    }

    private List<Class<?>> journaledInputs() {
        return journal.read("s1").entries().stream()
                .<Class<?>>map(e -> JournalRecords.decode(e.entryJson()).input().getClass()).toList();
    }

    @Test
    void effectsRunOnlyOnceTheirInputIsJournaled() {
        Session session = open(MachineConfig.builder("m").build());
        CompletableFuture<Long> accepted = session.send("hi");
        env.runOne(); // the driver takes the input and steps the machine
        assertTrue(model.calls.isEmpty());
        assertEquals(List.of(), journaledInputs());
        env.runOne(); // the journal append
        assertEquals(List.of(Input.UserMessageReceived.class), journaledInputs());
        assertTrue(model.calls.isEmpty(), "no effect may run before the driver applies the durable step");
        assertFalse(accepted.isDone());
        env.runOne(); // apply: effects dispatched, caller told
        assertEquals(1, model.calls.size());
        assertEquals(1L, accepted.join());
    }

    @Test
    void aTimerThatFiredJustBeforeItWasReArmedChangesNothing() {
        Session session = open(MachineConfig.builder("m").modelCallTimeoutMillis(1_000).build());
        session.send("hi");
        env.runAll();
        assertEquals(1, env.live().size(), "the model deadline is armed");
        ManualEnvironment.Armed deadline = env.live().get(0);

        model.calls.get(0).reply("hello");
        env.runOne(); // the reply is stepped
        env.runOne(); // and journaled; applying it (which re-arms the timer) is queued
        deadline.fire(); // the old timer fires now: its task queues behind the apply
        env.runAll();

        assertEquals(List.of(Input.UserMessageReceived.class, Input.ModelReplied.class), journaledInputs());
        assertEquals(List.of(), env.live());
    }

    @Test
    void aThrowingObserverDoesNotStopTheSession() {
        Session session = open(MachineConfig.builder("m").build());
        session.observations().onPublish(() -> {
            throw new IllegalStateException("observer bug (expected by the test)");
        });
        long cursor = session.observations().lastCursor();
        session.send("hi");
        env.runAll();
        assertEquals(1, model.calls.size());
        model.calls.get(0).reply("hello");
        env.runAll();
        assertEquals(new Outcome.Completed("hello"), session.turnFinished(cursor).join());
    }

    @Test
    void aThrowingApprovalListenerDoesNotStopTheSession() {
        AtomicInteger runs = new AtomicInteger();
        Tool tool = new Tool() {
            @Override
            public ToolSpec spec() {
                return new ToolSpec("pay", "Pays", Json.EMPTY_OBJECT, false);
            }

            @Override
            public CompletionStage<String> invoke(ToolInvocation invocation, Executor blockingExecutor) {
                runs.incrementAndGet();
                return CompletableFuture.completedFuture("paid");
            }
        };
        MachineConfig config = MachineConfig.builder("m").permissions(new ToolPermissions(
                Vector.of(new PermissionRule("pay", PermissionVerdict.ASK)), PermissionVerdict.ALLOW)).build();
        Session session = open(config, TreeMap.of("pay", tool), (id, request) -> {
            throw new IllegalStateException("listener bug (expected by the test)");
        });
        long cursor = session.observations().lastCursor();
        session.send("pay it");
        env.runAll();
        model.calls.get(0).replyWithToolCall(new ToolCall("call_1", "pay", "{}"));
        env.runAll();
        assertEquals(0, runs.get(), "the tool waits for the decision");
        session.approve(pendingApprovalId(session), "alice", "ok");
        env.runAll();
        assertEquals(1, runs.get());
        model.calls.get(1).reply("done");
        env.runAll();
        assertEquals(new Outcome.Completed("done"), session.turnFinished(cursor).join());
    }

    private static String pendingApprovalId(Session session) {
        return session.observations().read(0, 100).stream()
                .filter(o -> o instanceof dev.turnstile.host.observe.Observation.EventObserved e
                        && e.event() instanceof dev.turnstile.machine.Event.ApprovalRequested)
                .map(o -> ((dev.turnstile.machine.Event.ApprovalRequested)
                        ((dev.turnstile.host.observe.Observation.EventObserved) o).event()).approvalId())
                .findFirst().orElseThrow();
    }

    @Test
    void closeDuringAModelCallCancelsItJournalsTheCancelAndRefusesLaterInput() {
        Session session = open(MachineConfig.builder("m").build());
        long cursor = session.observations().lastCursor();
        session.send("hi");
        env.runAll();
        CompletableFuture<Void> closed = session.close();
        env.runAll();
        assertTrue(closed.isDone() && !closed.isCompletedExceptionally());
        assertTrue(model.calls.get(0).cancelled, "the in-flight model call was not cancelled");
        assertEquals(List.of(Input.UserMessageReceived.class, Input.CancelRequested.class), journaledInputs());
        assertEquals(new Outcome.Stopped(new StopReason.Cancelled("session closed")), session.turnFinished(cursor).join());
        CompletableFuture<Long> late = session.send("more");
        env.runAll();
        assertInstanceOf(SessionClosedException.class, late.exceptionNow());
        assertTrue(session.observations().isClosed());
        CompletableFuture<Void> again = session.close(); // idempotent
        env.runAll();
        assertTrue(again.isDone() && !again.isCompletedExceptionally());
    }

    @Test
    void closeWaitsForAnInputWhoseAppendIsInFlightAndCancelsTheTurnItStarted() {
        // Found by the crash test: close() of an idle session used to complete while a send's journal
        // append was still in flight; the send then started a turn nobody cancelled.
        Session session = open(MachineConfig.builder("m").build());
        CompletableFuture<Long> accepted = session.send("hi");
        env.runOne(); // the driver steps the machine; the append is queued, not yet durable
        CompletableFuture<Void> closed = session.close();
        env.runOne(); // the close request: it must not complete while the append is in flight
        assertFalse(closed.isDone(), "close completed before an accepted input was journaled");

        env.runAll();

        assertEquals(1L, accepted.join());
        assertTrue(closed.isDone());
        assertEquals(1, model.calls.size());
        assertTrue(model.calls.get(0).cancelled, "the turn the send started is cancelled by close");
        assertEquals(List.of(Input.UserMessageReceived.class, Input.CancelRequested.class), journaledInputs());
    }
}
