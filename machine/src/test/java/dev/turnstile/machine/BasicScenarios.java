package dev.turnstile.machine;

import static dev.turnstile.machine.Spec.*;

import dev.turnstile.model.AssistantMessage;
import dev.turnstile.model.ToolCall;
import dev.turnstile.model.ToolResultMessage;
import dev.turnstile.model.UserMessage;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/** The ordinary turn: plain answers, one tool, parallel tools, invalid calls, and how time moves. */
final class BasicScenarios {

    private BasicScenarios() {}

    static Vector<Scenario> all() {
        return Vector.of(plainAnswer(), oneTool(), parallelToolsOutOfOrder(), invalidCallsAnswered(),
                outputLimitReached(), timeNeverGoesBackwards(), idleWakeUp());
    }

    static Scenario plainAnswer() {
        UserMessage question = user("What is 2+2?");
        AssistantMessage answer = AssistantMessage.text("4");
        UserMessage followUp = user("And 3+3?");
        return Scenario.named("plain answer: a text reply completes the turn, and the next turn sees the whole transcript")
                .given(userSays(1, "What is 2+2?"), (s, x) -> {
                    SessionState next = s.withNow(at(1)).withLastEffectId(1).withTurn(1)
                            .withPhase(new Phase.AwaitingModel(e(1), at(10_001), 1))
                            .withTurnProgress(Option.some(TurnProgress.startingAt(at(1))))
                            .withTranscript(transcript(question))
                            .withPromptEstimate(new PromptEstimate(0, 257 + 12));
                    x.state(next)
                            .effects(emit(new Event.TurnStarted(x.ctx(1), "What is 2+2?")),
                                    x.callModel(e(1), transcript(question), at(10_001), 1),
                                    emit(new Event.ModelCallStarted(x.ctx(1), e(1), 1, 1)))
                            .wake(at(10_001), Wake.Reason.MODEL_DEADLINE)
                            .fired("AwaitingUser --UserMessageReceived--> AwaitingModel");
                })
                .given(replyText(40, e(1), "4", 30, 2), (s, x) -> {
                    SessionState next = s.withNow(at(40)).withPhase(new Phase.AwaitingUser())
                            .withTurnProgress(Option.none())
                            .withTranscript(transcript(question, answer))
                            .withSessionMeter(meter(usage(30, 2), 0, 1, 0))
                            .withUsageByModel(byModel(usage(30, 2)))
                            .withPromptEstimate(new PromptEstimate(32, 0))
                            .withLastOutcome(Option.some(new Outcome.Completed("4")));
                    x.state(next)
                            .effects(emit(new Event.TurnFinished(x.ctx(1), new Outcome.Completed("4"), 1, usage(30, 2), 0)),
                                    new Effect.SaveCheckpoint(next))
                            .noWake()
                            .fired("AwaitingModel --ModelReplied--> AwaitingUser");
                })
                .given(userSays(100, "And 3+3?"), (s, x) -> {
                    SessionState next = s.withNow(at(100)).withLastEffectId(2).withTurn(2)
                            .withPhase(new Phase.AwaitingModel(e(2), at(10_100), 1))
                            .withTurnProgress(Option.some(TurnProgress.startingAt(at(100))))
                            .withTranscript(transcript(question, answer, followUp))
                            .withPromptEstimate(new PromptEstimate(32, 8));
                    x.state(next)
                            .effects(emit(new Event.TurnStarted(x.ctx(2), "And 3+3?")),
                                    x.callModel(e(2), transcript(question, answer, followUp), at(10_100), 1),
                                    emit(new Event.ModelCallStarted(x.ctx(2), e(2), 1, 1)))
                            .wake(at(10_100), Wake.Reason.MODEL_DEADLINE)
                            .fired("AwaitingUser --UserMessageReceived--> AwaitingModel");
                });
    }

