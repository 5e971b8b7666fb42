package dev.turnstile.netty.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.turnstile.netty.http.OpenAiChatClient;
import dev.turnstile.netty.testing.FakeUpstream;
import dev.turnstile.netty.testing.ProviderStreams;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Cancelling over the API reaches the provider: the streaming connection is closed. */
class ServerCancelTest {

    @TempDir
    Path store;

    private FakeUpstream upstream;
    private ServerKit kit;

    @BeforeEach
    void setUp() {
        upstream = FakeUpstream.plain();
        kit = new ServerKit(store, b -> b.model(http -> OpenAiChatClient.builder().baseUrl(upstream.url("/v1"))
                .apiKey("sk-test-0123456789").httpClient(http).build()), ServerSettings.DEFAULTS);
    }

    @AfterEach
    void tearDown() {
        kit.close();
        upstream.close();
    }

    @Test
    void cancelOverTheApiClosesTheUpstreamModelStream() throws Exception {
        // The provider streams a little, then keeps the response open forever.
        upstream.then((request, out) -> out.head(200, "text/event-stream").chunk(ProviderStreams.openAiText("Once upon")));
        String id = kit.createSession(ServerKit.ALICE, "{}");
        try (SseClient events = kit.events(ServerKit.ALICE, id, null)) {
            kit.post("/v1/sessions/" + id + "/messages", ServerKit.ALICE, "{\"text\":\"Tell me a story\"}");
            SseClient.Frame delta = events.until("delta").getLast();
            assertTrue(delta.data().contains("Once upon"), delta.data());
            assertEquals(0, upstream.disconnectsSeen(), "the stream is open");

            ServerKit.Reply cancelled = kit.post("/v1/sessions/" + id + "/cancel", ServerKit.BOB, "{\"reason\":\"enough\"}");
            assertEquals(202, cancelled.status(), cancelled.body());

            upstream.nextDisconnect();
            JsonNode finished = ServerKit.JSON.readTree(events.until("turn_finished").getLast().data());
            JsonNode reason = finished.get("outcome").get("reason");
            assertEquals("cancelled", reason.get("type").asString());
            assertEquals("enough", reason.get("reason").asString());
        }
        assertEquals("awaiting_user", kit.get("/v1/sessions/" + id, ServerKit.ALICE).json().get("phase").get("type")
                .asString());
    }
}
