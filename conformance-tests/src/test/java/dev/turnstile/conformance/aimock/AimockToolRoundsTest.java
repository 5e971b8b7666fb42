package dev.turnstile.conformance.aimock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.turnstile.conformance.aimock.Fixture.Call;
import dev.turnstile.host.Tool;
import dev.turnstile.host.tools.Tools;
import dev.turnstile.machine.Event;
import dev.turnstile.machine.MachineConfig;
import dev.turnstile.machine.Outcome;
import dev.turnstile.machine.RetryPolicy;
import dev.turnstile.model.Json;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A three-round tool session through the real {@code BlockingRuntime} and model clients against aimock, a
 * third-party mock server, in both wire formats, streamed and not; then aimock's request journal is checked
 * for exactly what Turnstile sent.
 *
 * <p>The script: round 1 asks for two tools at once, round 2 (matched by the last tool result being
 * {@code call_clock}, i.e. results in call order) asks for a third, round 3 (after {@code call_convert})
 * answers. The first tool finishes last, so call order is not completion order.
 */
class AimockToolRoundsTest {

    @RegisterExtension
    static final AimockExtension AIMOCK = AimockExtension.plain();

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final String SYSTEM = "Answer in one sentence.";
    private static final String QUESTION = "What should I wear in Paris at noon?";
    private static final String ANSWER = "21 °C (69.8 °F) and sunny at noon: a light jacket will do.";

    private static final Json WEATHER_SCHEMA = Json.parse("""
            {"type":"object","properties":{"city":{"type":"string","description":"city name"},\
            "unit":{"type":"string","enum":["C","F"]}},"required":["city"],"additionalProperties":false}""");
    private static final Json CLOCK_SCHEMA = Json.parse("""
            {"type":"object","properties":{"zone":{"type":"string","minLength":1}},"required":["zone"]}""");
    private static final Json CONVERT_SCHEMA = Json.parse("""
            {"type":"object","properties":{"celsius":{"type":"number"}},"required":["celsius"]}""");

    private static final Call WEATHER = new Call("call_weather", "get_weather", "{\"city\":\"Paris\",\"unit\":\"C\"}");
    private static final Call CLOCK = new Call("call_clock", "local_time", "{\"zone\":\"Europe/Paris\"}");
    private static final Call CONVERT = new Call("call_convert", "to_fahrenheit", "{\"celsius\":21}");

    static Stream<Arguments> providersAndStreaming() {
        return Stream.of(Provider.values()).flatMap(p -> Stream.of(Arguments.of(p, true), Arguments.of(p, false)));
    }

