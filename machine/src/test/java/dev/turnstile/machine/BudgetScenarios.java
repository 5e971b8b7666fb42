package dev.turnstile.machine;

import static dev.turnstile.machine.Spec.*;

import dev.turnstile.model.AssistantMessage;
import dev.turnstile.model.FailureKind;
import dev.turnstile.model.ToolCall;
import dev.turnstile.model.ToolResultMessage;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/**
 * Budgets: soft thresholds reported once, hard limits enforced before the model call or tool run
 * that would cross them (using {@link BudgetPolicy}'s prompt estimate: reported tokens plus one
 * token per 3 characters appended since), cost from the price table, and the turn's wall time.
 */
final class BudgetScenarios {

    private BudgetScenarios() {}

    static Vector<Scenario> all() {
        return Vector.of(softThenHardSessionOutputLimit(), firstPromptOverInputLimit(), costFromPriceTable(),
                nextPromptOverTotalLimit(), roundLimitAfterToolFailure(), toolRunOverBudgetAfterAnother(),
                toolRunOverBudgetInSameBatch(), approvedRunOverBudget(), approvedWhileRunningOverBudget(),
                wallTimeDuringModelCall(), wallTimeWhileBackingOff(), wallTimeWhileToolsRun(),
                wallTimeDuringApproval());
    }

    static BudgetPolicy turnLimit(BudgetResource resource, long limit) {
        return new BudgetPolicy(BudgetLimits.NONE.with(resource, limit), BudgetLimits.NONE, 80, TreeMap.empty(),
                Option.none());
    }

    static Meter withThreshold(Meter meter, BudgetResource resource) {
        return meter.withThresholdHit(resource);
    }

    /** Turn {@code turn} starts at {@code ms} with {@code text} as effect {@code id}. */
    static Scenario nextTurn(Scenario scenario, int turn, long ms, String text, long id) {
        return scenario.given(userSays(ms, text), (s, x) -> x
                .phase(new Phase.AwaitingModel(e(id), at(ms + 10_000), 1))
                .field("turn", SessionState::turn, turn)
                .effects(emit(new Event.TurnStarted(x.ctx(turn), text)),
                        x.callModel(e(id), s.transcript().append(user(text)), at(ms + 10_000), 1),
                        emit(new Event.ModelCallStarted(x.ctx(turn), e(id), 1, 1)))
                .wake(at(ms + 10_000), Wake.Reason.MODEL_DEADLINE));
    }

