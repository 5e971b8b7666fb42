package dev.turnstile.conformance.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.turnstile.blocking.BlockingRuntime;
import dev.turnstile.blocking.http.OpenAiChatClient;
import dev.turnstile.conformance.provider.FakeProviderServer;
import dev.turnstile.conformance.provider.OpenAiReply;
import dev.turnstile.conformance.provider.RecordedRequest;
import dev.turnstile.conformance.provider.RequestMatcher;
import dev.turnstile.conformance.provider.Rule;
import dev.turnstile.conformance.provider.ScriptedToolCall;
import dev.turnstile.host.Session;
import dev.turnstile.host.SessionOptions;
import dev.turnstile.host.Tool;
import dev.turnstile.host.store.FileJournal;
import dev.turnstile.host.tools.Tools;
import dev.turnstile.machine.Event;
import dev.turnstile.machine.MachineConfig;
import dev.turnstile.machine.Outcome;
import dev.turnstile.model.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Crash recovery end to end on a file store.
 *
 * <p>How the crash is simulated: while both tools of a round block, the test closes the first runtime's
 * {@link FileJournal} underneath it. From then on nothing reaches the files, exactly as when the process
 * dies: the journal holds everything made durable before (write-ahead: the step that issued the tool runs
 * is journaled before they start) and nothing after. The first runtime is then shut down (it can write
 * nothing any more; its session fails on the closed journal) and a second runtime, a new "process", opens
 * the same directory and resumes the session. The test checks the journal did not grow after the crash.
 */
class BlockingRecoveryTest {

    private static final Json ANY_OBJECT = Json.parse("{\"type\":\"object\"}");

    @Test
    void aResumedSessionReRunsIdempotentToolsAndAnswersTheOthersAsInterrupted(@TempDir Path store) throws Exception {
        long seed = Observed.seed("recovery");
        AtomicInteger charges = new AtomicInteger();
        List<String> lookupKeys = new CopyOnWriteArrayList<>();
        CountDownLatch bothRunning = new CountDownLatch(2);
        Tool charge = Tools.of("charge", "Charges a card (not idempotent)", ANY_OBJECT, args -> {
            charges.incrementAndGet();
            bothRunning.countDown();
            new CountDownLatch(1).await(); // in flight at the crash
            return "charged";
        });
        Tool lookupBeforeCrash = Tools.of("lookup", "Reads an order", ANY_OBJECT, (args, invocation) -> {
            lookupKeys.add(invocation.idempotencyKey());
            bothRunning.countDown();
            new CountDownLatch(1).await(); // in flight at the crash
            return "never";
        }).idempotent(true);

        try (FakeProviderServer server = FakeProviderServer.start()) {
            server.addRule(Rule.when(RequestMatcher.toolResultCount(0)).respond(OpenAiReply.toolCalls(
                    ScriptedToolCall.of("call_charge", "charge", "{\"cents\":500}"),
                    ScriptedToolCall.of("call_lookup", "lookup", "{\"order\":7}")).streamed()));
            server.addRule(Rule.when(RequestMatcher.toolResultCount(2))
                    .respond(OpenAiReply.text("recovered and done").streamed()));
            MachineConfig config = MachineConfig.builder("gpt-4o-mini").build();

            // First "process": runs until both tools are in flight, then crashes.
            FileJournal firstJournal = FileJournal.open(store);
            BlockingRuntime first = BlockingRuntime.builder()
                    .model(OpenAiChatClient.builder().baseUrl(server.baseUrl() + "/v1").build())
                    .tool(charge).tool(lookupBeforeCrash)
                    .store(firstJournal, firstJournal.checkpoints())
                    .build();
            Session before = first.open(SessionOptions.of("crashy", config).withSeed(seed));
            before.send("charge and look up order 7").get(Observed.WAIT_SECONDS, TimeUnit.SECONDS);
            assertTrue(bothRunning.await(Observed.WAIT_SECONDS, TimeUnit.SECONDS));
            int entriesAtCrash = firstJournal.read("crashy").entries().size();
            firstJournal.close(); // the crash: nothing reaches the store from here on
            first.close();

            // Second "process": same directory, tools registered again.
            AtomicInteger chargesAfter = new AtomicInteger();
            Tool chargeAgain = Tools.of("charge", "Charges a card (not idempotent)", ANY_OBJECT, args -> {
                chargesAfter.incrementAndGet();
                return "charged twice!";
            });
            Tool lookup = Tools.of("lookup", "Reads an order", ANY_OBJECT, (args, invocation) -> {
                lookupKeys.add(invocation.idempotencyKey());
                return "order 7: shipped";
            }).idempotent(true);
            try (BlockingRuntime second = BlockingRuntime.builder()
                    .model(OpenAiChatClient.builder().baseUrl(server.baseUrl() + "/v1").build())
                    .tool(chargeAgain).tool(lookup)
                    .store(store)
                    .build()) {
                assertEquals(List.of("crashy"), second.storedSessions().toJavaList());
                Session after = second.resume("crashy");
                Outcome outcome = after.turnFinished(0).get(Observed.WAIT_SECONDS, TimeUnit.SECONDS);

                assertEquals(new Outcome.Completed("recovered and done"), outcome);
                assertEquals(1, charges.get(), "the non-idempotent tool ran once before the crash");
                assertEquals(0, chargesAfter.get(), "the non-idempotent tool must not be re-run");
                assertEquals(2, lookupKeys.size());
                assertEquals(lookupKeys.get(0), lookupKeys.get(1), "an idempotent re-run keeps its idempotency key");

                Event.SessionRecovered recovered = Observed.event(after, 0, Event.SessionRecovered.class);
                assertEquals(1, recovered.toolRunsReissued());
                assertEquals(1, recovered.toolRunsInterrupted());

                RecordedRequest last = server.requests().get(server.requests().size() - 1);
                assertEquals(List.of("call_charge", "call_lookup"), last.toolResultIds());
                assertTrue(toolResult(last, "call_charge").contains("interrupted: outcome unknown"), last.body());
                assertEquals("order 7: shipped", toolResult(last, "call_lookup"));
                assertEquals(2, server.requests().size(), "the model call made before the crash is not repeated");
            }
            try (FileJournal reopened = FileJournal.open(store)) {
                assertTrue(reopened.read("crashy").entries().size() > entriesAtCrash);
            }
            assertEquals(entriesAtCrash, entriesWrittenByTheFirstProcess(store, entriesAtCrash));
        }
    }

    private static String toolResult(RecordedRequest request, String callId) {
        for (JsonNode message : request.json().get("messages")) {
            if (message.path("role").asString("").equals("tool") && message.path("tool_call_id").asString("").equals(callId)) {
                return message.get("content").asString();
            }
        }
        throw new AssertionError("no tool result for " + callId + " in " + request.body());
    }

    /** The first runtime appended nothing after the crash: the resumed run's first record follows it directly. */
    private static int entriesWrittenByTheFirstProcess(Path store, int entriesAtCrash) {
        try (FileJournal reopened = FileJournal.open(store)) {
            var entries = reopened.read("crashy").entries();
            var firstAfter = dev.turnstile.replay.JournalRecords.decode(entries.get(entriesAtCrash).entryJson()).input();
            assertTrue(firstAfter instanceof dev.turnstile.machine.Input.Recovered,
                    "the record after the crash point must be the resumed run's Recovered input, got " + firstAfter);
            return entriesAtCrash;
        }
    }
}
