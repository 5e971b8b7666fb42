package dev.turnstile.machine;

import static dev.turnstile.machine.CancelScenarios.NOT_AWAITED_SUFFIX;
import static dev.turnstile.machine.Spec.*;

import dev.turnstile.model.AssistantMessage;
import dev.turnstile.model.ToolCall;
import dev.turnstile.model.ToolResultMessage;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/** Human approval of tool calls: approve, deny, edit, double and unknown decisions, expiry, mixed batches. */
final class ApprovalScenarios {

    private ApprovalScenarios() {}

    /** {@link Spec#BASIC} where {@code add} needs approval and everything else is allowed. */
    static final MachineConfig ASK_ADD = BASIC.toBuilder()
            .permissions(new ToolPermissions(Vector.of(new PermissionRule("add", PermissionVerdict.ASK)),
                    PermissionVerdict.ALLOW))
            .build();

    /** {@link #ASK_ADD} where an undecided approval expires after a minute. */
    static final MachineConfig ASK_ADD_EXPIRING = ASK_ADD.toBuilder().approvalExpiryMillis(60_000).build();

    static final String A1 = "s1:approval:1";
    static final String A2 = "s1:approval:2";
    static final String WHY_ADD = "the tool \"add\" requires approval";

    static Vector<Scenario> all() {
        return Vector.of(approvalGranted(), approvalDenied(), approvalWithEditedArguments(), doubleDecisionRejected(),
                approvalExpires(), twoApprovalsDecidedOneByOne(), approvedWhileAnotherToolRuns(),
                runningToolFinishesLeavingOnlyApprovals(), runningToolFailsLeavingOnlyApprovals(),
                runningToolTimesOutLeavingOnlyApprovals());
    }

    /** User asks at 1 ms, the model asks for {@code calls} at 20 ms: only {@code add} calls need approval. */
    static Scenario askedFor(String name, MachineConfig config, ToolCall... calls) {
        return Scenario.named(name).config(config).firstTurn(1, "Please add.")
                .given(replyTools(20, e(1), 30, 10, calls), (s, x) -> {
                    Vector<Effect> effects = Vector.empty();
                    Vector<ToolSlot> slots = Vector.empty();
                    int approvals = 0;
                    long effectId = 1;
                    Vector<Effect> runs = Vector.empty();
                    Option<java.time.Instant> expiry = config.approvalExpiryMillis().map(ms -> at(20 + ms));
                    for (int i = 0; i < calls.length; i++) {
                        ToolCall c = calls[i];
                        String key = "s1:1:1:" + i;
                        if (c.name().equals("add")) {
                            String id = "s1:approval:" + (++approvals);
                            effects = effects.append(x.requestApproval(id, c, expiry))
                                    .append(emit(new Event.ApprovalRequested(x.ctx(1), id, c, WHY_ADD)));
                            slots = slots.append(slot(i, c, key, new ToolSlot.AwaitingDecision(id, expiry)));
                        } else {
                            effectId++;
                            runs = runs.append(x.runTool(e(effectId), c, key, at(5_020)))
                                    .append(emit(new Event.ToolCallStarted(x.ctx(1), e(effectId), c)));
                            slots = slots.append(slot(i, c, key, new ToolSlot.Running(e(effectId), at(5_020))));
                        }
                    }
                    boolean onlyApprovals = runs.isEmpty();
                    x.phase(onlyApprovals ? new Phase.AwaitingApproval(slots) : new Phase.AwaitingTools(slots))
                            .field("approvals issued", SessionState::approvalsIssued, approvals)
                            .effects(effects.appendAll(runs));
                    if (onlyApprovals && expiry.isEmpty()) {
                        x.noWake();
                    } else if (onlyApprovals) {
                        x.wake(expiry.get(), Wake.Reason.APPROVAL_EXPIRY);
                    } else {
                        x.wake(at(5_020), Wake.Reason.TOOL_DEADLINE);
                    }
                    x.fired(onlyApprovals ? "AwaitingModel --ModelReplied--> AwaitingApproval"
                            : "AwaitingModel --ModelReplied--> AwaitingTools");
                });
    }

    static final ToolCall ADD_2_3 = call("c1", "add", "{\"a\":2,\"b\":3}");