    static Scenario softThenHardSessionOutputLimit() {
        MachineConfig config = BASIC.toBuilder().budget(new BudgetPolicy(BudgetLimits.NONE,
                BudgetLimits.NONE.with(BudgetResource.OUTPUT_TOKENS, 100), 50, TreeMap.empty(), Option.none())).build();
        StopReason exhausted = new StopReason.BudgetExhausted(BudgetResource.OUTPUT_TOKENS, BudgetScope.SESSION, 110, 100,
                "the output token limit was reached; session OUTPUT_TOKENS used 110 of 100");
        Scenario s1 = Scenario.named("budget: the soft threshold (50 % of 100 session output tokens) is reported "
                        + "once; once the limit is reached the next turn stops before its model call")
                .config(config)
                .firstTurn(1, "One")
                .given(replyText(10, e(1), "First", 20, 60), (s, x) -> x
                        .phase(new Phase.AwaitingUser())
                        .field("session meter", SessionState::sessionMeter,
                                withThreshold(meter(usage(20, 60), 0, 1, 0), BudgetResource.OUTPUT_TOKENS))
                        .effects(emit(new Event.BudgetThresholdHit(x.ctx(1), BudgetResource.OUTPUT_TOKENS,
                                        BudgetScope.SESSION, 60, 100)),
                                emit(new Event.TurnFinished(x.ctx(1), new Outcome.Completed("First"), 1, usage(20, 60), 0)),
                                new Effect.SaveCheckpoint(s.withNow(at(10)).withPhase(new Phase.AwaitingUser())
                                        .withTurnProgress(Option.none())
                                        .withTranscript(transcript(user("One"), AssistantMessage.text("First")))
                                        .withSessionMeter(withThreshold(meter(usage(20, 60), 0, 1, 0),
                                                BudgetResource.OUTPUT_TOKENS))
                                        .withUsageByModel(byModel(usage(20, 60)))
                                        .withPromptEstimate(new PromptEstimate(80, 0))
                                        .withLastOutcome(Option.some(new Outcome.Completed("First")))))
                        .noWake());
        Scenario s2 = nextTurn(s1, 2, 20, "Two", 2)
                .given(replyText(30, e(2), "Second", 30, 30), (s, x) -> x
                        .phase(new Phase.AwaitingUser())
                        .field("session meter", SessionState::sessionMeter,
                                withThreshold(meter(usage(50, 90), 0, 2, 0), BudgetResource.OUTPUT_TOKENS))
                        .effects(emit(new Event.TurnFinished(x.ctx(2), new Outcome.Completed("Second"), 1, usage(30, 30), 0)),
                                new Effect.SaveCheckpoint(s.withNow(at(30)).withPhase(new Phase.AwaitingUser())
                                        .withTurnProgress(Option.none())
                                        .withTranscript(s.transcript().append(AssistantMessage.text("Second")))
                                        .withSessionMeter(withThreshold(meter(usage(50, 90), 0, 2, 0),
                                                BudgetResource.OUTPUT_TOKENS))
                                        .withUsageByModel(byModel(usage(50, 90)))
                                        .withPromptEstimate(new PromptEstimate(60, 0))
                                        .withLastOutcome(Option.some(new Outcome.Completed("Second")))))
                        .noWake());
        Scenario s3 = nextTurn(s2, 3, 40, "Three", 3)
                .given(replyText(50, e(3), "Third", 40, 20), (s, x) -> x
                        .phase(new Phase.AwaitingUser())
                        .field("session meter", SessionState::sessionMeter,
                                withThreshold(meter(usage(90, 110), 0, 3, 0), BudgetResource.OUTPUT_TOKENS))
                        .effects(emit(new Event.TurnFinished(x.ctx(3), new Outcome.Completed("Third"), 1, usage(40, 20), 0)),
                                new Effect.SaveCheckpoint(s.withNow(at(50)).withPhase(new Phase.AwaitingUser())
                                        .withTurnProgress(Option.none())
                                        .withTranscript(s.transcript().append(AssistantMessage.text("Third")))
                                        .withSessionMeter(withThreshold(meter(usage(90, 110), 0, 3, 0),
                                                BudgetResource.OUTPUT_TOKENS))
                                        .withUsageByModel(byModel(usage(90, 110)))
                                        .withPromptEstimate(new PromptEstimate(60, 0))
                                        .withLastOutcome(Option.some(new Outcome.Completed("Third")))))
                        .noWake());
        return s3.given(userSays(60, "Four"), (s, x) -> {
            SessionState next = s.withNow(at(60)).withTurn(4)
                    .withTranscript(s.transcript().append(user("Four")))
                    .withPromptEstimate(s.promptEstimate().plusChars(4))
                    .withLastOutcome(Option.some(stopped(exhausted)));
            x.state(next)
                    .effects(emit(new Event.TurnStarted(x.ctx(4), "Four")),
                            emit(new Event.TurnFinished(x.ctx(4), stopped(exhausted), 0, usage(0, 0), 0)),
                            new Effect.SaveCheckpoint(next))
                    .noWake()
                    .fired("AwaitingUser --UserMessageReceived--> AwaitingUser");
        });
    }

    static Scenario firstPromptOverInputLimit() {
        // 257 characters of system prompt and tool definitions plus "Hi": ceil(259 / 3) = 87 tokens > 80.
        StopReason exhausted = new StopReason.BudgetExhausted(BudgetResource.INPUT_TOKENS, BudgetScope.TURN, 0, 80,
                "the next prompt is estimated at 87 tokens; turn INPUT_TOKENS used 0 of 80");
        return Scenario.named("budget: a first prompt estimated over the turn's input limit stops the turn before "
                        + "any model call")
                .config(BASIC.toBuilder().budget(turnLimit(BudgetResource.INPUT_TOKENS, 80)).build())
                .given(userSays(1, "Hi"), (s, x) -> {
                    SessionState next = s.withNow(at(1)).withTurn(1).withTranscript(transcript(user("Hi")))
                            .withPromptEstimate(new PromptEstimate(0, 259))
                            .withLastOutcome(Option.some(stopped(exhausted)));
                    x.state(next)
                            .effects(emit(new Event.TurnStarted(x.ctx(1), "Hi")),
                                    emit(new Event.TurnFinished(x.ctx(1), stopped(exhausted), 0, usage(0, 0), 0)),
                                    new Effect.SaveCheckpoint(next))
                            .noWake()
                            .fired("AwaitingUser --UserMessageReceived--> AwaitingUser");
                });
    }

