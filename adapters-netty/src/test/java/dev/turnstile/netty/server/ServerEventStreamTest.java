package dev.turnstile.netty.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.turnstile.host.Session;
import dev.turnstile.host.observe.Cursors;
import dev.turnstile.netty.testing.ScriptedModel;
import dev.turnstile.wire.StreamDelta;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Following sessions over server-sent events: exact resumption, gaps, heartbeats, limits. */
class ServerEventStreamTest {

    @TempDir
    Path store;

    private ServerKit kit;

    @AfterEach
    void tearDown() {
        if (kit != null) {
            kit.close();
        }
    }

    private static long cursorOf(String sessionId, SseClient.Frame frame) {
        return Cursors.parse(sessionId, frame.id());
    }

    @Test
    void reconnectingMidTurnWithLastEventIdMissesNothingAndRepeatsNothing() throws Exception {
        kit = new ServerKit(store);
        ScriptedModel.Held secondRound = new ScriptedModel.Held();
        kit.model.then(ScriptedModel.toolCall("call_1", "add", "{\"a\":4,\"b\":5}"), secondRound.answer());
        kit.add.close();
        String id = kit.createSession(ServerKit.ALICE, "{}");

        List<SseClient.Frame> before;
        try (SseClient first = kit.events(ServerKit.ALICE, id, null)) {
            kit.post("/v1/sessions/" + id + "/messages", ServerKit.ALICE, "{\"text\":\"4+5?\"}");
            before = first.until("tool_call_started");
        }
        // While nobody listens the tool finishes and the next model call starts.
        kit.add.open();
        Consumer<StreamDelta> deltas = secondRound.started().get(30, TimeUnit.SECONDS);

        List<SseClient.Frame> after;
        try (SseClient second = kit.events(ServerKit.ALICE, id, before.getLast().id())) {
            List<SseClient.Frame> missed = second.until("model_call_started");
            deltas.accept(new StreamDelta.TextDelta("nine"));
            secondRound.release("nine");
            after = new ArrayList<>(missed);
            after.addAll(second.until("turn_finished"));
        }

        List<SseClient.Frame> all = new ArrayList<>(before);
        all.addAll(after);
        for (int i = 0; i < all.size(); i++) {
            assertEquals(i + 1, cursorOf(id, all.get(i)), "frame " + i + " of " + all);
        }
        try (SseClient replay = kit.events(ServerKit.ALICE, id, null, "?after=0")) {
            assertEquals(all, replay.until("turn_finished"), "a client from the start sees the very same frames");
        }
    }

    @Test
    void aCursorOlderThanTheBufferGetsAGapWithASnapshot() throws Exception {
        kit = new ServerKit(store, b -> b.observationCapacity(8), ServerSettings.DEFAULTS);
        String[] pieces = new String[20];
        java.util.Arrays.fill(pieces, "la ");
        kit.model.then(ScriptedModel.text(pieces));
        String id = kit.createSession(ServerKit.ALICE, "{}");
        Session session = kit.runtime.find(id).get();
        session.send("sing").get(30, TimeUnit.SECONDS);
        session.turnFinished(0).get(30, TimeUnit.SECONDS);
        long newest = session.observations().lastCursor();

        try (SseClient events = kit.events(ServerKit.ALICE, id, Cursors.format(id, 1))) {
            SseClient.Frame gap = events.next();
            assertEquals("gap", gap.event());
            assertEquals(Cursors.format(id, newest), gap.id(), "the gap ends at the newest cursor");
            JsonNode data = ServerKit.JSON.readTree(gap.data());
            assertEquals(Cursors.format(id, 1), data.get("after").asString());
            assertEquals("completed", data.get("snapshot").get("last_outcome").get("type").asString());
            assertEquals(2, data.get("snapshot").get("transcript").size());

            session.send("again");
            SseClient.Frame next = events.next();
            assertEquals(newest + 1, cursorOf(id, next), "and the stream goes on right after it");
        }
    }

    @Test
    void idleStreamsGetHeartbeats() throws Exception {
        kit = new ServerKit(store, b -> b, ServerSettings.DEFAULTS.withHeartbeatIntervalMillis(50));
        String id = kit.createSession(ServerKit.ALICE, "{}");
        try (SseClient events = kit.events(ServerKit.ALICE, id, null)) {
            assertEquals(": keep-alive", events.nextComment());
            assertEquals(": keep-alive", events.nextComment());
        }
    }

    @Test
    void afterNowFollowsOnlyWhatComesNext() throws Exception {
        kit = new ServerKit(store);
        kit.model.then(ScriptedModel.text("one"), ScriptedModel.text("two"));
        String id = kit.createSession(ServerKit.ALICE, "{}");
        Session session = kit.runtime.find(id).get();
        session.send("first").get(30, TimeUnit.SECONDS);
        session.turnFinished(0).get(30, TimeUnit.SECONDS);
        long newest = session.observations().lastCursor();

        try (SseClient events = kit.events(ServerKit.ALICE, id, null, "?after=now")) {
            kit.post("/v1/sessions/" + id + "/messages", ServerKit.ALICE, "{\"text\":\"second\"}");
            SseClient.Frame first = events.next();
            assertEquals("turn_started", first.event());
            assertEquals(newest + 1, cursorOf(id, first));
        }
    }

    @Test
    void aCursorFromBeforeARestartGetsAGapAndTheStreamGoesOn() throws Exception {
        kit = new ServerKit(store);
        String id = kit.createSession(ServerKit.ALICE, "{}");
        try (SseClient events = kit.events(ServerKit.ALICE, id, Cursors.format(id, 999))) {
            SseClient.Frame gap = events.next();
            assertEquals("gap", gap.event());
            assertEquals(Cursors.format(id, 999), ServerKit.JSON.readTree(gap.data()).get("after").asString());
        }
    }

    @Test
    void aMalformedOrForeignCursorIsABadRequest() throws Exception {
        kit = new ServerKit(store);
        String id = kit.createSession(ServerKit.ALICE, "{}");
        try (SseClient events = kit.events(ServerKit.ALICE, id, "someone-else~3")) {
            assertEquals(400, events.status());
        }
        ServerKit.Reply reply = kit.get("/v1/sessions/" + id + "/events?after=soon", ServerKit.ALICE);
        assertEquals(400, reply.status());
        assertTrue(reply.json().get("detail").asString().contains("malformed cursor"), reply.body());
    }

    @Test
    void eachTenantHasALimitOfOpenStreams() throws Exception {
        kit = new ServerKit(store, b -> b, ServerSettings.DEFAULTS.withMaxEventStreamsPerTenant(2));
        String alices = kit.createSession(ServerKit.ALICE, "{}");
        String mallorys = kit.createSession(ServerKit.MALLORY, "{}");
        try (SseClient a = kit.events(ServerKit.ALICE, alices, null);
                SseClient b = kit.events(ServerKit.BOB, alices, null);
                SseClient m = kit.events(ServerKit.MALLORY, mallorys, null)) {
            assertEquals(200, a.status());
            assertEquals(200, b.status());
            assertEquals(200, m.status(), "another tenant has its own allowance");
            ServerKit.Reply third = kit.get("/v1/sessions/" + alices + "/events", ServerKit.ALICE);
            assertEquals(429, third.status());
            assertEquals(Problem.CONTENT_TYPE, third.contentType());
            assertTrue(third.json().get("detail").asString().contains("2 open event streams"), third.body());
        }
    }
}