    static Scenario approvalGranted() {
        ToolCall c1 = ADD_2_3;
        return askedFor("approval granted: the call waits for a human, runs once approved, and the decision is "
                        + "recorded with its principal", ASK_ADD, c1)
                .given(approve(60_000, A1, "bob"), (s, x) -> {
                    ApprovalRecord record = new ApprovalRecord(A1, 1, "c1", "add", Decision.APPROVE, "bob", "looks fine",
                            false, Option.none(), at(60_000));
                    x.state(s.withNow(at(60_000)).withLastEffectId(2)
                                    .withPhase(new Phase.AwaitingTools(Vector.of(slot(0, c1, "s1:1:1:0", running(2, 65_000)))))
                                    .withTurnProgress(s.turnProgress().map(t -> t.withMeter(t.meter().plusToolRun())))
                                    .withSessionMeter(s.sessionMeter().plusToolRun())
                                    .withApprovals(Vector.of(record)))
                            .effects(emit(new Event.ApprovalResolved(x.ctx(1), A1, Decision.APPROVE, "looks fine", "bob",
                                            false, Option.none())),
                                    x.runTool(e(2), c1, "s1:1:1:0", at(65_000)),
                                    emit(new Event.ToolCallStarted(x.ctx(1), e(2), c1)))
                            .wake(at(65_000), Wake.Reason.TOOL_DEADLINE)
                            .fired("AwaitingApproval --ApprovalDecided--> AwaitingTools");
                })
                .given(toolOk(60_100, e(2), "5"), (s, x) -> x
                        .phase(new Phase.AwaitingModel(e(3), at(70_100), 1))
                        .field("last message", st -> st.transcript().last(), ok(c1, "5"))
                        .effects(emit(new Event.ToolCallFinished(x.ctx(1), Option.some(e(2)), c1, ok(c1, "5"))),
                                x.callModel(e(3), s.transcript().append(ok(c1, "5")), at(70_100), 1),
                                emit(new Event.ModelCallStarted(x.ctx(1), e(3), 2, 1)),
                                new Effect.SaveCheckpoint(s.withNow(at(60_100)).withLastEffectId(3)
                                        .withPhase(new Phase.AwaitingModel(e(3), at(70_100), 1))
                                        .withTurnProgress(s.turnProgress().map(t -> t.nextRound(false)))
                                        .withTranscript(s.transcript().append(ok(c1, "5")))
                                        .withPromptEstimate(s.promptEstimate().plusChars(1))))
                        .wake(at(70_100), Wake.Reason.MODEL_DEADLINE)
                        .fired("AwaitingTools --ToolSucceeded--> AwaitingModel"))
                .given(replyText(60_200, e(3), "5", 50, 1), (s, x) -> x
                        .phase(new Phase.AwaitingUser())
                        .field("outcome", SessionState::lastOutcome, Option.some(new Outcome.Completed("5")))
                        .effects(emit(new Event.TurnFinished(x.ctx(1), new Outcome.Completed("5"), 2, usage(80, 11), 0)),
                                new Effect.SaveCheckpoint(s.withNow(at(60_200)).withPhase(new Phase.AwaitingUser())
                                        .withTurnProgress(Option.none())
                                        .withTranscript(s.transcript().append(AssistantMessage.text("5")))
                                        .withSessionMeter(meter(usage(80, 11), 0, 2, 1))
                                        .withUsageByModel(byModel(usage(80, 11)))
                                        .withPromptEstimate(new PromptEstimate(51, 0))
                                        .withLastOutcome(Option.some(new Outcome.Completed("5")))))
                        .noWake());
    }