    static Scenario costFromPriceTable() {
        // 2 000 000 micros per million input tokens, 8 000 000 per million output tokens:
        // 1500 in + 250 out cost 3000 + 2000 = 5000 micros; the next prompt, 1750 reported + ceil(4/3) = 1752
        // tokens, is estimated at 3504 micros, and 5000 + 3504 > 6000.
        MachineConfig config = BASIC.toBuilder().budget(new BudgetPolicy(BudgetLimits.NONE,
                BudgetLimits.NONE.with(BudgetResource.COST_MICROS, 6_000), 80,
                TreeMap.of(MODEL, new Price(2_000_000, 8_000_000)), Option.none())).build();
        StopReason exhausted = new StopReason.BudgetExhausted(BudgetResource.COST_MICROS, BudgetScope.SESSION, 5_000,
                6_000, "the next prompt is estimated to cost 3504 micros; session COST_MICROS used 5000 of 6000");
        return Scenario.named("budget: cost comes from the price table in integer micros; the soft threshold is "
                        + "reported, and the next turn stops because its prompt would cost too much")
                .config(config)
                .firstTurn(1, "Hi")
                .given(replyText(10, e(1), "Hello", 1_500, 250), (s, x) -> {
                    Meter used = withThreshold(meter(usage(1_500, 250), 5_000, 1, 0), BudgetResource.COST_MICROS);
                    SessionState next = s.withNow(at(10)).withPhase(new Phase.AwaitingUser())
                            .withTurnProgress(Option.none())
                            .withTranscript(transcript(user("Hi"), AssistantMessage.text("Hello")))
                            .withSessionMeter(used)
                            .withUsageByModel(byModel(usage(1_500, 250)))
                            .withPromptEstimate(new PromptEstimate(1_750, 0))
                            .withLastOutcome(Option.some(new Outcome.Completed("Hello")));
                    x.state(next)
                            .effects(emit(new Event.BudgetThresholdHit(x.ctx(1), BudgetResource.COST_MICROS,
                                            BudgetScope.SESSION, 5_000, 6_000)),
                                    emit(new Event.TurnFinished(x.ctx(1), new Outcome.Completed("Hello"), 1,
                                            usage(1_500, 250), 5_000)),
                                    new Effect.SaveCheckpoint(next))
                            .noWake();
                })
                .given(userSays(20, "More"), (s, x) -> x
                        .phase(new Phase.AwaitingUser())
                        .field("outcome", SessionState::lastOutcome, Option.some(stopped(exhausted)))
                        .effects(emit(new Event.TurnStarted(x.ctx(2), "More")),
                                emit(new Event.TurnFinished(x.ctx(2), stopped(exhausted), 0, usage(0, 0), 0)),
                                new Effect.SaveCheckpoint(s.withNow(at(20)).withTurn(2)
                                        .withTranscript(s.transcript().append(user("More")))
                                        .withPromptEstimate(new PromptEstimate(1_750, 4))
                                        .withLastOutcome(Option.some(stopped(exhausted)))))
                        .noWake()
                        .fired("AwaitingUser --UserMessageReceived--> AwaitingUser"));
    }

    /** The model asks for {@code calls} at 20 ms with usage (in, out); they all run (e2, e3, ...) until 5 020 ms. */
    static Scenario toolsRunning(Scenario scenario, long in, long out, Vector<Effect> before, ToolCall... calls) {
        return scenario.given(replyTools(20, e(1), in, out, calls), (s, x) -> {
            Vector<Effect> effects = before;
            Vector<ToolSlot> slots = Vector.empty();
            for (int i = 0; i < calls.length; i++) {
                effects = effects.append(x.runTool(e(i + 2), calls[i], "s1:1:1:" + i, at(5_020)))
                        .append(emit(new Event.ToolCallStarted(x.ctx(1), e(i + 2), calls[i])));
                slots = slots.append(slot(i, calls[i], "s1:1:1:" + i, running(i + 2, 5_020)));
            }
            x.phase(new Phase.AwaitingTools(slots)).effects(effects).wake(at(5_020), Wake.Reason.TOOL_DEADLINE);
        });
    }

    static Scenario nextPromptOverTotalLimit() {
        ToolCall c1 = call("c1", "add", "{\"a\":1,\"b\":2}");
        StopReason exhausted = new StopReason.BudgetExhausted(BudgetResource.TOTAL_TOKENS, BudgetScope.TURN, 500, 1_000,
                "the next prompt is estimated at 501 tokens; turn TOTAL_TOKENS used 500 of 1000");
        Scenario start = Scenario.named("budget: after a tool round, the next prompt (500 reported + ceil(1/3) = 501 "
                        + "tokens) would cross the turn's total-token limit, so the turn stops before calling the model")
                .config(BASIC.toBuilder().budget(turnLimit(BudgetResource.TOTAL_TOKENS, 1_000)).build())
                .firstTurn(1, "Add 1 and 2.");
        return toolsRunning(start, 400, 100, Vector.empty(), c1)
                .given(toolOk(30, e(2), "3"), (s, x) -> {
                    SessionState next = s.withNow(at(30)).withPhase(new Phase.AwaitingUser()).withTurnProgress(Option.none())
                            .withTranscript(s.transcript().append(ok(c1, "3")))
                            .withPromptEstimate(new PromptEstimate(500, 1))
                            .withLastOutcome(Option.some(stopped(exhausted)));
                    x.state(next)
                            .effects(emit(new Event.ToolCallFinished(x.ctx(1), Option.some(e(2)), c1, ok(c1, "3"))),
                                    emit(new Event.TurnFinished(x.ctx(1), stopped(exhausted), 1, usage(400, 100), 0)),
                                    new Effect.SaveCheckpoint(next))
                            .noWake()
                            .fired("AwaitingTools --ToolSucceeded--> AwaitingUser");
                });
    }