    @ParameterizedTest(name = "{0}, streamed: {1}")
    @MethodSource("providersAndStreaming")
    void aThreeRoundToolSessionCompletesAndSendsResultsInCallOrder(Provider provider, boolean streaming) throws Exception {
        String testId = "toolRounds-" + provider + (streaming ? "-streamed" : "-whole");
        AIMOCK.server().addFixtures(List.of(
                Fixture.forTest(testId).userMessage(QUESTION).beforeAnyToolResult().replyToolCalls(List.of(WEATHER, CLOCK)),
                Fixture.forTest(testId).afterToolResult(CLOCK.id()).replyToolCalls(List.of(CONVERT)),
                Fixture.forTest(testId).afterToolResult(CONVERT.id()).replyText(ANSWER)));
        CountDownLatch clockDone = new CountDownLatch(1);
        List<Tool> tools = List.of(
                Tools.of("get_weather", "Current weather in a city", WEATHER_SCHEMA, args -> {
                    // Finishes after local_time, although asked for first.
                    if (!clockDone.await(Turns.WAIT_SECONDS, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("local_time never finished");
                    }
                    return "21 C, sunny";
                }),
                Tools.of("local_time", "Local time in a time zone", CLOCK_SCHEMA, args -> {
                    clockDone.countDown();
                    return "12:00";
                }),
                Tools.of("to_fahrenheit", "Converts °C to °F", CONVERT_SCHEMA,
                        args -> String.format(Locale.ROOT, "%.1f", args.get("celsius").asDouble() * 9 / 5 + 32)));
        MachineConfig config = MachineConfig.builder(provider.model).systemPrompt(SYSTEM).tools(Tools.specs(tools))
                .retry(new RetryPolicy(1, 1, 1, 0, 0)) // any failure ends the turn at once, visibly
                .build();

        Turns.Run run = Turns.run(testId, provider.client(AIMOCK.server(), testId, streaming), tools, config, QUESTION);

        assertEquals(new Outcome.Completed(ANSWER), run.outcome());
        assertEquals(List.of(3), run.events(Event.TurnFinished.class).stream().map(Event.TurnFinished::rounds).toList());
        if (streaming) {
            Event.ModelCallStarted last = run.events(Event.ModelCallStarted.class).getLast();
            assertEquals(ANSWER, run.liveText(last.effectId()), "live text deltas of the last call");
        }
        List<JournalEntry> journal = AIMOCK.server().journal(testId);
        assertEquals(3, journal.size(), "requests aimock received: " + journal);
        ArrayNode transcript = MAPPER.createArrayNode();
        transcript.add(message("system", SYSTEM)).add(message("user", QUESTION));
        checkRequest(provider, streaming, journal.get(0), transcript);
        transcript.add(assistantCalling(provider, WEATHER, CLOCK))
                .add(toolResult(WEATHER, "21 C, sunny")).add(toolResult(CLOCK, "12:00"));
        checkRequest(provider, streaming, journal.get(1), transcript);
        transcript.add(assistantCalling(provider, CONVERT)).add(toolResult(CONVERT, "69.8"));
        checkRequest(provider, streaming, journal.get(2), transcript);
    }

    /** One request as aimock recorded it: route, answer, key header, model, stream flag, tools, whole transcript. */
    private static void checkRequest(Provider provider, boolean streaming, JournalEntry request, ArrayNode transcript) {
        assertEquals("POST " + provider.path + " 200", request.method() + " " + request.path() + " " + request.status());
        // aimock checked the value against AIMOCK_API_KEYS (a 200 proves it) and records only that it was there.
        assertEquals(Optional.of("[REDACTED]"), request.header(provider.keyHeader), "key header");
        String otherKeyHeader = provider == Provider.OPENAI ? "x-api-key" : "authorization";
        assertEquals(Optional.empty(), request.header(otherKeyHeader), "the key goes in one header only");
        assertEquals(Optional.of(streaming ? "text/event-stream" : "application/json"), request.header("accept"));
        JsonNode body = request.body();
        assertEquals(provider.model, body.path("model").asString());
        assertEquals(streaming, body.path("stream").asBoolean(!streaming), "stream flag");
        if (provider == Provider.OPENAI) {
            assertEquals(streaming, body.path("stream_options").path("include_usage").asBoolean(false));
            assertEquals("auto", body.path("tool_choice").asString());
        } else {
            assertEquals(Optional.of("2023-06-01"), request.header("anthropic-version"));
            assertEquals(4096, body.path("max_tokens").asInt(), "Anthropic requires max_tokens; Turnstile's default");
        }
        assertEquals(expectedTools(), body.path("tools"), "tools with their JSON schemas");
        assertEquals(transcript, body.path("messages"), "messages");
    }

    /** Both formats end up in chat completions' tool shape: OpenAI's as sent, Anthropic's as aimock translates it. */
    private static ArrayNode expectedTools() {
        ArrayNode tools = MAPPER.createArrayNode();
        tools.add(tool("get_weather", "Current weather in a city", WEATHER_SCHEMA));
        tools.add(tool("local_time", "Local time in a time zone", CLOCK_SCHEMA));
        tools.add(tool("to_fahrenheit", "Converts °C to °F", CONVERT_SCHEMA));
        return tools;
    }

    private static ObjectNode tool(String name, String description, Json schema) {
        ObjectNode tool = MAPPER.createObjectNode().put("type", "function");
        tool.putObject("function").put("name", name).put("description", description).set("parameters", schema.toTree());
        return tool;
    }

    private static ObjectNode message(String role, String content) {
        return MAPPER.createObjectNode().put("role", role).put("content", content);
    }

    /**
     * An assistant message that only calls tools. OpenAI's shape has no {@code content} (as Turnstile sends
     * it); aimock's translation of an Anthropic message sets {@code content: null}.
     */
    private static ObjectNode assistantCalling(Provider provider, Call... calls) {
        ObjectNode message = MAPPER.createObjectNode().put("role", "assistant");
        if (provider == Provider.ANTHROPIC) {
            message.putNull("content");
        }
        ArrayNode toolCalls = message.putArray("tool_calls");
        for (Call call : calls) {
            ObjectNode c = toolCalls.addObject().put("id", call.id()).put("type", "function");
            c.putObject("function").put("name", call.name()).put("arguments", call.argumentsJson());
        }
        return message;
    }

    private static ObjectNode toolResult(Call call, String content) {
        return MAPPER.createObjectNode().put("role", "tool").put("tool_call_id", call.id()).put("content", content);
    }
}