    static Scenario approvalDenied() {
        ToolCall c1 = ADD_2_3;
        ToolResultMessage denied = err(c1, "denied by bob: too risky");
        return askedFor("approval denied: the model receives the denial and its reason as an error result and "
                        + "the turn goes on", ASK_ADD, c1)
                .given(deny(1_000, A1, "bob", "too risky"), (s, x) -> {
                    ApprovalRecord record = new ApprovalRecord(A1, 1, "c1", "add", Decision.DENY, "bob", "too risky",
                            false, Option.none(), at(1_000));
                    SessionState next = s.withNow(at(1_000)).withLastEffectId(2)
                            .withPhase(new Phase.AwaitingModel(e(2), at(11_000), 1))
                            .withTurnProgress(s.turnProgress().map(t -> t.nextRound(false)))
                            .withTranscript(s.transcript().append(denied))
                            .withPromptEstimate(s.promptEstimate().plusChars(denied.content().length()))
                            .withApprovals(Vector.of(record));
                    x.state(next)
                            .effects(emit(new Event.ApprovalResolved(x.ctx(1), A1, Decision.DENY, "too risky", "bob",
                                            false, Option.none())),
                                    emit(new Event.ToolCallFinished(x.ctx(1), Option.none(), c1, denied)),
                                    x.callModel(e(2), s.transcript().append(denied), at(11_000), 1),
                                    emit(new Event.ModelCallStarted(x.ctx(1), e(2), 2, 1)),
                                    new Effect.SaveCheckpoint(next))
                            .wake(at(11_000), Wake.Reason.MODEL_DEADLINE)
                            .fired("AwaitingApproval --ApprovalDecided--> AwaitingModel");
                })
                .given(replyText(1_100, e(2), "I was not allowed to add.", 60, 7), (s, x) -> x
                        .phase(new Phase.AwaitingUser())
                        .field("outcome", SessionState::lastOutcome,
                                Option.some(new Outcome.Completed("I was not allowed to add.")))
                        .effects(emit(new Event.TurnFinished(x.ctx(1), new Outcome.Completed("I was not allowed to add."),
                                        2, usage(90, 17), 0)),
                                new Effect.SaveCheckpoint(s.withNow(at(1_100)).withPhase(new Phase.AwaitingUser())
                                        .withTurnProgress(Option.none())
                                        .withTranscript(s.transcript().append(AssistantMessage.text("I was not allowed to add.")))
                                        .withSessionMeter(meter(usage(90, 17), 0, 2, 0))
                                        .withUsageByModel(byModel(usage(90, 17)))
                                        .withPromptEstimate(new PromptEstimate(67, 0))
                                        .withLastOutcome(Option.some(new Outcome.Completed("I was not allowed to add.")))))
                        .noWake());
    }

    static Scenario approvalWithEditedArguments() {
        ToolCall c1 = ADD_2_3;
        ToolCall edited = call("c1", "add", "{\"a\":20,\"b\":30}");
        var editedTranscript = transcript(user("Please add."), assistant("", edited));
        return askedFor("approval with edited arguments: an invalid edit is rejected and the approval stays "
                        + "pending; a valid edit runs, and replaces the call in the transcript the model sees", ASK_ADD, c1)
                .given(approveEdited(500, A1, "bob", "{\"a\": \"x\"}"), (s, x) -> x
                        .rejected("edited arguments rejected, the approval is still pending: arguments for \"add\" do "
                                + "not match its schema: $: missing required property \"b\"; $.a: expected \"integer\", "
                                + "got a string"))
                .given(approveEdited(1_000, A1, "bob", "{\"a\": 20, \"b\": 30}"), (s, x) -> x
                        .phase(new Phase.AwaitingTools(Vector.of(slot(0, edited, "s1:1:1:0", running(2, 6_000)))))
                        .field("transcript", SessionState::transcript, editedTranscript)
                        .field("approvals", SessionState::approvals, Vector.of(new ApprovalRecord(A1, 1, "c1", "add",
                                Decision.APPROVE, "bob", "fixed the numbers", false, Option.some("{\"a\":20,\"b\":30}"),
                                at(1_000))))
                        .effects(emit(new Event.ApprovalResolved(x.ctx(1), A1, Decision.APPROVE, "fixed the numbers",
                                        "bob", false, Option.some("{\"a\":20,\"b\":30}"))),
                                x.runTool(e(2), edited, "s1:1:1:0", at(6_000)),
                                emit(new Event.ToolCallStarted(x.ctx(1), e(2), edited)))
                        .wake(at(6_000), Wake.Reason.TOOL_DEADLINE)
                        .fired("AwaitingApproval --ApprovalDecided--> AwaitingTools"))
                .given(toolOk(1_100, e(2), "50"), (s, x) -> x
                        .phase(new Phase.AwaitingModel(e(3), at(11_100), 1))
                        .field("transcript", SessionState::transcript, editedTranscript.append(ok(edited, "50")))
                        .effects(emit(new Event.ToolCallFinished(x.ctx(1), Option.some(e(2)), edited, ok(edited, "50"))),
                                x.callModel(e(3), editedTranscript.append(ok(edited, "50")), at(11_100), 1),
                                emit(new Event.ModelCallStarted(x.ctx(1), e(3), 2, 1)),
                                new Effect.SaveCheckpoint(s.withNow(at(1_100)).withLastEffectId(3)
                                        .withPhase(new Phase.AwaitingModel(e(3), at(11_100), 1))
                                        .withTurnProgress(s.turnProgress().map(t -> t.nextRound(false)))
                                        .withTranscript(editedTranscript.append(ok(edited, "50")))
                                        .withPromptEstimate(s.promptEstimate().plusChars(2))))
                        .wake(at(11_100), Wake.Reason.MODEL_DEADLINE));
    }