    static Scenario roundLimitAfterToolFailure() {
        ToolCall c1 = call("c1", "add", "{\"a\":1,\"b\":2}");
        ToolResultMessage failed = err(c1, "tool \"add\" failed (tool_error): boom");
        StopReason exhausted = new StopReason.BudgetExhausted(BudgetResource.ROUNDS, BudgetScope.TURN, 1, 1,
                "the next model call would be round 2; turn ROUNDS used 1 of 1");
        Scenario start = Scenario.named("budget: with one round allowed, the soft threshold is reported at the "
                        + "reply, and after the tool failed the turn stops before round 2")
                .config(BASIC.toBuilder().budget(turnLimit(BudgetResource.ROUNDS, 1)).build())
                .firstTurn(1, "Add 1 and 2.");
        return start.given(replyTools(20, e(1), 30, 10, c1), (s, x) -> x
                        .phase(new Phase.AwaitingTools(Vector.of(slot(0, c1, "s1:1:1:0", running(2, 5_020)))))
                        .field("turn meter", st -> st.turnProgress().get().meter(),
                                withThreshold(meter(usage(30, 10), 0, 1, 1), BudgetResource.ROUNDS))
                        .effects(emit(new Event.BudgetThresholdHit(x.ctx(1), BudgetResource.ROUNDS, BudgetScope.TURN, 1, 1)),
                                x.runTool(e(2), c1, "s1:1:1:0", at(5_020)),
                                emit(new Event.ToolCallStarted(x.ctx(1), e(2), c1)))
                        .wake(at(5_020), Wake.Reason.TOOL_DEADLINE))
                .given(toolFailed(30, e(2), "boom"), (s, x) -> {
                    SessionState next = s.withNow(at(30)).withPhase(new Phase.AwaitingUser()).withTurnProgress(Option.none())
                            .withTranscript(s.transcript().append(failed))
                            .withPromptEstimate(s.promptEstimate().plusChars(failed.content().length()))
                            .withLastOutcome(Option.some(stopped(exhausted)));
                    x.state(next)
                            .effects(emit(new Event.ToolCallFinished(x.ctx(1), Option.some(e(2)), c1, failed)),
                                    emit(new Event.TurnFinished(x.ctx(1), stopped(exhausted), 1, usage(30, 10), 0)),
                                    new Effect.SaveCheckpoint(next))
                            .noWake()
                            .fired("AwaitingTools --ToolFailed--> AwaitingUser");
                });
    }

    static final StopReason TOOL_RUNS_EXHAUSTED = new StopReason.BudgetExhausted(BudgetResource.TOOL_CALLS,
            BudgetScope.TURN, 1, 1, "the next tool run would be number 2; turn TOOL_CALLS used 1 of 1");
    static final String TOOL_RUNS_WHY = "budget exhausted: the next tool run would be number 2; turn TOOL_CALLS used 1 of 1";