    static Scenario oneTool() {
        UserMessage question = user("What is 2+3? Use the tool.");
        ToolCall asked = call("c1", "add", "{\"a\": 2, \"b\": 3}");
        ToolCall canonical = call("c1", "add", "{\"a\":2,\"b\":3}");
        AssistantMessage wantsTool = assistant("", asked);
        ToolResultMessage five = ok(canonical, "5");
        return Scenario.named("one tool: the call runs with canonical arguments, its result goes back, the model answers")
                .given(userSays(1, "What is 2+3? Use the tool."), (s, x) -> x
                        .phase(new Phase.AwaitingModel(e(1), at(10_001), 1))
                        .field("transcript", SessionState::transcript, transcript(question))
                        .effects(emit(new Event.TurnStarted(x.ctx(1), "What is 2+3? Use the tool.")),
                                x.callModel(e(1), transcript(question), at(10_001), 1),
                                emit(new Event.ModelCallStarted(x.ctx(1), e(1), 1, 1)))
                        .wake(at(10_001), Wake.Reason.MODEL_DEADLINE))
                .given(replyTools(30, e(1), 40, 10, asked), (s, x) -> {
                    Meter used = meter(usage(40, 10), 0, 1, 1);
                    SessionState next = s.withNow(at(30)).withLastEffectId(2)
                            .withPhase(new Phase.AwaitingTools(Vector.of(
                                    slot(0, canonical, "s1:1:1:0", running(2, 5_030)))))
                            .withTurnProgress(Option.some(new TurnProgress(at(1), 1, false, TreeMap.of("add", 1), used)))
                            .withTranscript(transcript(question, wantsTool))
                            .withSessionMeter(used)
                            .withUsageByModel(byModel(usage(40, 10)))
                            .withPromptEstimate(new PromptEstimate(50, 0));
                    x.state(next)
                            .effects(x.runTool(e(2), canonical, "s1:1:1:0", at(5_030)),
                                    emit(new Event.ToolCallStarted(x.ctx(1), e(2), canonical)))
                            .wake(at(5_030), Wake.Reason.TOOL_DEADLINE)
                            .fired("AwaitingModel --ModelReplied--> AwaitingTools");
                })
                .given(toolOk(80, e(2), "5"), (s, x) -> {
                    Meter used = meter(usage(40, 10), 0, 1, 1);
                    SessionState next = s.withNow(at(80)).withLastEffectId(3)
                            .withPhase(new Phase.AwaitingModel(e(3), at(10_080), 1))
                            .withTurnProgress(Option.some(new TurnProgress(at(1), 2, false, TreeMap.of("add", 1), used)))
                            .withTranscript(transcript(question, wantsTool, five))
                            .withPromptEstimate(new PromptEstimate(50, 1));
                    x.state(next)
                            .effects(emit(new Event.ToolCallFinished(x.ctx(1), Option.some(e(2)), canonical, five)),
                                    x.callModel(e(3), transcript(question, wantsTool, five), at(10_080), 1),
                                    emit(new Event.ModelCallStarted(x.ctx(1), e(3), 2, 1)),
                                    new Effect.SaveCheckpoint(next))
                            .wake(at(10_080), Wake.Reason.MODEL_DEADLINE)
                            .fired("AwaitingTools --ToolSucceeded--> AwaitingModel");
                })
                .given(replyText(120, e(3), "2+3 = 5", 60, 8), (s, x) -> {
                    Outcome done = new Outcome.Completed("2+3 = 5");
                    SessionState next = s.withNow(at(120)).withPhase(new Phase.AwaitingUser())
                            .withTurnProgress(Option.none())
                            .withTranscript(transcript(question, wantsTool, five, AssistantMessage.text("2+3 = 5")))
                            .withSessionMeter(meter(usage(100, 18), 0, 2, 1))
                            .withUsageByModel(byModel(usage(100, 18)))
                            .withPromptEstimate(new PromptEstimate(68, 0))
                            .withLastOutcome(Option.some(done));
                    x.state(next)
                            .effects(emit(new Event.TurnFinished(x.ctx(1), done, 2, usage(100, 18), 0)),
                                    new Effect.SaveCheckpoint(next))
                            .noWake()
                            .fired("AwaitingModel --ModelReplied--> AwaitingUser");
                });
    }