    static Scenario doubleDecisionRejected() {
        ToolCall c1 = ADD_2_3;
        return askedFor("approval decisions: an unknown approval and a second decision are rejected", ASK_ADD, c1)
                .given(approve(500, A2, "bob"), (s, x) -> x
                        .rejected("unknown approval s1:approval:2: no such approval is pending"))
                .given(approve(1_000, A1, "bob"), (s, x) -> x
                        .phase(new Phase.AwaitingTools(Vector.of(slot(0, c1, "s1:1:1:0", running(2, 6_000)))))
                        .effects(emit(new Event.ApprovalResolved(x.ctx(1), A1, Decision.APPROVE, "looks fine", "bob",
                                        false, Option.none())),
                                x.runTool(e(2), c1, "s1:1:1:0", at(6_000)),
                                emit(new Event.ToolCallStarted(x.ctx(1), e(2), c1)))
                        .wake(at(6_000), Wake.Reason.TOOL_DEADLINE))
                .given(approve(1_001, A1, "carol"), (s, x) -> x
                        .rejected("approval s1:approval:1 was already resolved (APPROVE by bob)"))
                .given(deny(1_002, A1, "carol", "no"), (s, x) -> x
                        .rejected("approval s1:approval:1 was already resolved (APPROVE by bob)"))
                .given(toolOk(1_100, e(2), "5"), (s, x) -> x
                        .phase(new Phase.AwaitingModel(e(3), at(11_100), 1))
                        .field("approvals", st -> st.approvals().size(), 1)
                        .effects(emit(new Event.ToolCallFinished(x.ctx(1), Option.some(e(2)), c1, ok(c1, "5"))),
                                x.callModel(e(3), s.transcript().append(ok(c1, "5")), at(11_100), 1),
                                emit(new Event.ModelCallStarted(x.ctx(1), e(3), 2, 1)),
                                new Effect.SaveCheckpoint(s.withNow(at(1_100)).withLastEffectId(3)
                                        .withPhase(new Phase.AwaitingModel(e(3), at(11_100), 1))
                                        .withTurnProgress(s.turnProgress().map(t -> t.nextRound(false)))
                                        .withTranscript(s.transcript().append(ok(c1, "5")))
                                        .withPromptEstimate(s.promptEstimate().plusChars(1))))
                        .wake(at(11_100), Wake.Reason.MODEL_DEADLINE));
    }

    static Scenario approvalExpires() {
        ToolCall c1 = ADD_2_3;
        String reason = "approval expired after 60000 ms without a decision";
        ToolResultMessage expired = err(c1, "not run: " + reason);
        return askedFor("approval expiry: a wake-up before the expiry changes nothing; at the expiry the wait ends "
                        + "as a denial (timers never approve) and a late decision is rejected", ASK_ADD_EXPIRING, c1)
                .given(tick(30_000), (s, x) -> x
                        .state(s.withNow(at(30_000)))
                        .effects()
                        .wake(at(60_020), Wake.Reason.APPROVAL_EXPIRY)
                        .fired("AwaitingApproval --TimeAdvanced--> AwaitingApproval"))
                .given(tick(60_020), (s, x) -> {
                    SessionState next = s.withNow(at(60_020)).withLastEffectId(2)
                            .withPhase(new Phase.AwaitingModel(e(2), at(70_020), 1))
                            .withTurnProgress(s.turnProgress().map(t -> t.nextRound(false)))
                            .withTranscript(s.transcript().append(expired))
                            .withPromptEstimate(s.promptEstimate().plusChars(expired.content().length()))
                            .withApprovals(Vector.of(new ApprovalRecord(A1, 1, "c1", "add", Decision.DENY, "", reason, true,
                                    Option.none(), at(60_020))));
                    x.state(next)
                            .effects(emit(new Event.ApprovalResolved(x.ctx(1), A1, Decision.DENY, reason, "", true,
                                            Option.none())),
                                    emit(new Event.ToolCallFinished(x.ctx(1), Option.none(), c1, expired)),
                                    x.callModel(e(2), s.transcript().append(expired), at(70_020), 1),
                                    emit(new Event.ModelCallStarted(x.ctx(1), e(2), 2, 1)),
                                    new Effect.SaveCheckpoint(next))
                            .wake(at(70_020), Wake.Reason.MODEL_DEADLINE)
                            .fired("AwaitingApproval --TimeAdvanced--> AwaitingModel");
                })
                .given(approve(60_030, A1, "bob"), (s, x) -> x
                        .rejected("approval s1:approval:1 was already resolved (DENY, expired)"));
    }