    static Scenario toolRunOverBudgetAfterAnother() {
        ToolCall c1 = call("c1", "add", "{\"a\":1,\"b\":2}");
        ToolCall c2 = call("c2", "lookup", "{\"word\":\"cat\"}");
        ToolResultMessage notRun = err(c2, "not run: " + TOOL_RUNS_WHY);
        return Scenario.named("budget: with one tool run allowed per turn and one run at a time, the queued call "
                        + "would be the second run, so the turn stops when the first finishes")
                .config(BASIC.toBuilder().maxParallelTools(1).budget(turnLimit(BudgetResource.TOOL_CALLS, 1)).build())
                .firstTurn(1, "Two things.")
                .given(replyTools(20, e(1), 30, 10, c1, c2), (s, x) -> x
                        .phase(new Phase.AwaitingTools(Vector.of(slot(0, c1, "s1:1:1:0", running(2, 5_020)),
                                slot(1, c2, "s1:1:1:1", new ToolSlot.Queued()))))
                        .effects(emit(new Event.BudgetThresholdHit(x.ctx(1), BudgetResource.TOOL_CALLS, BudgetScope.TURN,
                                        1, 1)),
                                x.runTool(e(2), c1, "s1:1:1:0", at(5_020)),
                                emit(new Event.ToolCallStarted(x.ctx(1), e(2), c1)))
                        .wake(at(5_020), Wake.Reason.TOOL_DEADLINE))
                .given(toolOk(30, e(2), "3"), (s, x) -> {
                    SessionState next = s.withNow(at(30)).withPhase(new Phase.AwaitingUser()).withTurnProgress(Option.none())
                            .withTranscript(s.transcript().append(ok(c1, "3")).append(notRun))
                            .withPromptEstimate(s.promptEstimate().plusChars(1 + notRun.content().length()))
                            .withLastOutcome(Option.some(stopped(TOOL_RUNS_EXHAUSTED)));
                    x.state(next)
                            .effects(emit(new Event.ToolCallFinished(x.ctx(1), Option.some(e(2)), c1, ok(c1, "3"))),
                                    emit(new Event.ToolCallFinished(x.ctx(1), Option.none(), c2, notRun)),
                                    emit(new Event.TurnFinished(x.ctx(1), stopped(TOOL_RUNS_EXHAUSTED), 1, usage(30, 10), 0)),
                                    new Effect.SaveCheckpoint(next))
                            .noWake()
                            .fired("AwaitingTools --ToolSucceeded--> AwaitingUser");
                });
    }

    static final StopReason BATCH_RUNS_EXHAUSTED = new StopReason.BudgetExhausted(BudgetResource.TOOL_CALLS,
            BudgetScope.TURN, 0, 1, "the next 2 tool runs would reach number 2; turn TOOL_CALLS used 0 of 1");
    static final String BATCH_RUNS_WHY = "budget exhausted: the next 2 tool runs would reach number 2; turn TOOL_CALLS used 0 of 1";

    static Scenario toolRunOverBudgetInSameBatch() {
        ToolCall c1 = call("c1", "add", "{\"a\":1,\"b\":2}");
        ToolCall c2 = call("c2", "lookup", "{\"word\":\"cat\"}");
        ToolResultMessage notRun1 = err(c1, "not run: " + BATCH_RUNS_WHY);
        ToolResultMessage notRun2 = err(c2, "not run: " + BATCH_RUNS_WHY);
        // The budget is checked for every run a batch is about to start before any is issued, so no run is
        // issued and abandoned in the same step (a non-idempotent tool could already have acted).
        return Scenario.named("budget: with one tool run allowed per turn, a batch of two stops the turn before "
                        + "either run is issued")
                .config(BASIC.toBuilder().budget(turnLimit(BudgetResource.TOOL_CALLS, 1)).build())
                .firstTurn(1, "Two things.")
                .given(replyTools(20, e(1), 30, 10, c1, c2), (s, x) -> {
                    SessionState next = s.withNow(at(20)).withPhase(new Phase.AwaitingUser())
                            .withTurnProgress(Option.none())
                            .withTranscript(s.transcript().append(assistant("", c1, c2)).append(notRun1).append(notRun2))
                            .withSessionMeter(meter(usage(30, 10), 0, 1, 0))
                            .withUsageByModel(byModel(usage(30, 10)))
                            .withPromptEstimate(new PromptEstimate(40, notRun1.content().length() + notRun2.content().length()))
                            .withLastOutcome(Option.some(stopped(BATCH_RUNS_EXHAUSTED)));
                    x.state(next)
                            .effects(emit(new Event.ToolCallFinished(x.ctx(1), Option.none(), c1, notRun1)),
                                    emit(new Event.ToolCallFinished(x.ctx(1), Option.none(), c2, notRun2)),
                                    emit(new Event.TurnFinished(x.ctx(1), stopped(BATCH_RUNS_EXHAUSTED), 1, usage(30, 10), 0)),
                                    new Effect.SaveCheckpoint(next))
                            .noWake()
                            .fired("AwaitingModel --ModelReplied--> AwaitingUser");
                });
    }

    static final ToolCall LOOKUP = call("c1", "lookup", "{\"word\":\"ink\"}");
    static final ToolCall ADD = call("c2", "add", "{\"a\":2,\"b\":3}");

