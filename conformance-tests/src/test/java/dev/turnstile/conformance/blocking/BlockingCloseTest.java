package dev.turnstile.conformance.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.turnstile.blocking.BlockingRuntime;
import dev.turnstile.blocking.http.OpenAiChatClient;
import dev.turnstile.conformance.provider.FakeProviderServer;
import dev.turnstile.conformance.provider.OpenAiReply;
import dev.turnstile.conformance.provider.ScriptedToolCall;
import dev.turnstile.host.Session;
import dev.turnstile.host.SessionClosedException;
import dev.turnstile.host.SessionOptions;
import dev.turnstile.host.ToolInvocation;
import dev.turnstile.host.store.FileJournal;
import dev.turnstile.host.store.JournalEntry;
import dev.turnstile.host.tools.Tools;
import dev.turnstile.machine.Input;
import dev.turnstile.machine.MachineConfig;
import dev.turnstile.machine.Outcome;
import dev.turnstile.machine.StopReason;
import dev.turnstile.model.Json;
import dev.turnstile.model.ToolResultMessage;
import dev.turnstile.replay.JournalRecords;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Closing a session while a blocking tool runs: the tool is interrupted, the transcript answered, the journal durable. */
class BlockingCloseTest {

    @Test
    void closeDuringAToolCallInterruptsItAnswersItAndFlushesTheJournal(@TempDir Path store) throws Exception {
        long seed = Observed.seed("closeDuringTool");
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<ToolInvocation> interrupted = new CompletableFuture<>();
        var slow = Tools.of("slow", "Takes forever", Json.parse("{\"type\":\"object\"}"), (args, invocation) -> {
            started.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.complete(invocation);
                throw e;
            }
            return "never";
        });
        try (FakeProviderServer server = FakeProviderServer.start()) {
            server.enqueue(OpenAiReply.toolCalls(ScriptedToolCall.of("call_s", "slow", "{}")).streamed());
            FileJournal journal = FileJournal.open(store);
            try (BlockingRuntime runtime = BlockingRuntime.builder()
                    .model(OpenAiChatClient.builder().baseUrl(server.baseUrl() + "/v1").build())
                    .tool(slow)
                    .store(journal, journal.checkpoints())
                    .build()) {
                Session session = runtime.open(SessionOptions.of("closing", MachineConfig.builder("gpt-4o-mini").build())
                        .withSeed(seed));
                long cursor = session.observations().lastCursor();
                session.send("run the slow tool").get(Observed.WAIT_SECONDS, TimeUnit.SECONDS);
                assertTrue(started.await(Observed.WAIT_SECONDS, TimeUnit.SECONDS));

                session.close().get(Observed.WAIT_SECONDS, TimeUnit.SECONDS);

                ToolInvocation seen = interrupted.get(Observed.WAIT_SECONDS, TimeUnit.SECONDS);
                assertTrue(seen.cancellation().isCancelled(), "the tool's Cancellation was not signalled");
                assertEquals(new Outcome.Stopped(new StopReason.Cancelled("session closed")),
                        session.turnFinished(cursor).get(Observed.WAIT_SECONDS, TimeUnit.SECONDS));
                ToolResultMessage answer = (ToolResultMessage) session.snapshot().transcript()
                        .filter(m -> m instanceof ToolResultMessage).single();
                assertEquals("call_s", answer.toolCallId());
                assertTrue(answer.isError(), "the open call must get a synthesized error answer: " + answer);

                List<JournalEntry> entries = journal.read("closing").entries();
                Input last = JournalRecords.decode(entries.get(entries.size() - 1).entryJson()).input();
                assertEquals("session closed", assertInstanceOf(Input.CancelRequested.class, last).reason());

                ExecutionException refused = assertThrows(ExecutionException.class,
                        () -> session.send("anyone there?").get(Observed.WAIT_SECONDS, TimeUnit.SECONDS));
                assertInstanceOf(SessionClosedException.class, refused.getCause());
                assertInstanceOf(SessionClosedException.class, assertThrows(ExecutionException.class,
                        () -> session.cancel("again").get(Observed.WAIT_SECONDS, TimeUnit.SECONDS)).getCause());
            }
            // The runtime closed the journal; what a new process reads from the files is the same.
            try (FileJournal reopened = FileJournal.open(store)) {
                List<JournalEntry> entries = reopened.read("closing").entries();
                Input last = JournalRecords.decode(entries.get(entries.size() - 1).entryJson()).input();
                assertInstanceOf(Input.CancelRequested.class, last);
            }
        }
    }
}