    static Scenario parallelToolsOutOfOrder() {
        MachineConfig twoAtATime = BASIC.toBuilder().maxParallelTools(2).build();
        UserMessage question = user("Three things, please.");
        ToolCall c1 = call("c1", "add", "{\"a\":1,\"b\":1}");
        ToolCall c2 = call("c2", "lookup", "{\"word\":\"cat\"}");
        ToolCall c3 = call("c3", "add", "{\"a\":2,\"b\":2}");
        AssistantMessage wantsTools = assistant("", c1, c2, c3);
        ToolResultMessage r1 = ok(c1, "2");
        ToolResultMessage r2 = ok(c2, "a small feline");
        ToolResultMessage r3 = ok(c3, "4");
        return Scenario.named("parallel tools: at most two run at once, a queued call starts as one finishes, "
                        + "results reach the model in call order")
                .config(twoAtATime)
                .given(userSays(1, "Three things, please."), (s, x) -> x
                        .phase(new Phase.AwaitingModel(e(1), at(10_001), 1))
                        .effects(emit(new Event.TurnStarted(x.ctx(1), "Three things, please.")),
                                x.callModel(e(1), transcript(question), at(10_001), 1),
                                emit(new Event.ModelCallStarted(x.ctx(1), e(1), 1, 1)))
                        .wake(at(10_001), Wake.Reason.MODEL_DEADLINE))
                .given(replyTools(30, e(1), 40, 30, c1, c2, c3), (s, x) -> x
                        .phase(new Phase.AwaitingTools(Vector.of(
                                slot(0, c1, "s1:1:1:0", running(2, 5_030)),
                                slot(1, c2, "s1:1:1:1", running(3, 5_030)),
                                slot(2, c3, "s1:1:1:2", new ToolSlot.Queued()))))
                        .field("tool runs this turn", st -> st.turnProgress().get().meter().toolRuns(), 2)
                        .field("tool calls requested", st -> st.turnProgress().get().toolCallsRequested(),
                                TreeMap.of("add", 2, "lookup", 1))
                        .effects(x.runTool(e(2), c1, "s1:1:1:0", at(5_030)),
                                emit(new Event.ToolCallStarted(x.ctx(1), e(2), c1)),
                                x.runTool(e(3), c2, "s1:1:1:1", at(5_030)),
                                emit(new Event.ToolCallStarted(x.ctx(1), e(3), c2)))
                        .wake(at(5_030), Wake.Reason.TOOL_DEADLINE)
                        .fired("AwaitingModel --ModelReplied--> AwaitingTools"))
                .given(toolOk(50, e(3), "a small feline"), (s, x) -> x
                        .phase(new Phase.AwaitingTools(Vector.of(
                                slot(0, c1, "s1:1:1:0", running(2, 5_030)),
                                slot(1, c2, "s1:1:1:1", answered(r2)),
                                slot(2, c3, "s1:1:1:2", running(4, 5_050)))))
                        .field("transcript", SessionState::transcript, transcript(question, wantsTools))
                        .effects(emit(new Event.ToolCallFinished(x.ctx(1), Option.some(e(3)), c2, r2)),
                                x.runTool(e(4), c3, "s1:1:1:2", at(5_050)),
                                emit(new Event.ToolCallStarted(x.ctx(1), e(4), c3)))
                        .wake(at(5_030), Wake.Reason.TOOL_DEADLINE)
                        .fired("AwaitingTools --ToolSucceeded--> AwaitingTools"))
                .given(toolOk(60, e(4), "4"), (s, x) -> x
                        .phase(new Phase.AwaitingTools(Vector.of(
                                slot(0, c1, "s1:1:1:0", running(2, 5_030)),
                                slot(1, c2, "s1:1:1:1", answered(r2)),
                                slot(2, c3, "s1:1:1:2", answered(r3)))))
                        .effects(emit(new Event.ToolCallFinished(x.ctx(1), Option.some(e(4)), c3, r3)))
                        .wake(at(5_030), Wake.Reason.TOOL_DEADLINE)
                        .fired("AwaitingTools --ToolSucceeded--> AwaitingTools"))
                .given(toolOk(70, e(2), "2"), (s, x) -> {
                    Vector<dev.turnstile.model.Message> messages = transcript(question, wantsTools, r1, r2, r3);
                    x.phase(new Phase.AwaitingModel(e(5), at(10_070), 1))
                            .field("transcript", SessionState::transcript, messages)
                            .field("round", st -> st.turnProgress().get().round(), 2)
                            .effects(Vector.of(
                                    emit(new Event.ToolCallFinished(x.ctx(1), Option.some(e(2)), c1, r1)),
                                    x.callModel(e(5), messages, at(10_070), 1),
                                    emit(new Event.ModelCallStarted(x.ctx(1), e(5), 2, 1)),
                                    new Effect.SaveCheckpoint(s.withNow(at(70)).withLastEffectId(5)
                                            .withPhase(new Phase.AwaitingModel(e(5), at(10_070), 1))
                                            .withTurnProgress(s.turnProgress().map(t -> t.nextRound(false)))
                                            .withTranscript(messages)
                                            .withPromptEstimate(new PromptEstimate(70, 1 + 14 + 1)))))
                            .wake(at(10_070), Wake.Reason.MODEL_DEADLINE)
                            .fired("AwaitingTools --ToolSucceeded--> AwaitingModel");
                })
                .given(replyText(90, e(5), "2, a small feline, 4", 90, 9), (s, x) -> x
                        .phase(new Phase.AwaitingUser())
                        .field("outcome", SessionState::lastOutcome, Option.some(new Outcome.Completed("2, a small feline, 4")))
                        .effects(emit(new Event.TurnFinished(x.ctx(1), new Outcome.Completed("2, a small feline, 4"), 2,
                                        usage(130, 39), 0)),
                                new Effect.SaveCheckpoint(s.withNow(at(90)).withPhase(new Phase.AwaitingUser())
                                        .withTurnProgress(Option.none())
                                        .withTranscript(s.transcript().append(AssistantMessage.text("2, a small feline, 4")))
                                        .withSessionMeter(meter(usage(130, 39), 0, 2, 3))
                                        .withUsageByModel(byModel(usage(130, 39)))
                                        .withPromptEstimate(new PromptEstimate(99, 0))
                                        .withLastOutcome(Option.some(new Outcome.Completed("2, a small feline, 4")))))
                        .noWake());
    }