    /** ASK_ADD with one tool run per turn: lookup runs (e2), add waits for approval s1:approval:1. */
    static Scenario lookupRunsAddAsks(String name) {
        return Scenario.named(name)
                .config(ApprovalScenarios.ASK_ADD.toBuilder().budget(turnLimit(BudgetResource.TOOL_CALLS, 1)).build())
                .firstTurn(1, "Please add.")
                .given(replyTools(20, e(1), 30, 10, LOOKUP, ADD), (s, x) -> x
                        .phase(new Phase.AwaitingTools(Vector.of(slot(0, LOOKUP, "s1:1:1:0", running(2, 5_020)),
                                slot(1, ADD, "s1:1:1:1", new ToolSlot.AwaitingDecision("s1:approval:1", Option.none())))))
                        .effects(x.requestApproval("s1:approval:1", ADD, Option.none()),
                                emit(new Event.ApprovalRequested(x.ctx(1), "s1:approval:1", ADD, ApprovalScenarios.WHY_ADD)),
                                emit(new Event.BudgetThresholdHit(x.ctx(1), BudgetResource.TOOL_CALLS, BudgetScope.TURN,
                                        1, 1)),
                                x.runTool(e(2), LOOKUP, "s1:1:1:0", at(5_020)),
                                emit(new Event.ToolCallStarted(x.ctx(1), e(2), LOOKUP)))
                        .wake(at(5_020), Wake.Reason.TOOL_DEADLINE));
    }

    static Scenario approvedRunOverBudget() {
        ToolResultMessage notRun = err(ADD, "not run: " + TOOL_RUNS_WHY);
        return lookupRunsAddAsks("budget: an approval granted when the turn's tool runs are used up stops the turn; "
                        + "the approved call is answered \"not run\"")
                .given(toolOk(100, e(2), "a liquid"), (s, x) -> x
                        .phase(new Phase.AwaitingApproval(Vector.of(slot(0, LOOKUP, "s1:1:1:0", answered(ok(LOOKUP, "a liquid"))),
                                slot(1, ADD, "s1:1:1:1", new ToolSlot.AwaitingDecision("s1:approval:1", Option.none())))))
                        .effects(emit(new Event.ToolCallFinished(x.ctx(1), Option.some(e(2)), LOOKUP, ok(LOOKUP, "a liquid"))))
                        .noWake())
                .given(approve(200, "s1:approval:1", "bob"), (s, x) -> x
                        .phase(new Phase.AwaitingUser())
                        .field("transcript", SessionState::transcript,
                                s.transcript().append(ok(LOOKUP, "a liquid")).append(notRun))
                        .effects(emit(new Event.ApprovalResolved(x.ctx(1), "s1:approval:1", Decision.APPROVE, "looks fine",
                                        "bob", false, Option.none())),
                                emit(new Event.ToolCallFinished(x.ctx(1), Option.none(), ADD, notRun)),
                                emit(new Event.TurnFinished(x.ctx(1), stopped(TOOL_RUNS_EXHAUSTED), 1, usage(30, 10), 0)),
                                new Effect.SaveCheckpoint(s.withNow(at(200)).withPhase(new Phase.AwaitingUser())
                                        .withTurnProgress(Option.none())
                                        .withTranscript(s.transcript().append(ok(LOOKUP, "a liquid")).append(notRun))
                                        .withPromptEstimate(s.promptEstimate().plusChars(8 + notRun.content().length()))
                                        .withApprovals(Vector.of(new ApprovalRecord("s1:approval:1", 1, "c2", "add",
                                                Decision.APPROVE, "bob", "looks fine", false, Option.none(), at(200))))
                                        .withLastOutcome(Option.some(stopped(TOOL_RUNS_EXHAUSTED)))))
                        .noWake()
                        .fired("AwaitingApproval --ApprovalDecided--> AwaitingUser"));
    }

    static Scenario approvedWhileRunningOverBudget() {
        ToolResultMessage abandoned = err(LOOKUP, "not completed: " + TOOL_RUNS_WHY);
        ToolResultMessage notRun = err(ADD, "not run: " + TOOL_RUNS_WHY);
        return lookupRunsAddAsks("budget: an approval granted while another call runs, with the turn's tool runs "
                        + "used up, stops the turn and abandons the running call")
                .given(approve(200, "s1:approval:1", "bob"), (s, x) -> x
                        .phase(new Phase.AwaitingUser())
                        .field("transcript", SessionState::transcript, s.transcript().append(abandoned).append(notRun))
                        .effects(emit(new Event.ApprovalResolved(x.ctx(1), "s1:approval:1", Decision.APPROVE, "looks fine",
                                        "bob", false, Option.none())),
                                new Effect.Abandon(e(2), TOOL_RUNS_WHY),
                                emit(new Event.ToolCallFinished(x.ctx(1), Option.some(e(2)), LOOKUP, abandoned)),
                                emit(new Event.ToolCallFinished(x.ctx(1), Option.none(), ADD, notRun)),
                                emit(new Event.TurnFinished(x.ctx(1), stopped(TOOL_RUNS_EXHAUSTED), 1, usage(30, 10), 0)),
                                new Effect.SaveCheckpoint(s.withNow(at(200)).withPhase(new Phase.AwaitingUser())
                                        .withTurnProgress(Option.none())
                                        .withTranscript(s.transcript().append(abandoned).append(notRun))
                                        .withPromptEstimate(s.promptEstimate().plusChars(
                                                abandoned.content().length() + notRun.content().length()))
                                        .withApprovals(Vector.of(new ApprovalRecord("s1:approval:1", 1, "c2", "add",
                                                Decision.APPROVE, "bob", "looks fine", false, Option.none(), at(200))))
                                        .withLastOutcome(Option.some(stopped(TOOL_RUNS_EXHAUSTED)))))
                        .noWake()
                        .fired("AwaitingTools --ApprovalDecided--> AwaitingUser"));
    }

