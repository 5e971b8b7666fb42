package dev.turnstile.machine;

import static dev.turnstile.machine.Spec.*;

import dev.turnstile.model.AssistantMessage;
import dev.turnstile.model.ToolCall;
import dev.turnstile.model.ToolChoice;
import dev.turnstile.model.ToolResultMessage;
import dev.turnstile.model.UserMessage;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/** The round limit and its grace round, tool-call limits per tool and per turn, and the permission policy. */
final class LimitScenarios {

    private LimitScenarios() {}

    static Vector<Scenario> all() {
        return Vector.of(graceRoundAnswered(), graceRoundToolsAgain(), perToolLimit(), perTurnLimit(),
                permissionPrecedence());
    }

    static final MachineConfig ONE_ROUND = BASIC.toBuilder().maxRounds(1).build();
    static final UserMessage GRACE = user(MachineConfig.DEFAULT_GRACE_ROUND_INSTRUCTION);
    static final ToolCall ADD_1_1 = call("c1", "add", "{\"a\":1,\"b\":1}");

    /** With one round allowed: the tool round, then the grace round's call (e3) without tools. */
    static Scenario untilGraceRound(String name) {
        ToolCall c1 = ADD_1_1;
        var graceTranscript = transcript(user("Add 1 and 1."), assistant("", c1), ok(c1, "2"), GRACE);
        return Scenario.named(name).config(ONE_ROUND).firstTurn(1, "Add 1 and 1.")
                .given(replyTools(20, e(1), 30, 10, c1), (s, x) -> x
                        .phase(new Phase.AwaitingTools(Vector.of(slot(0, c1, "s1:1:1:0", running(2, 5_020)))))
                        .effects(x.runTool(e(2), c1, "s1:1:1:0", at(5_020)),
                                emit(new Event.ToolCallStarted(x.ctx(1), e(2), c1)))
                        .wake(at(5_020), Wake.Reason.TOOL_DEADLINE))
                .given(toolOk(30, e(2), "2"), (s, x) -> {
                    SessionState next = s.withNow(at(30)).withLastEffectId(3)
                            .withPhase(new Phase.AwaitingModel(e(3), at(10_030), 1))
                            .withTurnProgress(s.turnProgress().map(t -> t.nextRound(true)))
                            .withTranscript(graceTranscript)
                            .withPromptEstimate(s.promptEstimate().plusChars(1 + GRACE.text().length()));
                    x.state(next)
                            .field("grace round", st -> st.turnProgress().get().graceRound(), true)
                            .effects(emit(new Event.ToolCallFinished(x.ctx(1), Option.some(e(2)), c1, ok(c1, "2"))),
                                    new Effect.CallModel(e(3), x.request(graceTranscript, ToolChoice.NONE), at(10_030), 1,
                                            LABELS),
                                    emit(new Event.ModelCallStarted(x.ctx(1), e(3), 2, 1)),
                                    new Effect.SaveCheckpoint(next))
                            .wake(at(10_030), Wake.Reason.MODEL_DEADLINE)
                            .fired("AwaitingTools --ToolSucceeded--> AwaitingModel");
                });
    }

    static Scenario graceRoundAnswered() {
        return untilGraceRound("round limit: at the limit one grace round asks the model, without tools, to "
                        + "finish; its answer completes the turn")
                .given(replyText(40, e(3), "1+1 = 2", 60, 5), (s, x) -> x
                        .phase(new Phase.AwaitingUser())
                        .field("outcome", SessionState::lastOutcome, Option.some(new Outcome.Completed("1+1 = 2")))
                        .effects(emit(new Event.TurnFinished(x.ctx(1), new Outcome.Completed("1+1 = 2"), 2, usage(90, 15), 0)),
                                new Effect.SaveCheckpoint(s.withNow(at(40)).withPhase(new Phase.AwaitingUser())
                                        .withTurnProgress(Option.none())
                                        .withTranscript(s.transcript().append(AssistantMessage.text("1+1 = 2")))
                                        .withSessionMeter(meter(usage(90, 15), 0, 2, 1))
                                        .withUsageByModel(byModel(usage(90, 15)))
                                        .withPromptEstimate(new PromptEstimate(65, 0))
                                        .withLastOutcome(Option.some(new Outcome.Completed("1+1 = 2")))))
                        .noWake()
                        .fired("AwaitingModel --ModelReplied--> AwaitingUser"));
    }