    static Scenario invalidCallsAnswered() {
        UserMessage question = user("Add things.");
        ToolCall unknown = call("c1", "weather", "{\"city\":\"Oslo\"}");
        ToolCall notJson = call("c2", "add", "{\"a\": 1, \"b\": ");
        ToolCall wrongType = call("c3", "add", "{\"a\": \"two\", \"b\": 3}");
        ToolCall missing = call("c4", "add", "{\"a\": 1}");
        ToolResultMessage r1 = err(unknown, "unknown tool \"weather\"; available tools: add, lookup");
        ToolResultMessage r2 = err(notJson, "arguments for \"add\" are not valid JSON: " + BAD_JSON_MESSAGE);
        ToolResultMessage r3 = err(wrongType,
                "arguments for \"add\" do not match its schema: $.a: expected \"integer\", got a string");
        ToolResultMessage r4 = err(missing, "arguments for \"add\" do not match its schema: $: missing required property \"b\"");
        AssistantMessage wantsTools = assistant("Let me try.", unknown, notJson, wrongType, missing);
        ToolCall fixed = call("c5", "add", "{\"a\":2,\"b\":3}");
        Vector<dev.turnstile.model.Message> round2 = transcript(question, wantsTools, r1, r2, r3, r4);
        return Scenario.named("invalid calls: an unknown tool, invalid JSON and schema violations are answered with "
                        + "error results at once, and the model recovers")
                .given(userSays(1, "Add things."), (s, x) -> x
                        .phase(new Phase.AwaitingModel(e(1), at(10_001), 1))
                        .effects(emit(new Event.TurnStarted(x.ctx(1), "Add things.")),
                                x.callModel(e(1), transcript(question), at(10_001), 1),
                                emit(new Event.ModelCallStarted(x.ctx(1), e(1), 1, 1)))
                        .wake(at(10_001), Wake.Reason.MODEL_DEADLINE))
                .given(new Input.ModelReplied(at(20), e(1), new dev.turnstile.model.ModelReply(wantsTools, usage(40, 30),
                        dev.turnstile.model.FinishReason.TOOL_CALLS, MODEL)), (s, x) -> {
                    Meter used = meter(usage(40, 30), 0, 1, 0);
                    SessionState next = s.withNow(at(20)).withLastEffectId(2)
                            .withPhase(new Phase.AwaitingModel(e(2), at(10_020), 1))
                            .withTurnProgress(Option.some(new TurnProgress(at(1), 2, false, TreeMap.empty(), used)))
                            .withTranscript(round2)
                            .withSessionMeter(used)
                            .withUsageByModel(byModel(usage(40, 30)))
                            .withPromptEstimate(new PromptEstimate(70, r1.content().length() + r2.content().length()
                                    + r3.content().length() + r4.content().length()));
                    x.state(next)
                            .effects(emit(new Event.ToolCallFinished(x.ctx(1), Option.none(), unknown, r1)),
                                    emit(new Event.ToolCallFinished(x.ctx(1), Option.none(), notJson, r2)),
                                    emit(new Event.ToolCallFinished(x.ctx(1), Option.none(), wrongType, r3)),
                                    emit(new Event.ToolCallFinished(x.ctx(1), Option.none(), missing, r4)),
                                    x.callModel(e(2), round2, at(10_020), 1),
                                    emit(new Event.ModelCallStarted(x.ctx(1), e(2), 2, 1)),
                                    new Effect.SaveCheckpoint(next))
                            .wake(at(10_020), Wake.Reason.MODEL_DEADLINE)
                            .fired("AwaitingModel --ModelReplied--> AwaitingModel");
                })
                .given(replyTools(40, e(2), 200, 10, fixed), (s, x) -> x
                        .phase(new Phase.AwaitingTools(Vector.of(slot(0, fixed, "s1:1:2:0", running(3, 5_040)))))
                        .effects(x.runTool(e(3), fixed, "s1:1:2:0", at(5_040)),
                                emit(new Event.ToolCallStarted(x.ctx(1), e(3), fixed)))
                        .wake(at(5_040), Wake.Reason.TOOL_DEADLINE)
                        .fired("AwaitingModel --ModelReplied--> AwaitingTools"))
                .given(toolOk(50, e(3), "5"), (s, x) -> x
                        .phase(new Phase.AwaitingModel(e(4), at(10_050), 1))
                        .field("last message", st -> st.transcript().last(), ok(fixed, "5"))
                        .effects(emit(new Event.ToolCallFinished(x.ctx(1), Option.some(e(3)), fixed, ok(fixed, "5"))),
                                x.callModel(e(4), s.transcript().append(ok(fixed, "5")), at(10_050), 1),
                                emit(new Event.ModelCallStarted(x.ctx(1), e(4), 3, 1)),
                                new Effect.SaveCheckpoint(s.withNow(at(50)).withLastEffectId(4)
                                        .withPhase(new Phase.AwaitingModel(e(4), at(10_050), 1))
                                        .withTurnProgress(s.turnProgress().map(t -> t.nextRound(false)))
                                        .withTranscript(s.transcript().append(ok(fixed, "5")))
                                        .withPromptEstimate(s.promptEstimate().plusChars(1))))
                        .wake(at(10_050), Wake.Reason.MODEL_DEADLINE))
                .given(replyText(60, e(4), "5", 300, 1), (s, x) -> x
                        .phase(new Phase.AwaitingUser())
                        .field("outcome", SessionState::lastOutcome, Option.some(new Outcome.Completed("5")))
                        .effects(emit(new Event.TurnFinished(x.ctx(1), new Outcome.Completed("5"), 3, usage(540, 41), 0)),
                                new Effect.SaveCheckpoint(s.withNow(at(60)).withPhase(new Phase.AwaitingUser())
                                        .withTurnProgress(Option.none())
                                        .withTranscript(s.transcript().append(AssistantMessage.text("5")))
                                        .withSessionMeter(meter(usage(540, 41), 0, 3, 1))
                                        .withUsageByModel(byModel(usage(540, 41)))
                                        .withPromptEstimate(new PromptEstimate(301, 0))
                                        .withLastOutcome(Option.some(new Outcome.Completed("5")))))
                        .noWake());
    }

