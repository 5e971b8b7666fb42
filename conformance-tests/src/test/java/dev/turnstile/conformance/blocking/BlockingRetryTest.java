package dev.turnstile.conformance.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.turnstile.blocking.BlockingRuntime;
import dev.turnstile.blocking.http.OpenAiChatClient;
import dev.turnstile.conformance.provider.FakeProviderServer;
import dev.turnstile.conformance.provider.OpenAiErrors;
import dev.turnstile.conformance.provider.OpenAiReply;
import dev.turnstile.conformance.provider.Response;
import dev.turnstile.host.Session;
import dev.turnstile.host.SessionOptions;
import dev.turnstile.machine.Event;
import dev.turnstile.machine.MachineConfig;
import dev.turnstile.machine.Outcome;
import dev.turnstile.machine.RetryPolicy;
import dev.turnstile.model.FailureKind;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Failed model calls over real HTTP are retried by the machine's policy until one succeeds. */
class BlockingRetryTest {

    /** Three attempts, 1 ms backoff, no jitter, retry-after honoured up to a minute: fast and exact. */
    private static final RetryPolicy FAST = new RetryPolicy(3, 1, 10, 60_000, 0);

    private record Run(Outcome outcome, List<Event> events) {}

    private static Run run(FakeProviderServer server, MachineConfig config, Duration idleTimeout, String test)
            throws Exception {
        long seed = Observed.seed(test);
        try (BlockingRuntime runtime = BlockingRuntime.builder()
                .model(OpenAiChatClient.builder().baseUrl(server.baseUrl() + "/v1").idleTimeout(idleTimeout).build())
                .build()) {
            Session session = runtime.open(SessionOptions.of("retry", config).withSeed(seed));
            long cursor = session.observations().lastCursor();
            session.send("hello").get(Observed.WAIT_SECONDS, TimeUnit.SECONDS);
            Outcome outcome = session.turnFinished(cursor).get(Observed.WAIT_SECONDS, TimeUnit.SECONDS);
            return new Run(outcome, Observed.events(Observed.all(session, cursor, 100)));
        }
    }

    private static Event.RetryScheduled onlyRetry(Run run) {
        List<Event.RetryScheduled> retries = run.events().stream().filter(e -> e instanceof Event.RetryScheduled)
                .map(e -> (Event.RetryScheduled) e).toList();
        assertEquals(1, retries.size(), "retries: " + retries);
        return retries.get(0);
    }

    private static FakeProviderServer serverFailingOnceWith(Response failure) {
        FakeProviderServer server = FakeProviderServer.start();
        server.enqueue(failure);
        server.enqueue(OpenAiReply.text("second time lucky").streamed());
        return server;
    }

    @Test
    void aRateLimitIsRetriedAfterExactlyTheServersRetryAfter() throws Exception {
        try (FakeProviderServer server = serverFailingOnceWith(OpenAiErrors.rateLimitedRetryAfterMillis(1))) {
            Run run = run(server, MachineConfig.builder("gpt-4o-mini").retry(FAST).build(), Duration.ofSeconds(10),
                    "rateLimited");
            assertEquals(new Outcome.Completed("second time lucky"), run.outcome());
            Event.RetryScheduled retry = onlyRetry(run);
            assertEquals(FailureKind.RATE_LIMITED, retry.kind());
            assertEquals(1, retry.delayMillis());
            assertEquals(2, retry.nextAttempt());
            assertEquals(2, server.requests().size());
        }
    }

    @Test
    void aModelCallPastItsDeadlineIsAbandonedDisconnectedAndRetried() throws Exception {
        try (FakeProviderServer server = serverFailingOnceWith(OpenAiReply.text("too late").streamed().hangBeforeHeaders())) {
            // The deadline must also leave the retried attempt time to finish on a loaded machine.
            MachineConfig config = MachineConfig.builder("gpt-4o-mini").retry(FAST).modelCallTimeoutMillis(1_500).build();
            Run run = run(server, config, Duration.ofSeconds(10), "modelDeadline");
            assertEquals(new Outcome.Completed("second time lucky"), run.outcome());
            assertEquals(2, onlyRetry(run).nextAttempt());
            assertTrue(server.awaitClientDisconnect(Duration.ofSeconds(Observed.WAIT_SECONDS)),
                    "the abandoned call's connection was not closed");
        }
    }

    @Test
    void aStreamThatFallsSilentFailsOnTheIdleTimeoutAndIsRetried() throws Exception {
        try (FakeProviderServer server = serverFailingOnceWith(
                OpenAiReply.text("silent after this").inDeltas(3).streamed().hangAfterChunks(2))) {
            Run run = run(server, MachineConfig.builder("gpt-4o-mini").retry(FAST).build(), Duration.ofSeconds(1),
                    "idleTimeout");
            assertEquals(new Outcome.Completed("second time lucky"), run.outcome());
            Event.RetryScheduled retry = onlyRetry(run);
            assertEquals(FailureKind.RETRYABLE, retry.kind());
            assertTrue(retry.message().contains("idle timeout"), retry.message());
            assertTrue(server.awaitClientDisconnect(Duration.ofSeconds(Observed.WAIT_SECONDS)));
        }
    }

    @Test
    void aTruncatedStreamIsRetried() throws Exception {
        try (FakeProviderServer server = serverFailingOnceWith(
                OpenAiReply.text("cut short").inDeltas(3).streamed().truncateAfterChunks(2))) {
            Run run = run(server, MachineConfig.builder("gpt-4o-mini").retry(FAST).build(), Duration.ofSeconds(10),
                    "truncated");
            assertEquals(new Outcome.Completed("second time lucky"), run.outcome());
            assertEquals(FailureKind.RETRYABLE, onlyRetry(run).kind());
        }
    }
}