    static Scenario graceRoundToolsAgain() {
        ToolCall again = call("c2", "add", "{\"a\": 2, \"b\": 2}");
        ToolResultMessage notRun = err(again, "not run: round limit reached");
        Outcome outcome = stopped(new StopReason.MaxRounds(2));
        return untilGraceRound("round limit: if the model still asks for tools in the grace round, the calls are "
                        + "answered \"not run\" and the turn stops MaxRounds")
                .given(replyTools(40, e(3), 60, 5, again), (s, x) -> {
                    SessionState next = s.withNow(at(40)).withPhase(new Phase.AwaitingUser())
                            .withTurnProgress(Option.none())
                            .withTranscript(s.transcript().append(assistant("", again)).append(notRun))
                            .withSessionMeter(meter(usage(90, 15), 0, 2, 1))
                            .withUsageByModel(byModel(usage(90, 15)))
                            .withPromptEstimate(new PromptEstimate(65, notRun.content().length()))
                            .withLastOutcome(Option.some(outcome));
                    x.state(next)
                            .effects(emit(new Event.ToolCallFinished(x.ctx(1), Option.none(), again, notRun)),
                                    emit(new Event.TurnFinished(x.ctx(1), outcome, 2, usage(90, 15), 0)),
                                    new Effect.SaveCheckpoint(next))
                            .noWake()
                            .fired("AwaitingModel --ModelReplied--> AwaitingUser");
                });
    }

    static Scenario perToolLimit() {
        ToolCall c1 = call("c1", "add", "{\"a\":1,\"b\":1}");
        ToolCall c2 = call("c2", "add", "{\"a\":2,\"b\":2}");
        ToolCall c3 = call("c3", "lookup", "{\"word\":\"cat\"}");
        ToolCall c4 = call("c4", "add", "{\"a\":3,\"b\":3}");
        String overLimit = "not run: the limit of 1 calls of \"add\" per turn was reached";
        return Scenario.named("per-tool limit: calls of a tool over its per-turn limit are answered with an error, "
                        + "in this round and the next; other tools run")
                .config(BASIC.toBuilder().maxCallsPerTool("add", 1).build())
                .firstTurn(1, "Many additions.")
                .given(replyTools(20, e(1), 30, 10, c1, c2, c3), (s, x) -> x
                        .phase(new Phase.AwaitingTools(Vector.of(slot(0, c1, "s1:1:1:0", running(2, 5_020)),
                                slot(1, c2, "s1:1:1:1", answered(err(c2, overLimit))),
                                slot(2, c3, "s1:1:1:2", running(3, 5_020)))))
                        .field("tool calls requested", st -> st.turnProgress().get().toolCallsRequested(),
                                TreeMap.of("add", 1, "lookup", 1))
                        .effects(emit(new Event.ToolCallFinished(x.ctx(1), Option.none(), c2, err(c2, overLimit))),
                                x.runTool(e(2), c1, "s1:1:1:0", at(5_020)),
                                emit(new Event.ToolCallStarted(x.ctx(1), e(2), c1)),
                                x.runTool(e(3), c3, "s1:1:1:2", at(5_020)),
                                emit(new Event.ToolCallStarted(x.ctx(1), e(3), c3)))
                        .wake(at(5_020), Wake.Reason.TOOL_DEADLINE))
                .given(toolOk(30, e(2), "2"), (s, x) -> x
                        .phase(new Phase.AwaitingTools(Vector.of(slot(0, c1, "s1:1:1:0", answered(ok(c1, "2"))),
                                slot(1, c2, "s1:1:1:1", answered(err(c2, overLimit))),
                                slot(2, c3, "s1:1:1:2", running(3, 5_020)))))
                        .effects(emit(new Event.ToolCallFinished(x.ctx(1), Option.some(e(2)), c1, ok(c1, "2"))))
                        .wake(at(5_020), Wake.Reason.TOOL_DEADLINE))
                .given(toolOk(40, e(3), "a feline"), (s, x) -> {
                    var messages = s.transcript().append(ok(c1, "2")).append(err(c2, overLimit)).append(ok(c3, "a feline"));
                    x.phase(new Phase.AwaitingModel(e(4), at(10_040), 1))
                            .field("transcript", SessionState::transcript, messages)
                            .effects(emit(new Event.ToolCallFinished(x.ctx(1), Option.some(e(3)), c3, ok(c3, "a feline"))),
                                    x.callModel(e(4), messages, at(10_040), 1),
                                    emit(new Event.ModelCallStarted(x.ctx(1), e(4), 2, 1)),
                                    new Effect.SaveCheckpoint(s.withNow(at(40)).withLastEffectId(4)
                                            .withPhase(new Phase.AwaitingModel(e(4), at(10_040), 1))
                                            .withTurnProgress(s.turnProgress().map(t -> t.nextRound(false)))
                                            .withTranscript(messages)
                                            .withPromptEstimate(s.promptEstimate().plusChars(1 + overLimit.length() + 8))))
                            .wake(at(10_040), Wake.Reason.MODEL_DEADLINE);
                })
                .given(replyTools(50, e(4), 100, 10, c4), (s, x) -> x
                        .phase(new Phase.AwaitingModel(e(5), at(10_050), 1))
                        .field("last message", st -> st.transcript().last(), err(c4, overLimit))
                        .effects(emit(new Event.ToolCallFinished(x.ctx(1), Option.none(), c4, err(c4, overLimit))),
                                x.callModel(e(5), s.transcript().append(assistant("", c4)).append(err(c4, overLimit)),
                                        at(10_050), 1),
                                emit(new Event.ModelCallStarted(x.ctx(1), e(5), 3, 1)),
                                new Effect.SaveCheckpoint(s.withNow(at(50)).withLastEffectId(5)
                                        .withPhase(new Phase.AwaitingModel(e(5), at(10_050), 1))
                                        .withTurnProgress(s.turnProgress().map(t -> t.nextRound(false)
                                                .withMeter(t.meter().plusRound(usage(100, 10), 0))))
                                        .withTranscript(s.transcript().append(assistant("", c4)).append(err(c4, overLimit)))
                                        .withSessionMeter(s.sessionMeter().plusRound(usage(100, 10), 0))
                                        .withUsageByModel(byModel(usage(130, 20)))
                                        .withPromptEstimate(new PromptEstimate(110, overLimit.length()))))
                        .wake(at(10_050), Wake.Reason.MODEL_DEADLINE)
                        .fired("AwaitingModel --ModelReplied--> AwaitingModel"));
    }

