package dev.turnstile.conformance.aimock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.turnstile.conformance.aimock.Fixture.Call;
import dev.turnstile.host.Tool;
import dev.turnstile.host.tools.Tools;
import dev.turnstile.machine.Event;
import dev.turnstile.machine.MachineConfig;
import dev.turnstile.machine.Outcome;
import dev.turnstile.machine.RetryPolicy;
import dev.turnstile.machine.StopReason;
import dev.turnstile.model.AssistantMessage;
import dev.turnstile.model.Json;
import dev.turnstile.model.ToolCall;
import dev.turnstile.model.Usage;
import dev.turnstile.host.observe.Observation;
import dev.turnstile.wire.StreamDelta;
import io.vavr.collection.Vector;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Reply shapes aimock produces in both formats, as Turnstile reads them: text and tool calls in one reply,
 * reported token usage, a reply cut by the output limit, reasoning, and a context-window error.
 */
class AimockReplyShapesTest {

    @RegisterExtension
    static final AimockExtension AIMOCK = AimockExtension.plain();

    /** One attempt: any failure ends the turn at once, visibly. */
    private static final RetryPolicy ONE_ATTEMPT = new RetryPolicy(1, 1, 1, 0, 0);

    static Stream<Arguments> providersAndStreaming() {
        return Stream.of(Provider.values()).flatMap(p -> Stream.of(Arguments.of(p, true), Arguments.of(p, false)));
    }

    @ParameterizedTest(name = "{0}, streamed: {1}")
    @MethodSource("providersAndStreaming")
    void textBesideToolCallsIsKeptAndReportedUsageIsSummedOverTheTurn(Provider provider, boolean streaming)
            throws Exception {
        String testId = "textAndTools-" + provider + (streaming ? "-streamed" : "-whole");
        Call lookup = new Call("call_lookup", "lookup", "{\"key\":\"door\"}");
        AIMOCK.server().addFixtures(List.of(
                Fixture.forTest(testId).userMessage("Where is the key?").beforeAnyToolResult()
                        .replyText("Let me check.").replyToolCalls(List.of(lookup)).usage(40, 8),
                Fixture.forTest(testId).afterToolResult(lookup.id()).replyText("Under the mat.").usage(60, 4)));
        List<Tool> tools = List.of(Tools.of("lookup", "Finds where a thing is",
                Json.parse("{\"type\":\"object\",\"properties\":{\"key\":{\"type\":\"string\"}}}"), args -> "mat"));
        MachineConfig config = MachineConfig.builder(provider.model).retry(ONE_ATTEMPT).build();

        Turns.Run run = Turns.run(testId, provider.client(AIMOCK.server(), testId, streaming), tools, config,
                "Where is the key?");

        assertEquals(new Outcome.Completed("Under the mat."), run.outcome());
        assertEquals(List.of(Usage.of(100, 12)),
                run.events(Event.TurnFinished.class).stream().map(Event.TurnFinished::turnUsage).toList(),
                "usage of both calls, as aimock reported it");
        AssistantMessage first = new AssistantMessage("Let me check.",
                Vector.of(new ToolCall(lookup.id(), lookup.name(), lookup.argumentsJson())));
        assertEquals(first, run.state().transcript().get(1));
        JsonNode resent = AIMOCK.server().journal(testId).get(1).body().path("messages").get(1);
        assertEquals("Let me check.", resent.path("content").asString(), "the text goes back with the calls: " + resent);
        assertEquals(lookup.id(), resent.path("tool_calls").get(0).path("id").asString());
    }