    static Scenario twoApprovalsDecidedOneByOne() {
        ToolCall c1 = call("c1", "add", "{\"a\":1,\"b\":2}");
        ToolCall c2 = call("c2", "add", "{\"a\":3,\"b\":4}");
        ToolResultMessage denied = err(c1, "denied by bob: not this one");
        return askedFor("two approvals: denying one keeps waiting for the other; approving the other runs it",
                        ASK_ADD, c1, c2)
                .given(deny(1_000, A1, "bob", "not this one"), (s, x) -> x
                        .phase(new Phase.AwaitingApproval(Vector.of(slot(0, c1, "s1:1:1:0", answered(denied)),
                                slot(1, c2, "s1:1:1:1", new ToolSlot.AwaitingDecision(A2, Option.none())))))
                        .effects(emit(new Event.ApprovalResolved(x.ctx(1), A1, Decision.DENY, "not this one", "bob",
                                        false, Option.none())),
                                emit(new Event.ToolCallFinished(x.ctx(1), Option.none(), c1, denied)))
                        .noWake()
                        .fired("AwaitingApproval --ApprovalDecided--> AwaitingApproval"))
                .given(approve(2_000, A2, "bob"), (s, x) -> x
                        .phase(new Phase.AwaitingTools(Vector.of(slot(0, c1, "s1:1:1:0", answered(denied)),
                                slot(1, c2, "s1:1:1:1", running(2, 7_000)))))
                        .effects(emit(new Event.ApprovalResolved(x.ctx(1), A2, Decision.APPROVE, "looks fine", "bob",
                                        false, Option.none())),
                                x.runTool(e(2), c2, "s1:1:1:1", at(7_000)),
                                emit(new Event.ToolCallStarted(x.ctx(1), e(2), c2)))
                        .wake(at(7_000), Wake.Reason.TOOL_DEADLINE)
                        .fired("AwaitingApproval --ApprovalDecided--> AwaitingTools"));
    }

    static final ToolCall LOOKUP_INK = call("c1", "lookup", "{\"word\":\"ink\"}");
    static final ToolCall ADD_SECOND = call("c2", "add", "{\"a\":2,\"b\":3}");

    static Scenario approvedWhileAnotherToolRuns() {
        ToolCall c1 = LOOKUP_INK;
        ToolCall c2 = ADD_SECOND;
        return askedFor("mixed batch: an allowed call runs while another waits for approval; approving it runs it "
                        + "alongside", ASK_ADD, c1, c2)
                .given(approve(1_000, A1, "bob"), (s, x) -> x
                        .phase(new Phase.AwaitingTools(Vector.of(slot(0, c1, "s1:1:1:0", running(2, 5_020)),
                                slot(1, c2, "s1:1:1:1", running(3, 6_000)))))
                        .effects(emit(new Event.ApprovalResolved(x.ctx(1), A1, Decision.APPROVE, "looks fine", "bob",
                                        false, Option.none())),
                                x.runTool(e(3), c2, "s1:1:1:1", at(6_000)),
                                emit(new Event.ToolCallStarted(x.ctx(1), e(3), c2)))
                        .wake(at(5_020), Wake.Reason.TOOL_DEADLINE)
                        .fired("AwaitingTools --ApprovalDecided--> AwaitingTools"))
                .given(toolOk(1_100, e(3), "5"), (s, x) -> x
                        .phase(new Phase.AwaitingTools(Vector.of(slot(0, c1, "s1:1:1:0", running(2, 5_020)),
                                slot(1, c2, "s1:1:1:1", answered(ok(c2, "5"))))))
                        .effects(emit(new Event.ToolCallFinished(x.ctx(1), Option.some(e(3)), c2, ok(c2, "5"))))
                        .wake(at(5_020), Wake.Reason.TOOL_DEADLINE))
                .given(toolOk(1_200, e(2), "a liquid"), (s, x) -> x
                        .phase(new Phase.AwaitingModel(e(4), at(11_200), 1))
                        .field("last messages", st -> st.transcript().takeRight(2), transcript(ok(c1, "a liquid"), ok(c2, "5")))
                        .effects(emit(new Event.ToolCallFinished(x.ctx(1), Option.some(e(2)), c1, ok(c1, "a liquid"))),
                                x.callModel(e(4), s.transcript().append(ok(c1, "a liquid")).append(ok(c2, "5")), at(11_200), 1),
                                emit(new Event.ModelCallStarted(x.ctx(1), e(4), 2, 1)),
                                new Effect.SaveCheckpoint(s.withNow(at(1_200)).withLastEffectId(4)
                                        .withPhase(new Phase.AwaitingModel(e(4), at(11_200), 1))
                                        .withTurnProgress(s.turnProgress().map(t -> t.nextRound(false)))
                                        .withTranscript(s.transcript().append(ok(c1, "a liquid")).append(ok(c2, "5")))
                                        .withPromptEstimate(s.promptEstimate().plusChars(8 + 1))))
                        .wake(at(11_200), Wake.Reason.MODEL_DEADLINE));
    }

