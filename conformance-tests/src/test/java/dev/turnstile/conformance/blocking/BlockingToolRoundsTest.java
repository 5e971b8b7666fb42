package dev.turnstile.conformance.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.turnstile.blocking.BlockingRuntime;
import dev.turnstile.blocking.http.AnthropicMessagesClient;
import dev.turnstile.blocking.http.OpenAiChatClient;
import dev.turnstile.conformance.provider.AnthropicReply;
import dev.turnstile.conformance.provider.FakeProviderServer;
import dev.turnstile.conformance.provider.OpenAiReply;
import dev.turnstile.conformance.provider.RequestMatcher;
import dev.turnstile.conformance.provider.Rule;
import dev.turnstile.conformance.provider.ScriptedToolCall;
import dev.turnstile.host.Session;
import dev.turnstile.host.SessionOptions;
import dev.turnstile.host.tools.Tools;
import dev.turnstile.machine.MachineConfig;
import dev.turnstile.machine.Outcome;
import dev.turnstile.model.Json;
import dev.turnstile.model.ToolResultMessage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A multi-round tool session over real loopback HTTP, with parallel tools finishing out of order. */
class BlockingToolRoundsTest {

    private static final Json SCHEMA = Json.parse(
            "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}},\"required\":[\"name\"]}");

    @Test
    void parallelToolResultsReachTheModelInCallOrderWhateverOrderTheyFinishIn() throws Exception {
        long seed = Observed.seed("parallelToolResults");
        List<String> finished = new CopyOnWriteArrayList<>();
        CountDownLatch bDone = new CountDownLatch(1);
        CountDownLatch cDone = new CountDownLatch(1);
        var work = Tools.of("work", "Does a named piece of work", SCHEMA, args -> {
            String name = args.get("name").asString();
            switch (name) {
                case "a" -> cDone.await(); // a finishes last
                case "c" -> bDone.await(); // c finishes after b
                default -> { }
            }
            finished.add(name);
            if (name.equals("b")) {
                bDone.countDown();
            } else if (name.equals("c")) {
                cDone.countDown();
            }
            return "done " + name;
        });
        try (FakeProviderServer server = FakeProviderServer.start()) {
            server.addRule(Rule.when(RequestMatcher.toolResultCount(0)).respond(OpenAiReply.toolCalls(
                    ScriptedToolCall.of("call_a", "work", "{\"name\":\"a\"}"),
                    ScriptedToolCall.of("call_b", "work", "{\"name\":\"b\"}").inFragments(3),
                    ScriptedToolCall.of("call_c", "work", "{\"name\":\"c\"}")).streamed()));
            server.addRule(Rule.when(RequestMatcher.toolResultCount(3)).respond(OpenAiReply.toolCalls(
                    ScriptedToolCall.of("call_d", "work", "{\"name\":\"d\"}")).streamed()));
            server.addRule(Rule.when(RequestMatcher.toolResultCount(4))
                    .respond(OpenAiReply.text("all done").inDeltas(2).withUsage(30, 2).streamed()));
            try (BlockingRuntime runtime = BlockingRuntime.builder()
                    .model(OpenAiChatClient.builder().baseUrl(server.baseUrl() + "/v1").build())
                    .tool(work)
                    .build()) {
                MachineConfig config = MachineConfig.builder("gpt-4o-mini").maxParallelTools(3).build();
                Session session = runtime.open(SessionOptions.of("rounds", config).withSeed(seed));
                long cursor = session.observations().lastCursor();
                session.send("do the work").get(Observed.WAIT_SECONDS, TimeUnit.SECONDS);
                Outcome outcome = session.turnFinished(cursor).get(Observed.WAIT_SECONDS, TimeUnit.SECONDS);

                assertEquals(new Outcome.Completed("all done"), outcome);
                assertEquals(List.of("b", "c", "a", "d"), finished);
                assertEquals(3, server.requests().size());
                assertEquals(List.of("call_a", "call_b", "call_c"), server.requests().get(1).toolResultIds());
                assertEquals(List.of("call_a", "call_b", "call_c", "call_d"), server.requests().get(2).toolResultIds());
                assertEquals(List.of(
                        new ToolResultMessage("call_a", "work", "done a", false),
                        new ToolResultMessage("call_b", "work", "done b", false),
                        new ToolResultMessage("call_c", "work", "done c", false),
                        new ToolResultMessage("call_d", "work", "done d", false)),
                        session.snapshot().transcript().filter(m -> m instanceof ToolResultMessage).toJavaList());
                assertEquals(List.of(), server.unmatched());
            }
        }
    }

    @Test
    void anAnthropicToolRoundRunsTheSameWay() throws Exception {
        long seed = Observed.seed("anthropicToolRound");
        var work = Tools.of("work", "Does a named piece of work", SCHEMA, args -> "done " + args.get("name").asString());
        try (FakeProviderServer server = FakeProviderServer.start()) {
            server.addRule(Rule.when(RequestMatcher.toolResultCount(0)).respond(AnthropicReply.toolUses(
                    ScriptedToolCall.of("toolu_1", "work", "{\"name\":\"x\"}").inFragments(2),
                    ScriptedToolCall.of("toolu_2", "work", "{\"name\":\"y\"}")).streamed()));
            server.addRule(Rule.when(RequestMatcher.toolResultCount(2))
                    .respond(AnthropicReply.text("both done").inDeltas(3).streamed()));
            try (BlockingRuntime runtime = BlockingRuntime.builder()
                    .model(AnthropicMessagesClient.builder().baseUrl(server.baseUrl() + "/v1").apiKey("sk-ant-test").build())
                    .tool(work)
                    .build()) {
                Session session = runtime.open(SessionOptions.of("claude", MachineConfig.builder("claude-test").build())
                        .withSeed(seed));
                long cursor = session.observations().lastCursor();
                session.send("do x and y").get(Observed.WAIT_SECONDS, TimeUnit.SECONDS);
                assertEquals(new Outcome.Completed("both done"),
                        session.turnFinished(cursor).get(Observed.WAIT_SECONDS, TimeUnit.SECONDS));
                assertEquals(List.of("toolu_1", "toolu_2"), server.requests().get(1).toolResultIds());
                assertEquals(List.of(), server.unmatched());
                assertEquals(java.util.Optional.of("REDACTED"), server.requests().get(0).header("x-api-key"));
            }
        }
    }
}