    /** What Jackson says about {@code {"a": 1, "b": } } (the model sees it verbatim, clipped to one line). */
    static final String BAD_JSON_MESSAGE = "Unexpected end-of-input within/between Object entries";

    static Scenario outputLimitReached() {
        UserMessage question = user("Write a long story.");
        Outcome cut = stopped(new StopReason.Incomplete("Once upon a"));
        return Scenario.named("output limit: a reply cut short by max tokens stops the turn Incomplete, keeping the text")
                .given(userSays(1, "Write a long story."), (s, x) -> x
                        .phase(new Phase.AwaitingModel(e(1), at(10_001), 1))
                        .effects(emit(new Event.TurnStarted(x.ctx(1), "Write a long story.")),
                                x.callModel(e(1), transcript(question), at(10_001), 1),
                                emit(new Event.ModelCallStarted(x.ctx(1), e(1), 1, 1)))
                        .wake(at(10_001), Wake.Reason.MODEL_DEADLINE))
                .given(new Input.ModelReplied(at(30), e(1), new dev.turnstile.model.ModelReply(
                        AssistantMessage.text("Once upon a"), usage(20, 3), dev.turnstile.model.FinishReason.MAX_TOKENS,
                        MODEL)), (s, x) -> {
                    SessionState next = s.withNow(at(30)).withPhase(new Phase.AwaitingUser())
                            .withTurnProgress(Option.none())
                            .withTranscript(transcript(question, AssistantMessage.text("Once upon a")))
                            .withSessionMeter(meter(usage(20, 3), 0, 1, 0))
                            .withUsageByModel(byModel(usage(20, 3)))
                            .withPromptEstimate(new PromptEstimate(23, 0))
                            .withLastOutcome(Option.some(cut));
                    x.state(next)
                            .effects(emit(new Event.TurnFinished(x.ctx(1), cut, 1, usage(20, 3), 0)),
                                    new Effect.SaveCheckpoint(next))
                            .noWake()
                            .fired("AwaitingModel --ModelReplied--> AwaitingUser");
                });
    }