    static final MachineConfig THREE_SECONDS = BASIC.toBuilder()
            .budget(turnLimit(BudgetResource.WALL_TIME_MILLIS, 3_000)).build();
    static final StopReason OUT_OF_TIME = new StopReason.BudgetExhausted(BudgetResource.WALL_TIME_MILLIS,
            BudgetScope.TURN, 3_000, 3_000, "the turn ran for 3000 ms of its 3000 ms");
    static final String OUT_OF_TIME_WHY = "budget exhausted: the turn ran for 3000 ms of its 3000 ms";

    /** A turn with a 3 s wall-time budget starts at 1 ms: the wake is the turn deadline, before the model's. */
    static Scenario threeSecondTurn(String name, MachineConfig config) {
        return Scenario.named(name).config(config)
                .given(userSays(1, "Hi"), (s, x) -> x
                        .phase(new Phase.AwaitingModel(e(1), at(10_001), 1))
                        .effects(emit(new Event.TurnStarted(x.ctx(1), "Hi")),
                                x.callModel(e(1), transcript(user("Hi")), at(10_001), 1),
                                emit(new Event.ModelCallStarted(x.ctx(1), e(1), 1, 1)))
                        .wake(at(3_001), Wake.Reason.TURN_DEADLINE)
                        .fired("AwaitingUser --UserMessageReceived--> AwaitingModel"));
    }

    static Scenario wallTimeDuringModelCall() {
        return threeSecondTurn("wall time: the turn's wall-time budget runs out during a model call, found by a "
                        + "wake-up: the call is abandoned and the turn stops", THREE_SECONDS)
                .given(tick(3_001), (s, x) -> {
                    SessionState next = s.withNow(at(3_001)).withPhase(new Phase.AwaitingUser())
                            .withTurnProgress(Option.none()).withLastOutcome(Option.some(stopped(OUT_OF_TIME)));
                    x.state(next)
                            .effects(new Effect.Abandon(e(1), OUT_OF_TIME_WHY),
                                    emit(new Event.TurnFinished(x.ctx(1), stopped(OUT_OF_TIME), 0, usage(0, 0), 0)),
                                    new Effect.SaveCheckpoint(next))
                            .noWake()
                            .fired("AwaitingModel --TimeAdvanced--> AwaitingUser");
                });
    }

    static Scenario wallTimeWhileBackingOff() {
        return threeSecondTurn("wall time: the budget runs out while backing off after a 429", THREE_SECONDS)
                .given(rateLimited(100, e(1), 4_000), (s, x) -> x
                        .state(s.withNow(at(100)).withPhase(new Phase.BackingOff(at(4_100), 2)))
                        .effects(emit(new Event.RetryScheduled(x.ctx(1), e(1), FailureKind.RATE_LIMITED,
                                "HTTP 429 Too Many Requests", 2, 4_000)))
                        .wake(at(3_001), Wake.Reason.TURN_DEADLINE))
                .given(tick(3_001), (s, x) -> {
                    SessionState next = s.withNow(at(3_001)).withPhase(new Phase.AwaitingUser())
                            .withTurnProgress(Option.none()).withLastOutcome(Option.some(stopped(OUT_OF_TIME)));
                    x.state(next)
                            .effects(emit(new Event.TurnFinished(x.ctx(1), stopped(OUT_OF_TIME), 0, usage(0, 0), 0)),
                                    new Effect.SaveCheckpoint(next))
                            .noWake()
                            .fired("BackingOff --TimeAdvanced--> AwaitingUser");
                });
    }

