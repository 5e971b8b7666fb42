package dev.turnstile.conformance.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.turnstile.blocking.BlockingRuntime;
import dev.turnstile.blocking.http.OpenAiChatClient;
import dev.turnstile.conformance.provider.ClientDisconnect;
import dev.turnstile.conformance.provider.FakeProviderServer;
import dev.turnstile.conformance.provider.OpenAiReply;
import dev.turnstile.host.Session;
import dev.turnstile.host.SessionOptions;
import dev.turnstile.host.observe.Observation;
import dev.turnstile.machine.MachineConfig;
import dev.turnstile.machine.Outcome;
import dev.turnstile.machine.StopReason;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Cancelling a turn while the model streams closes the HTTP connection: the provider sees the client leave. */
class BlockingCancellationTest {

    @Test
    void cancelMidStreamEndsTheTurnAndTheServerSeesTheDisconnect() throws Exception {
        long seed = Observed.seed("cancelMidStream");
        try (FakeProviderServer server = FakeProviderServer.start()) {
            // Role chunk and two text deltas, then the server hangs until the client goes away.
            server.enqueue(OpenAiReply.text("never finished").inDeltas(4).streamed().hangAfterChunks(3));
            try (BlockingRuntime runtime = BlockingRuntime.builder()
                    .model(OpenAiChatClient.builder().baseUrl(server.baseUrl() + "/v1").build()).build()) {
                Session session = runtime.open(SessionOptions.of("cancel", MachineConfig.builder("gpt-4o-mini").build())
                        .withSeed(seed));
                long cursor = session.observations().lastCursor();
                session.send("talk slowly").get(Observed.WAIT_SECONDS, TimeUnit.SECONDS);
                Observed.first(session, cursor, o -> o instanceof Observation.DeltaObserved)
                        .get(Observed.WAIT_SECONDS, TimeUnit.SECONDS);

                session.cancel("user pressed stop").get(Observed.WAIT_SECONDS, TimeUnit.SECONDS);

                assertEquals(new Outcome.Stopped(new StopReason.Cancelled("user pressed stop")),
                        session.turnFinished(cursor).get(Observed.WAIT_SECONDS, TimeUnit.SECONDS));
                assertTrue(server.awaitClientDisconnect(Duration.ofSeconds(Observed.WAIT_SECONDS)),
                        "the provider never saw the client disconnect");
                ClientDisconnect disconnect = server.clientDisconnects().get(0);
                assertTrue(disconnect.whileHanging());
                assertEquals(3, disconnect.chunksSent());
            }
        }
    }
}