    static Scenario runningToolFinishesLeavingOnlyApprovals() {
        ToolCall c1 = LOOKUP_INK;
        ToolCall c2 = ADD_SECOND;
        return askedFor("mixed batch: when the running call finishes, the batch waits only for the approval",
                        ASK_ADD, c1, c2)
                .given(toolOk(100, e(2), "a liquid"), (s, x) -> x
                        .phase(new Phase.AwaitingApproval(Vector.of(slot(0, c1, "s1:1:1:0", answered(ok(c1, "a liquid"))),
                                slot(1, c2, "s1:1:1:1", new ToolSlot.AwaitingDecision(A1, Option.none())))))
                        .effects(emit(new Event.ToolCallFinished(x.ctx(1), Option.some(e(2)), c1, ok(c1, "a liquid"))))
                        .noWake()
                        .fired("AwaitingTools --ToolSucceeded--> AwaitingApproval"));
    }

    static Scenario runningToolFailsLeavingOnlyApprovals() {
        ToolCall c1 = LOOKUP_INK;
        ToolCall c2 = ADD_SECOND;
        ToolResultMessage failed = err(c1, "tool \"lookup\" failed (tool_error): dictionary offline");
        return askedFor("mixed batch: when the running call fails, the batch waits only for the approval",
                        ASK_ADD, c1, c2)
                .given(toolFailed(100, e(2), "dictionary offline"), (s, x) -> x
                        .phase(new Phase.AwaitingApproval(Vector.of(slot(0, c1, "s1:1:1:0", answered(failed)),
                                slot(1, c2, "s1:1:1:1", new ToolSlot.AwaitingDecision(A1, Option.none())))))
                        .effects(emit(new Event.ToolCallFinished(x.ctx(1), Option.some(e(2)), c1, failed)))
                        .noWake()
                        .fired("AwaitingTools --ToolFailed--> AwaitingApproval"));
    }

    static Scenario runningToolTimesOutLeavingOnlyApprovals() {
        ToolCall c1 = LOOKUP_INK;
        ToolCall c2 = ADD_SECOND;
        String timedOut = "tool \"lookup\" timed out after 5000 ms";
        return askedFor("mixed batch: when the running call times out, it is abandoned and the batch waits only "
                        + "for the approval; its late result is rejected", ASK_ADD, c1, c2)
                .given(tick(5_020), (s, x) -> x
                        .phase(new Phase.AwaitingApproval(Vector.of(slot(0, c1, "s1:1:1:0", answered(err(c1, timedOut))),
                                slot(1, c2, "s1:1:1:1", new ToolSlot.AwaitingDecision(A1, Option.none())))))
                        .effects(new Effect.Abandon(e(2), timedOut),
                                emit(new Event.ToolCallFinished(x.ctx(1), Option.some(e(2)), c1, err(c1, timedOut))))
                        .noWake()
                        .fired("AwaitingTools --TimeAdvanced--> AwaitingApproval"))
                .given(toolOk(5_030, e(2), "a liquid"), (s, x) -> x
                        .rejected("effect e2 is not awaited in phase AwaitingApproval" + NOT_AWAITED_SUFFIX));
    }
}