    static Scenario wallTimeWhileToolsRun() {
        ToolCall c1 = call("c1", "add", "{\"a\":1,\"b\":2}");
        ToolResultMessage abandoned = err(c1, "not completed: " + OUT_OF_TIME_WHY);
        return threeSecondTurn("wall time: the soft threshold (80 %) is reported at a reply after 2.5 s; the budget "
                        + "runs out while a tool runs", THREE_SECONDS)
                .given(replyTools(2_500, e(1), 30, 10, c1), (s, x) -> x
                        .phase(new Phase.AwaitingTools(Vector.of(slot(0, c1, "s1:1:1:0", running(2, 7_500)))))
                        .effects(emit(new Event.BudgetThresholdHit(x.ctx(1), BudgetResource.WALL_TIME_MILLIS,
                                        BudgetScope.TURN, 2_499, 3_000)),
                                x.runTool(e(2), c1, "s1:1:1:0", at(7_500)),
                                emit(new Event.ToolCallStarted(x.ctx(1), e(2), c1)))
                        .wake(at(3_001), Wake.Reason.TURN_DEADLINE))
                .given(tick(2_900), (s, x) -> x
                        .state(s.withNow(at(2_900)))
                        .effects()
                        .wake(at(3_001), Wake.Reason.TURN_DEADLINE)
                        .fired("AwaitingTools --TimeAdvanced--> AwaitingTools"))
                .given(tick(3_001), (s, x) -> {
                    SessionState next = s.withNow(at(3_001)).withPhase(new Phase.AwaitingUser())
                            .withTurnProgress(Option.none())
                            .withTranscript(s.transcript().append(abandoned))
                            .withPromptEstimate(s.promptEstimate().plusChars(abandoned.content().length()))
                            .withLastOutcome(Option.some(stopped(OUT_OF_TIME)));
                    x.state(next)
                            .effects(new Effect.Abandon(e(2), OUT_OF_TIME_WHY),
                                    emit(new Event.ToolCallFinished(x.ctx(1), Option.some(e(2)), c1, abandoned)),
                                    emit(new Event.TurnFinished(x.ctx(1), stopped(OUT_OF_TIME), 1, usage(30, 10), 0)),
                                    new Effect.SaveCheckpoint(next))
                            .noWake()
                            .fired("AwaitingTools --TimeAdvanced--> AwaitingUser");
                });
    }

    static Scenario wallTimeDuringApproval() {
        ToolCall c1 = call("c1", "add", "{\"a\":1,\"b\":2}");
        ToolResultMessage notRun = err(c1, "not run: " + OUT_OF_TIME_WHY);
        return threeSecondTurn("wall time: the budget runs out while waiting for approval; the approval is "
                        + "resolved as a denial", ApprovalScenarios.ASK_ADD.toBuilder()
                        .budget(turnLimit(BudgetResource.WALL_TIME_MILLIS, 3_000)).build())
                .given(replyTools(20, e(1), 30, 10, c1), (s, x) -> x
                        .phase(new Phase.AwaitingApproval(Vector.of(slot(0, c1, "s1:1:1:0",
                                new ToolSlot.AwaitingDecision("s1:approval:1", Option.none())))))
                        .effects(x.requestApproval("s1:approval:1", c1, Option.none()),
                                emit(new Event.ApprovalRequested(x.ctx(1), "s1:approval:1", c1, ApprovalScenarios.WHY_ADD)))
                        .wake(at(3_001), Wake.Reason.TURN_DEADLINE))
                .given(tick(3_001), (s, x) -> {
                    SessionState next = s.withNow(at(3_001)).withPhase(new Phase.AwaitingUser())
                            .withTurnProgress(Option.none())
                            .withTranscript(s.transcript().append(notRun))
                            .withPromptEstimate(s.promptEstimate().plusChars(notRun.content().length()))
                            .withApprovals(Vector.of(new ApprovalRecord("s1:approval:1", 1, "c1", "add", Decision.DENY, "",
                                    OUT_OF_TIME_WHY, false, Option.none(), at(3_001))))
                            .withLastOutcome(Option.some(stopped(OUT_OF_TIME)));
                    x.state(next)
                            .effects(emit(new Event.ApprovalResolved(x.ctx(1), "s1:approval:1", Decision.DENY,
                                            OUT_OF_TIME_WHY, "", false, Option.none())),
                                    emit(new Event.ToolCallFinished(x.ctx(1), Option.none(), c1, notRun)),
                                    emit(new Event.TurnFinished(x.ctx(1), stopped(OUT_OF_TIME), 1, usage(30, 10), 0)),
                                    new Effect.SaveCheckpoint(next))
                            .noWake()
                            .fired("AwaitingApproval --TimeAdvanced--> AwaitingUser");
                });
    }

    static TreeSet<BudgetResource> none() {
        return TreeSet.empty();
    }
}