    static Scenario timeNeverGoesBackwards() {
        UserMessage question = user("Hi");
        return Scenario.named("time: an input stamped earlier than now never moves the machine's time backwards")
                .given(userSays(100, "Hi"), (s, x) -> x
                        .phase(new Phase.AwaitingModel(e(1), at(10_100), 1))
                        .effects(emit(new Event.TurnStarted(x.ctx(1), "Hi")),
                                x.callModel(e(1), transcript(question), at(10_100), 1),
                                emit(new Event.ModelCallStarted(x.ctx(1), e(1), 1, 1)))
                        .wake(at(10_100), Wake.Reason.MODEL_DEADLINE))
                .given(tick(50), (s, x) -> x
                        .state(s)
                        .effects()
                        .wake(at(10_100), Wake.Reason.MODEL_DEADLINE)
                        .fired("AwaitingModel --TimeAdvanced--> AwaitingModel"))
                .given(tick(5_000), (s, x) -> x
                        .state(s.withNow(at(5_000)))
                        .effects()
                        .wake(at(10_100), Wake.Reason.MODEL_DEADLINE)
                        .fired("AwaitingModel --TimeAdvanced--> AwaitingModel"))
                .given(replyText(4_000, e(1), "Hello!", 5, 2), (s, x) -> {
                    EventContext atNow = new EventContext(SESSION, 1, at(5_000), LABELS);
                    Outcome done = new Outcome.Completed("Hello!");
                    SessionState next = s.withPhase(new Phase.AwaitingUser()).withTurnProgress(Option.none())
                            .withTranscript(transcript(question, AssistantMessage.text("Hello!")))
                            .withSessionMeter(meter(usage(5, 2), 0, 1, 0))
                            .withUsageByModel(byModel(usage(5, 2)))
                            .withPromptEstimate(new PromptEstimate(7, 0))
                            .withLastOutcome(Option.some(done));
                    x.state(next)
                            .field("now", SessionState::now, at(5_000))
                            .effects(emit(new Event.TurnFinished(atNow, done, 1, usage(5, 2), 0)),
                                    new Effect.SaveCheckpoint(next))
                            .noWake();
                })
                .given(cancel(3_000, "too late"), (s, x) -> x
                        .state(s)
                        .effects(emit(new Event.CancelIgnored(new EventContext(SESSION, 1, at(5_000), LABELS),
                                "no turn is running: too late")))
                        .noWake()
                        .fired("AwaitingUser --CancelRequested--> AwaitingUser"));
    }

    static Scenario idleWakeUp() {
        return Scenario.named("time: a wake-up while idle changes nothing but now")
                .given(tick(1_000), (s, x) -> x
                        .state(s.withNow(at(1_000)))
                        .effects()
                        .noWake()
                        .fired("AwaitingUser --TimeAdvanced--> AwaitingUser"));
    }
}
