package dev.turnstile.conformance.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.turnstile.host.AgentRuntime;
import dev.turnstile.host.Session;
import dev.turnstile.host.SessionOptions;
import dev.turnstile.host.observe.Observation;
import dev.turnstile.host.store.FileJournal;
import dev.turnstile.machine.BudgetLimits;
import dev.turnstile.machine.BudgetPolicy;
import dev.turnstile.machine.BudgetResource;
import dev.turnstile.machine.Delivery;
import dev.turnstile.machine.Effect;
import dev.turnstile.machine.Event;
import dev.turnstile.machine.MachineConfig;
import dev.turnstile.machine.Outcome;
import dev.turnstile.machine.PermissionRule;
import dev.turnstile.machine.PermissionVerdict;
import dev.turnstile.machine.RetryPolicy;
import dev.turnstile.machine.StopReason;
import dev.turnstile.machine.ToolPermissions;
import dev.turnstile.model.ToolCall;
import dev.turnstile.model.ToolResultMessage;
import dev.turnstile.model.UserMessage;
import dev.turnstile.wire.StreamDelta;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adapter contract, written once and run against every adapter: extend it and say how to build
 * your runtime.
 *
 * <pre>{@code
 * class MyAdapterTckTest extends AdapterTck {
 *     protected AdapterFactory adapter() {
 *         return parts -> MyRuntime.builder().model(parts.model()).tools(parts.tools()).clock(parts.clock())
 *                 .store(parts.journal(), parts.checkpoints()).build();
 *     }
 * }
 * }</pre>
 *
 * <p>Every scenario uses a {@link ScriptedModel} and {@link ScriptedTool}s, waits on observations or
 * futures with bounded timeouts (never sleeps), and uses real time only where a timer must fire
 * (deadlines and retry-after, with delays of tens of milliseconds and waits of
 * {@link Observations#WAIT_SECONDS}).
 */
public abstract class AdapterTck {

    private final List<AgentRuntime> runtimes = new ArrayList<>();

    /** How to build the runtime under test. */
    protected abstract AdapterFactory adapter();

    /** Builds a runtime (closed after the test). */
    protected final AgentRuntime runtime(RuntimeParts parts) {
        AgentRuntime runtime = adapter().build(parts);
        runtimes.add(runtime);
        return runtime;
    }

    @AfterEach
    final void closeRuntimes() {
        runtimes.forEach(AgentRuntime::close);
        runtimes.clear();
    }

    /** A config builder for the scripted model. */
    protected static MachineConfig.Builder config() {
        return MachineConfig.builder("scripted-model");
    }

    /** Opens session {@code id} on a runtime over {@code parts}. */
    protected final Session open(RuntimeParts parts, MachineConfig config, String id) {
        return runtime(parts).open(SessionOptions.of(id, config).withSeed(7));
    }

    /** Sends {@code text} and waits for the turn it starts (or joins) to finish. */
    protected static Outcome sendAndAwait(Session session, String text) throws Exception {
        long cursor = session.observations().lastCursor();
        session.send(text).get(Observations.WAIT_SECONDS, TimeUnit.SECONDS);
        return await(session, cursor);
    }

    /** The outcome of the first turn finishing after {@code cursor}. */
    protected static Outcome await(Session session, long cursor) throws Exception {
        return session.turnFinished(cursor).get(Observations.WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private static long waitMillis() {
        return TimeUnit.SECONDS.toMillis(Observations.WAIT_SECONDS);
    }

    private static StopReason stopReason(Outcome outcome) {
        return assertInstanceOf(Outcome.Stopped.class, outcome, "expected the turn to stop").reason();
    }

    // --- tool rounds ---

    @Test
    void multiRoundToolsRunRoundAfterRound() throws Exception {
        ScriptedModel model = new ScriptedModel()
                .when(ScriptedModel.toolResultCount(0), ScriptedReply.toolCalls(new ToolCall("c1", "echo", "{\"n\":1}")))
                .when(ScriptedModel.toolResultCount(1), ScriptedReply.toolCalls(new ToolCall("c2", "echo", "{\"n\":2}")))
                .when(ScriptedModel.toolResultCount(2), ScriptedReply.text("two rounds"));
        ScriptedTool echo = ScriptedTool.answering("echo", args -> "echo " + args);
        Session session = open(RuntimeParts.of(model, echo), config().build(), "rounds");

        long cursor = session.observations().lastCursor();
        assertEquals(new Outcome.Completed("two rounds"), sendAndAwait(session, "go"));
        assertEquals(3, Observations.event(session, cursor, Event.TurnFinished.class).rounds());
        assertEquals(3, model.requests().size());
        assertEquals(List.of(new ToolResultMessage("c1", "echo", "echo {\"n\":1}", false),
                new ToolResultMessage("c2", "echo", "echo {\"n\":2}", false)),
                ScriptedModel.toolResults(model.requests().get(2)).toJavaList());
    }

    @Test
    void parallelToolResultsReachTheModelInCallOrderWhateverOrderTheyFinishIn() throws Exception {
        ScriptedModel model = new ScriptedModel()
                .when(ScriptedModel.toolResultCount(0), ScriptedReply.toolCalls(new ToolCall("a", "work", "{}"),
                        new ToolCall("b", "work", "{}"), new ToolCall("c", "work", "{}")))
                .when(ScriptedModel.toolResultCount(3), ScriptedReply.text("all done"));
        ScriptedTool work = ScriptedTool.gated("work");
        Session session = open(RuntimeParts.of(model, work), config().maxParallelTools(3).build(), "parallel");

        long cursor = session.observations().lastCursor();
        session.send("work").get(Observations.WAIT_SECONDS, TimeUnit.SECONDS);
        for (String id : List.of("a", "b", "c")) {
            // all three run at once; the event (not just the invocation) means the runtime is listening
            Observations.toolStarted(session, cursor, id);
        }
        work.release("c", "done c");
        work.release("a", "done a");
        work.release("b", "done b");
        assertEquals(new Outcome.Completed("all done"), await(session, cursor));

        assertEquals(List.of("a", "b", "c"), ScriptedModel.toolResults(model.requests().get(1))
                .map(ToolResultMessage::toolCallId).toJavaList());
        List<String> finishOrder = Observations.events(Observations.all(session, cursor)).stream()
                .filter(e -> e instanceof Event.ToolCallFinished).map(e -> ((Event.ToolCallFinished) e).call().id())
                .toList();
        assertEquals(List.of("c", "a", "b"), finishOrder, Observations.events(Observations.all(session, cursor)).toString());
    }

    // --- streaming ---

    @Test
    void streamedDeltasAreObservedInOrderBetweenCallStartAndTurnEnd() throws Exception {
        String text = "The quick brown fox jumps over the lazy dog";
        ScriptedModel model = new ScriptedModel().when(ScriptedModel.always(), ScriptedReply.text(text).streamed(5));
        Session session = open(RuntimeParts.of(model), config().build(), "stream");

        long cursor = session.observations().lastCursor();
        assertEquals(new Outcome.Completed(text), sendAndAwait(session, "say it"));
        List<Observation> seen = Observations.all(session, cursor);
        int started = indexOf(seen, o -> o instanceof Observation.EventObserved e && e.event() instanceof Event.ModelCallStarted);
        int finished = indexOf(seen, o -> o instanceof Observation.EventObserved e && e.event() instanceof Event.TurnFinished);
        StringBuilder joined = new StringBuilder();
        int deltas = 0;
        for (int i = 0; i < seen.size(); i++) {
            if (seen.get(i) instanceof Observation.DeltaObserved d && d.delta() instanceof StreamDelta.TextDelta t) {
                assertTrue(i > started && i < finished, "delta " + i + " outside the call: " + seen);
                joined.append(t.text());
                deltas++;
            }
        }
        assertEquals(5, deltas);
        assertEquals(text, joined.toString());
    }

    private static int indexOf(List<Observation> seen, java.util.function.Predicate<Observation> p) {
        for (int i = 0; i < seen.size(); i++) {
            if (p.test(seen.get(i))) {
                return i;
            }
        }
        throw new AssertionError("not observed: " + seen);
    }

    // --- approvals ---

    private static MachineConfig askFor(String tool) {
        return config().permissions(new ToolPermissions(Vector.of(new PermissionRule(tool, PermissionVerdict.ASK)),
                PermissionVerdict.ALLOW)).build();
    }

    private static ScriptedModel oneCallThen(String tool, String answer) {
        return new ScriptedModel()
                .when(ScriptedModel.toolResultCount(0), ScriptedReply.toolCalls(new ToolCall("c1", tool, "{}")))
                .when(ScriptedModel.toolResultCount(1), ScriptedReply.text(answer));
    }

    @Test
    void anApprovedCallRuns() throws Exception {
        List<Effect.RequestApproval> asked = new CopyOnWriteArrayList<>();
        ScriptedTool danger = ScriptedTool.answering("danger", args -> "did it");
        ScriptedModel model = oneCallThen("danger", "approved and done");
        Session session = open(RuntimeParts.of(model, danger).withApprovalListener((id, r) -> asked.add(r)),
                askFor("danger"), "approve");

        long cursor = session.observations().lastCursor();
        session.send("do the dangerous thing").get(Observations.WAIT_SECONDS, TimeUnit.SECONDS);
        Event.ApprovalRequested request = Observations.event(session, cursor, Event.ApprovalRequested.class);
        assertEquals(List.of(), danger.invocations(), "nothing runs before the decision");
        assertEquals(List.of(request.approvalId()), asked.stream().map(Effect.RequestApproval::approvalId).toList());
        session.approve(request.approvalId(), "alice", "ok").get(Observations.WAIT_SECONDS, TimeUnit.SECONDS);

        assertEquals(new Outcome.Completed("approved and done"), await(session, cursor));
        assertEquals(1, danger.invocations().size());
        assertEquals(new ToolResultMessage("c1", "danger", "did it", false),
                ScriptedModel.toolResults(model.requests().get(1)).head());
    }

    @Test
    void aDeniedCallDoesNotRunAndTheModelIsTold() throws Exception {
        ScriptedTool danger = ScriptedTool.answering("danger", args -> "did it");
        ScriptedModel model = oneCallThen("danger", "understood");
        Session session = open(RuntimeParts.of(model, danger), askFor("danger"), "deny");

        long cursor = session.observations().lastCursor();
        session.send("do the dangerous thing").get(Observations.WAIT_SECONDS, TimeUnit.SECONDS);
        Event.ApprovalRequested request = Observations.event(session, cursor, Event.ApprovalRequested.class);
        session.deny(request.approvalId(), "bob", "too risky").get(Observations.WAIT_SECONDS, TimeUnit.SECONDS);

        assertEquals(new Outcome.Completed("understood"), await(session, cursor));
        assertEquals(List.of(), danger.invocations());
        ToolResultMessage result = ScriptedModel.toolResults(model.requests().get(1)).head();
        assertTrue(result.isError() && result.content().contains("too risky"), result.toString());
    }

    // --- budgets ---

    private static MachineConfig turnLimit(BudgetResource resource, long limit) {
        return config().budget(new BudgetPolicy(BudgetLimits.NONE.with(resource, limit), BudgetLimits.NONE, 80,
                io.vavr.collection.TreeMap.empty(), Option.none())).build();
    }

    private static ScriptedModel endlessTools() {
        return new ScriptedModel()
                .when(ScriptedModel.toolResultCount(0), ScriptedReply.toolCalls(new ToolCall("c1", "echo", "{}")).withUsage(40, 20))
                .when(ScriptedModel.toolResultCount(1), ScriptedReply.toolCalls(new ToolCall("c2", "echo", "{}")).withUsage(80, 20))
                .when(ScriptedModel.toolResultCount(2), ScriptedReply.text("should not get here"));
    }

    @Test
    void aHardToolCallLimitStopsTheTurnWithBudgetExhausted() throws Exception {
        ScriptedTool echo = ScriptedTool.answering("echo", args -> "ok");
        Session session = open(RuntimeParts.of(endlessTools(), echo), turnLimit(BudgetResource.TOOL_CALLS, 1), "tools");

        StopReason reason = stopReason(sendAndAwait(session, "go"));
        assertEquals(BudgetResource.TOOL_CALLS, assertInstanceOf(StopReason.BudgetExhausted.class, reason).resource());
        assertEquals(1, echo.invocations().size());
    }

    @Test
    void aHardTokenLimitStopsTheTurnWithBudgetExhausted() throws Exception {
        ScriptedTool echo = ScriptedTool.answering("echo", args -> "ok");
        ScriptedModel model = endlessTools();
        Session session = open(RuntimeParts.of(model, echo), turnLimit(BudgetResource.TOTAL_TOKENS, 100), "tokens");

        StopReason reason = stopReason(sendAndAwait(session, "go"));
        assertEquals(BudgetResource.TOTAL_TOKENS, assertInstanceOf(StopReason.BudgetExhausted.class, reason).resource());
        assertTrue(model.requests().size() <= 2, "no call after the limit was crossed: " + model.requests().size());
    }

    // --- retries and deadlines (real timers, short delays) ---

    @Test
    void aRateLimitedCallIsRetriedAfterTheServersDelayAndSucceeds() throws Exception {
        ScriptedModel model = new ScriptedModel()
                .when(ScriptedModel.always(), ScriptedReply.rateLimited(30), 1)
                .when(ScriptedModel.always(), ScriptedReply.text("second time lucky"));
        Session session = open(RuntimeParts.of(model),
                config().retry(new RetryPolicy(3, 10, 100, 60_000, 0)).build(), "retry");

        long cursor = session.observations().lastCursor();
        assertEquals(new Outcome.Completed("second time lucky"), sendAndAwait(session, "hi"));
        Event.RetryScheduled retry = Observations.event(session, cursor, Event.RetryScheduled.class);
        assertEquals(dev.turnstile.model.FailureKind.RATE_LIMITED, retry.kind());
        assertEquals(30, retry.delayMillis());
        assertEquals(2, model.requests().size());
    }

    @Test
    void aFatalFailureStopsTheTurnWithoutRetrying() throws Exception {
        ScriptedModel model = new ScriptedModel().when(ScriptedModel.always(), ScriptedReply.fatal("bad key"));
        Session session = open(RuntimeParts.of(model), config().build(), "fatal");

        StopReason reason = stopReason(sendAndAwait(session, "hi"));
        assertEquals(dev.turnstile.model.FailureKind.FATAL, assertInstanceOf(StopReason.ModelFailed.class, reason).kind());
        assertEquals(1, model.requests().size());
    }

    @Test
    void aToolThatNeverCompletesTimesOutAsAnErrorResult() throws Exception {
        ScriptedTool stuck = ScriptedTool.gated("stuck");
        ScriptedModel model = oneCallThen("stuck", "gave up on it");
        Session session = open(RuntimeParts.of(model, stuck), config().toolTimeoutMillis(50).build(), "deadline");

        assertEquals(new Outcome.Completed("gave up on it"), sendAndAwait(session, "try"));
        ToolResultMessage result = ScriptedModel.toolResults(model.requests().get(1)).head();
        assertTrue(result.isError(), result.toString());
        assertEquals(List.of("c1"), stuck.cancelledCalls(), "the timed-out run is abandoned");
    }

    // --- cancellation at every phase ---

    @Test
    void cancelDuringTheModelCall() throws Exception {
        ScriptedModel model = new ScriptedModel().when(ScriptedModel.always(), ScriptedReply.hang());
        Session session = open(RuntimeParts.of(model), config().build(), "cancel-model");
        long cursor = session.observations().lastCursor();
        session.send("hi").get(Observations.WAIT_SECONDS, TimeUnit.SECONDS);
        Observations.event(session, cursor, Event.ModelCallStarted.class);

        session.cancel("user pressed stop").get(Observations.WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(new StopReason.Cancelled("user pressed stop"), stopReason(await(session, cursor)));
        assertEquals(1, model.cancelledCalls(), "the in-flight call is cancelled");
    }

    @Test
    void cancelWhileToolsRun() throws Exception {
        ScriptedTool slow = ScriptedTool.gated("slow");
        Session session = open(RuntimeParts.of(oneCallThen("slow", "unused"), slow), config().build(), "cancel-tools");
        long cursor = session.observations().lastCursor();
        session.send("hi").get(Observations.WAIT_SECONDS, TimeUnit.SECONDS);
        slow.awaitStarted("c1", waitMillis());

        session.cancel("stop").get(Observations.WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(new StopReason.Cancelled("stop"), stopReason(await(session, cursor)));
        assertEquals(List.of("c1"), slow.cancelledCalls());
    }

    @Test
    void cancelWhileWaitingForApproval() throws Exception {
        ScriptedTool danger = ScriptedTool.answering("danger", args -> "did it");
        Session session = open(RuntimeParts.of(oneCallThen("danger", "unused"), danger), askFor("danger"),
                "cancel-approval");
        long cursor = session.observations().lastCursor();
        session.send("hi").get(Observations.WAIT_SECONDS, TimeUnit.SECONDS);
        Event.ApprovalRequested request = Observations.event(session, cursor, Event.ApprovalRequested.class);

        session.cancel("stop").get(Observations.WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(new StopReason.Cancelled("stop"), stopReason(await(session, cursor)));
        assertTrue(!session.snapshot().turnRunning(), "the turn is over");
        long after = session.observations().lastCursor();
        session.approve(request.approvalId(), "alice", "too late").get(Observations.WAIT_SECONDS, TimeUnit.SECONDS);
        Observations.event(session, after, Event.InputRejected.class);
        assertEquals(List.of(), danger.invocations());
    }

    @Test
    void cancelDuringBackoff() throws Exception {
        ScriptedModel model = new ScriptedModel().when(ScriptedModel.always(), ScriptedReply.retryable("503"));
        Session session = open(RuntimeParts.of(model),
                config().retry(new RetryPolicy(3, 600_000, 600_000, 60_000, 0)).build(), "cancel-backoff");
        long cursor = session.observations().lastCursor();
        session.send("hi").get(Observations.WAIT_SECONDS, TimeUnit.SECONDS);
        Observations.event(session, cursor, Event.RetryScheduled.class);

        session.cancel("stop").get(Observations.WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(new StopReason.Cancelled("stop"), stopReason(await(session, cursor)));
        assertEquals(1, model.requests().size(), "no retry after the cancel");
    }

    // --- queued input ---

    @Test
    void aMessageForTheNextBoundaryJoinsTheRunningTurn() throws Exception {
        ScriptedTool slow = ScriptedTool.gated("slow");
        ScriptedModel model = new ScriptedModel()
                .when(ScriptedModel.lastUserText("also this"), ScriptedReply.text("saw both"))
                .when(ScriptedModel.toolResultCount(0), ScriptedReply.toolCalls(new ToolCall("c1", "slow", "{}")));
        Session session = open(RuntimeParts.of(model, slow), config().build(), "next-boundary");
        long cursor = session.observations().lastCursor();
        session.send("first").get(Observations.WAIT_SECONDS, TimeUnit.SECONDS);
        slow.awaitStarted("c1", waitMillis());

        session.send("also this", Delivery.NEXT_BOUNDARY, Option.none()).get(Observations.WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(Delivery.NEXT_BOUNDARY, Observations.event(session, cursor, Event.UserMessageQueued.class).delivery());
        slow.release("c1", "slow done");

        assertEquals(new Outcome.Completed("saw both"), await(session, cursor));
        var second = model.requests().get(1).messages();
        assertInstanceOf(ToolResultMessage.class, second.get(second.size() - 2));
        assertEquals(new UserMessage("also this"), second.last());
        assertEquals(1, Observations.events(Observations.all(session, cursor)).stream()
                .filter(e -> e instanceof Event.TurnFinished).count(), "one turn");
    }

    @Test
    void aMessageForAfterTheTurnStartsTheNextTurn() throws Exception {
        ScriptedTool slow = ScriptedTool.gated("slow");
        ScriptedModel model = new ScriptedModel()
                .when(ScriptedModel.lastUserText("later"), ScriptedReply.text("second turn"))
                .when(ScriptedModel.toolResultCount(0), ScriptedReply.toolCalls(new ToolCall("c1", "slow", "{}")))
                .when(ScriptedModel.toolResultCount(1), ScriptedReply.text("first turn"));
        Session session = open(RuntimeParts.of(model, slow), config().build(), "after-turn");
        long cursor = session.observations().lastCursor();
        session.send("first").get(Observations.WAIT_SECONDS, TimeUnit.SECONDS);
        slow.awaitStarted("c1", waitMillis());

        session.send("later", Delivery.AFTER_TURN, Option.none()).get(Observations.WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(Delivery.AFTER_TURN, Observations.event(session, cursor, Event.UserMessageQueued.class).delivery());
        slow.release("c1", "slow done");

        assertEquals(new Outcome.Completed("first turn"), await(session, cursor));
        long afterFirst = Observations.first(session, cursor, o -> o instanceof Observation.EventObserved e
                && e.event() instanceof Event.TurnFinished).get(Observations.WAIT_SECONDS, TimeUnit.SECONDS).cursor();
        assertEquals(new Outcome.Completed("second turn"), await(session, afterFirst));
        assertEquals(3, model.requests().size());
        assertTrue(model.requests().get(1).messages().forAll(m -> !m.equals(new UserMessage("later"))),
                "the first turn never sees the later message");
    }

    // --- close ---

    @Test
    void closingASessionCancelsItsTurnAndKeepsItResumable() throws Exception {
        ScriptedTool slow = ScriptedTool.gated("slow");
        RuntimeParts parts = RuntimeParts.of(oneCallThen("slow", "unused"), slow);
        AgentRuntime runtime = runtime(parts);
        Session session = runtime.open(SessionOptions.of("closing", config().build()).withSeed(7));
        long cursor = session.observations().lastCursor();
        session.send("hi").get(Observations.WAIT_SECONDS, TimeUnit.SECONDS);
        slow.awaitStarted("c1", waitMillis());
        var outcome = session.turnFinished(cursor);

        runtime.close("closing").get(Observations.WAIT_SECONDS, TimeUnit.SECONDS);
        assertInstanceOf(StopReason.Cancelled.class, stopReason(outcome.get(Observations.WAIT_SECONDS, TimeUnit.SECONDS)));
        assertEquals(List.of("c1"), slow.cancelledCalls());
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> session.send("anyone?").get(Observations.WAIT_SECONDS, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, refused.getCause());
        assertEquals(List.of(), runtime.openSessions().toJavaList());
        assertEquals(List.of("closing"), runtime.storedSessions().toJavaList());

        Session resumed = runtime.resume("closing");
        Observations.event(resumed, 0, Event.SessionRecovered.class);
        assertTrue(!resumed.snapshot().turnRunning(), "the resumed session is idle");
    }

    // --- crash and recover ---

    @Test
    void aCrashedSessionIsRecoveredFromItsFileJournal(@TempDir Path store) throws Exception {
        ScriptedModel model = new ScriptedModel()
                .when(ScriptedModel.toolResultCount(0), ScriptedReply.toolCalls(new ToolCall("c1", "pay", "{}"),
                        new ToolCall("c2", "read", "{}")))
                .when(ScriptedModel.toolResultCount(2), ScriptedReply.text("recovered"));
        ScriptedTool payBefore = ScriptedTool.gated("pay");
        ScriptedTool readBefore = ScriptedTool.gated("read").idempotent();
        FileJournal crashing = FileJournal.open(store);
        AgentRuntime first = runtime(RuntimeParts.of(model, payBefore, readBefore).withStore(crashing, crashing.checkpoints()));
        Session before = first.open(SessionOptions.of("crash", config().build()).withSeed(7));
        before.send("pay and read").get(Observations.WAIT_SECONDS, TimeUnit.SECONDS);
        payBefore.awaitStarted("c1", waitMillis());
        readBefore.awaitStarted("c2", waitMillis());
        crashing.close(); // nothing reaches the files from here on, as if the process died
        first.close();

        ScriptedTool payAfter = ScriptedTool.answering("pay", args -> "paid twice!");
        ScriptedTool readAfter = ScriptedTool.answering("read", args -> "read again");
        FileJournal reopened = FileJournal.open(store);
        Session after = runtime(RuntimeParts.of(model, payAfter, readAfter).withStore(reopened, reopened.checkpoints()))
                .resume("crash");
        assertEquals(new Outcome.Completed("recovered"), await(after, 0));
        assertEquals(List.of(), payAfter.invocations(), "a non-idempotent tool is not re-run");
        assertEquals(1, readAfter.invocations().size(), "an idempotent tool is re-run");
        Vector<ToolResultMessage> results = ScriptedModel.toolResults(model.requests().get(1));
        assertTrue(results.get(0).isError(), results.toString());
        assertEquals("read again", results.get(1).content());
    }
}