    static Scenario perTurnLimit() {
        ToolCall c1 = call("c1", "add", "{\"a\":1,\"b\":1}");
        ToolCall c2 = call("c2", "lookup", "{\"word\":\"cat\"}");
        ToolCall c3 = call("c3", "add", "{\"a\":2,\"b\":2}");
        ToolResultMessage overLimit = err(c3, "not run: the limit of 2 tool calls per turn was reached");
        return Scenario.named("per-turn limit: calls over the turn's tool-call limit are answered with an error")
                .config(BASIC.toBuilder().maxToolCallsPerTurn(2).build())
                .firstTurn(1, "Many things.")
                .given(replyTools(20, e(1), 30, 10, c1, c2, c3), (s, x) -> x
                        .phase(new Phase.AwaitingTools(Vector.of(slot(0, c1, "s1:1:1:0", running(2, 5_020)),
                                slot(1, c2, "s1:1:1:1", running(3, 5_020)),
                                slot(2, c3, "s1:1:1:2", answered(overLimit)))))
                        .effects(emit(new Event.ToolCallFinished(x.ctx(1), Option.none(), c3, overLimit)),
                                x.runTool(e(2), c1, "s1:1:1:0", at(5_020)),
                                emit(new Event.ToolCallStarted(x.ctx(1), e(2), c1)),
                                x.runTool(e(3), c2, "s1:1:1:1", at(5_020)),
                                emit(new Event.ToolCallStarted(x.ctx(1), e(3), c2)))
                        .wake(at(5_020), Wake.Reason.TOOL_DEADLINE));
    }

    static Scenario permissionPrecedence() {
        MachineConfig config = BASIC.toBuilder().tool(DELETE_FILE).permissions(new ToolPermissions(Vector.of(
                        new PermissionRule("*", PermissionVerdict.ASK),
                        new PermissionRule("lookup", PermissionVerdict.ALLOW),
                        new PermissionRule("delete_file", PermissionVerdict.ALLOW),
                        new PermissionRule("delete_*", PermissionVerdict.DENY)), PermissionVerdict.ALLOW))
                .build();
        ToolCall c1 = call("c1", "delete_file", "{\"path\":\"/etc/passwd\"}");
        ToolCall c2 = call("c2", "lookup", "{\"word\":\"cat\"}");
        ToolCall c3 = call("c3", "add", "{\"a\":1,\"b\":1}");
        ToolResultMessage denied = err(c1, "denied by policy: the tool \"delete_file\" is not allowed in this session");
        return Scenario.named("permissions: deny beats allow beats ask — a denied call is answered at once, an "
                        + "allowed one runs, the rest ask for approval")
                .config(config)
                .firstTurn(1, "Clean up.")
                .given(replyTools(20, e(1), 30, 10, c1, c2, c3), (s, x) -> x
                        .phase(new Phase.AwaitingTools(Vector.of(slot(0, c1, "s1:1:1:0", answered(denied)),
                                slot(1, c2, "s1:1:1:1", running(2, 5_020)),
                                slot(2, c3, "s1:1:1:2", new ToolSlot.AwaitingDecision("s1:approval:1", Option.none())))))
                        .effects(emit(new Event.ToolCallFinished(x.ctx(1), Option.none(), c1, denied)),
                                x.requestApproval("s1:approval:1", c3, Option.none()),
                                emit(new Event.ApprovalRequested(x.ctx(1), "s1:approval:1", c3,
                                        "the tool \"add\" requires approval")),
                                x.runTool(e(2), c2, "s1:1:1:1", at(5_020)),
                                emit(new Event.ToolCallStarted(x.ctx(1), e(2), c2)))
                        .wake(at(5_020), Wake.Reason.TOOL_DEADLINE)
                        .fired("AwaitingModel --ModelReplied--> AwaitingTools"));
    }
}