    @ParameterizedTest(name = "{0}, streamed: {1}")
    @MethodSource("providersAndStreaming")
    void aReplyCutByTheOutputLimitStopsTheTurnAsIncompleteKeepingItsText(Provider provider, boolean streaming)
            throws Exception {
        String testId = "length-" + provider + (streaming ? "-streamed" : "-whole");
        AIMOCK.server().addFixtures(List.of(Fixture.forTest(testId).userMessage("Tell me everything")
                .replyText("Everything started when").finishReason("length")));
        MachineConfig config = MachineConfig.builder(provider.model).retry(ONE_ATTEMPT).maxOutputTokens(5).build();

        Turns.Run run = Turns.run(testId, provider.client(AIMOCK.server(), testId, streaming), List.of(), config,
                "Tell me everything");

        assertEquals(new Outcome.Stopped(new StopReason.Incomplete("Everything started when")), run.outcome());
        JsonNode body = AIMOCK.server().journal(testId).getFirst().body();
        assertEquals(5, body.path("max_tokens").asInt(), "the output limit was sent: " + body);
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void reasoningIsObservedLiveButIsNotPartOfTheAnswer(Provider provider) throws Exception {
        String testId = "reasoning-" + provider;
        AIMOCK.server().addFixtures(List.of(Fixture.forTest(testId).userMessage("Think first")
                .reasoning("Let me think step by step.").replyText("Forty-two.")));
        MachineConfig config = MachineConfig.builder(provider.model).retry(ONE_ATTEMPT).build();

        Turns.Run run = Turns.run(testId, provider.client(AIMOCK.server(), testId, true), List.of(), config, "Think first");

        assertEquals(new Outcome.Completed("Forty-two."), run.outcome());
        assertEquals(AssistantMessage.text("Forty-two."), run.state().transcript().last());
        String reasoning = run.observations().stream()
                .filter(o -> o instanceof Observation.DeltaObserved d && d.delta() instanceof StreamDelta.ReasoningDelta)
                .map(o -> ((StreamDelta.ReasoningDelta) ((Observation.DeltaObserved) o).delta()).text())
                .collect(Collectors.joining());
        assertEquals("Let me think step by step.", reasoning);
    }

    static Stream<Arguments> contextOverflowErrors() {
        return Stream.of(
                Arguments.of(Provider.OPENAI, "invalid_request_error", "context_length_exceeded",
                        "This model's maximum context length is 8192 tokens. However, your messages resulted in 9001 tokens."),
                Arguments.of(Provider.ANTHROPIC, "invalid_request_error", "invalid_request_error",
                        "prompt is too long: 210000 tokens > 200000 maximum"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contextOverflowErrors")
    void aContextWindowErrorStopsTheTurnAsContextOverflowWithoutRetrying(Provider provider, String type, String code,
            String message) throws Exception {
        String testId = "overflow-" + provider;
        AIMOCK.server().addFixtures(List.of(
                Fixture.forTest(testId).userMessage("A very long prompt").replyError(400, type, code, message)));
        MachineConfig config = MachineConfig.builder(provider.model).retry(new RetryPolicy(3, 1, 10, 2_000, 0)).build();

        Turns.Run run = Turns.run(testId, provider.client(AIMOCK.server(), testId, true), List.of(), config,
                "A very long prompt");

        StopReason reason = ((Outcome.Stopped) run.outcome()).reason();
        assertEquals(StopReason.ContextOverflow.class, reason.getClass(), reason.toString());
        assertEquals(List.of(), run.retries());
        assertEquals(List.of(400), AIMOCK.server().journal(testId).stream().map(JournalEntry::status).toList());
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void anAnswerStreamedOneCodeUnitAtATimeArrivesWholeEvenInsideAnEmoji(Provider provider) throws Exception {
        String testId = "surrogates-" + provider;
        String answer = "Sun \u2600\ufe0f, then \ud83c\udf24 by noon!";
        AIMOCK.server().addFixtures(List.of(Fixture.forTest(testId).userMessage("Forecast?").replyText(answer).chunkSize(1)));
        MachineConfig config = MachineConfig.builder(provider.model).retry(ONE_ATTEMPT).build();

        Turns.Run run = Turns.run(testId, provider.client(AIMOCK.server(), testId, true), List.of(), config, "Forecast?");

        assertEquals(new Outcome.Completed(answer), run.outcome());
        assertEquals(answer, run.liveText(run.events(Event.ModelCallStarted.class).getFirst().effectId()));
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void aToolCallStreamedBeforeItsTextIsAssembledIntoOneMessage(Provider provider) throws Exception {
        String testId = "toolFirst-" + provider;
        Call lookup = new Call("call_first", "lookup", "{\"key\":\"car\"}");
        AIMOCK.server().addFixtures(List.of(
                Fixture.forTest(testId).userMessage("Where is the car?").beforeAnyToolResult()
                        .replyToolCallThenText(lookup, "Looking it up."),
                Fixture.forTest(testId).afterToolResult(lookup.id()).replyText("In the garage.")));
        List<Tool> tools = List.of(Tools.of("lookup", "Finds where a thing is",
                Json.parse("{\"type\":\"object\",\"properties\":{\"key\":{\"type\":\"string\"}}}"), args -> "garage"));
        MachineConfig config = MachineConfig.builder(provider.model).retry(ONE_ATTEMPT).build();

        Turns.Run run = Turns.run(testId, provider.client(AIMOCK.server(), testId, true), tools, config,
                "Where is the car?");

        assertEquals(new Outcome.Completed("In the garage."), run.outcome());
        assertEquals(new AssistantMessage("Looking it up.",
                Vector.of(new ToolCall(lookup.id(), lookup.name(), lookup.argumentsJson()))), run.state().transcript().get(1));
    }
}
