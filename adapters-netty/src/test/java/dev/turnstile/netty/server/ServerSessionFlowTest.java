package dev.turnstile.netty.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.turnstile.host.observe.Cursors;
import dev.turnstile.machine.SessionState;
import dev.turnstile.netty.testing.ScriptedModel;
import dev.turnstile.replay.ReplayReport;
import dev.turnstile.replay.Replayer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Sessions driven over the HTTP API while an SSE client follows them. */
class ServerSessionFlowTest {

    @TempDir
    Path store;

    private ServerKit kit;

    @BeforeEach
    void setUp() {
        kit = new ServerKit(store);
    }

    @AfterEach
    void tearDown() {
        kit.close();
    }

    private static List<String> eventTypes(List<SseClient.Frame> frames) {
        return frames.stream().map(SseClient.Frame::event).filter(e -> !e.equals("delta")).toList();
    }

    @Test
    void aToolSessionDrivenOverTheApiWhileAnSseClientFollowsIt() throws Exception {
        kit.model.then(ScriptedModel.toolCall("call_1", "add", "{\"a\":2,\"b\":3}"), ScriptedModel.text("The sum ", "is 5"));
        String id = kit.createSession(ServerKit.ALICE, "{\"labels\":{\"correlation_id\":\"c-1\"}}");

        try (SseClient events = kit.events(ServerKit.ALICE, id, null)) {
            assertEquals(200, events.status());
            assertTrue(events.contentType().startsWith("text/event-stream"), events.contentType());
            ServerKit.Reply sent = kit.post("/v1/sessions/" + id + "/messages", ServerKit.ALICE, "{\"text\":\"What is 2+3?\"}");
            assertEquals(202, sent.status(), sent.body());
            assertEquals(1, sent.json().get("sequence").asLong());

            List<SseClient.Frame> frames = events.until("turn_finished");

            assertEquals(List.of("turn_started", "model_call_started", "tool_call_started", "tool_call_finished",
                    "model_call_started", "turn_finished"), eventTypes(frames));
            for (int i = 0; i < frames.size(); i++) {
                assertEquals(Cursors.format(id, i + 1), frames.get(i).id(), "cursors are the SSE ids, in order");
            }
            List<String> text = frames.stream().filter(f -> f.event().equals("delta"))
                    .map(f -> ServerKit.JSON.readTree(f.data())).filter(d -> d.get("type").asString().equals("text_delta"))
                    .map(d -> d.get("text").asString()).toList();
            assertEquals(List.of("The sum ", "is 5"), text);
            assertTrue(frames.getLast().data().contains("\"text\":\"The sum is 5\""), frames.getLast().data());
        }

        JsonNode snapshot = kit.get("/v1/sessions/" + id, ServerKit.ALICE).json();
        assertEquals("awaiting_user", snapshot.get("phase").get("type").asString());
        assertEquals(4, snapshot.get("transcript").size(), "user, assistant with a call, tool result, assistant");
        assertEquals("completed", snapshot.get("last_outcome").get("type").asString());
        assertEquals(2, snapshot.get("usage").get("rounds").asInt());
        assertEquals(1, snapshot.get("usage").get("tool_runs").asInt());
        assertEquals("acme", snapshot.get("labels").get("tenant").asString());
        assertEquals("alice", snapshot.get("labels").get("principal").asString());
        assertEquals("c-1", snapshot.get("labels").get("correlation_id").asString());

        assertEquals(List.of(id), ids(kit.get("/v1/sessions", ServerKit.BOB).json()), "same tenant sees it");
        assertEquals(List.of(), ids(kit.get("/v1/sessions", ServerKit.MALLORY).json()), "another tenant does not");
    }

    private static List<String> ids(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.get("sessions").forEach(s -> out.add(s.get("id").asString()));
        return out;
    }

    @Test
    void aToolCallWaitsForApprovalGivenOverTheApi() throws Exception {
        kit.model.then(ScriptedModel.toolCall("call_1", "add", "{\"a\":1,\"b\":1}"), ScriptedModel.text("two"));
        String id = kit.createSession(ServerKit.ALICE, "{\"approval_required\":[\"add\"]}");
        try (SseClient events = kit.events(ServerKit.ALICE, id, null)) {
            kit.post("/v1/sessions/" + id + "/messages", ServerKit.ALICE, "{\"text\":\"1+1?\"}");
            SseClient.Frame requested = events.until("approval_requested").getLast();
            String approvalId = ServerKit.JSON.readTree(requested.data()).get("approval_id").asString();

            JsonNode pending = kit.get("/v1/sessions/" + id, ServerKit.ALICE).json().get("pending_approvals");
            assertEquals(1, pending.size());
            assertEquals(approvalId, pending.get(0).get("approval_id").asString());
            assertEquals("add", pending.get(0).get("tool_name").asString());
            assertEquals(0, kit.add.threads().size(), "nothing runs before the decision");

            ServerKit.Reply decided = kit.post("/v1/sessions/" + id + "/approvals/" + approvalId, ServerKit.BOB,
                    "{\"decision\":\"approve\",\"reason\":\"fine\"}");
            assertEquals(202, decided.status(), decided.body());

            List<SseClient.Frame> rest = events.until("turn_finished");
            JsonNode resolved = ServerKit.JSON.readTree(rest.stream().filter(f -> f.event().equals("approval_resolved"))
                    .findFirst().orElseThrow().data());
            assertEquals("approve", resolved.get("decision").asString());
            assertEquals("bob", resolved.get("principal").asString(), "the deciding principal comes from the token");
            assertTrue(rest.getLast().data().contains("\"text\":\"two\""));
        }
        assertEquals(1, kit.add.threads().size());
        ServerKit.Reply again = kit.post("/v1/sessions/" + id + "/approvals/anything", ServerKit.ALICE,
                "{\"decision\":\"deny\"}");
        assertEquals(409, again.status());
        assertTrue(again.body().contains("not waiting for a decision"), again.body());
    }

    @Test
    void theJournalDownloadReplaysToTheLiveState() throws Exception {
        kit.model.then(ScriptedModel.toolCall("call_1", "add", "{\"a\":20,\"b\":22}"), ScriptedModel.text("42"));
        String id = kit.createSession(ServerKit.ALICE, "{}");
        try (SseClient events = kit.events(ServerKit.ALICE, id, null)) {
            kit.post("/v1/sessions/" + id + "/messages", ServerKit.ALICE, "{\"text\":\"20+22?\"}");
            events.until("turn_finished");
        }

        ServerKit.Reply journal = kit.get("/v1/sessions/" + id + "/journal", ServerKit.ALICE);

        assertEquals(200, journal.status());
        assertEquals("application/x-ndjson", journal.contentType());
        List<String> lines = journal.body().lines().toList();
        JsonNode first = ServerKit.JSON.readTree(lines.getFirst());
        assertEquals(id, first.get("session").asString());
        List<String> records = lines.subList(1, lines.size()).stream()
                .map(line -> ServerKit.JSON.readTree(line).get("entry").toString()).toList();
        ReplayReport report = Replayer.replay(first.get("header").toString(), records);
        ReplayReport.Verified verified = assertInstanceOf(ReplayReport.Verified.class, report);
        SessionState live = kit.runtime.find(id).get().snapshot();
        assertEquals(live, verified.state(), "the download replays to exactly the live state");
    }

    @Test
    void deleteClosesTheSessionAndItIsGone() throws Exception {
        String id = kit.createSession(ServerKit.ALICE, "{}");

        assertEquals(204, kit.call("DELETE", "/v1/sessions/" + id, ServerKit.ALICE, null).status());

        assertEquals(404, kit.get("/v1/sessions/" + id, ServerKit.ALICE).status());
        assertEquals(404, kit.call("DELETE", "/v1/sessions/" + id, ServerKit.ALICE, null).status());
        assertTrue(kit.runtime.openSessions().isEmpty());
        assertTrue(kit.runtime.storedSessions().isEmpty(), "archived: no longer a live stored session");
    }

    @Test
    void sessionsSurviveAServerRestartAndStayTheirTenants() throws Exception {
        kit.model.then(ScriptedModel.text("before"));
        String id = kit.createSession(ServerKit.ALICE, "{}");
        try (SseClient events = kit.events(ServerKit.ALICE, id, null)) {
            kit.post("/v1/sessions/" + id + "/messages", ServerKit.ALICE, "{\"text\":\"hi\"}");
            events.until("turn_finished");
        }
        kit.close();
        kit = new ServerKit(store);

        assertEquals(404, kit.get("/v1/sessions/" + id, ServerKit.MALLORY).status(), "no resume for another tenant");
        assertTrue(kit.runtime.openSessions().isEmpty());
        JsonNode snapshot = kit.get("/v1/sessions/" + id, ServerKit.ALICE).json();
        assertEquals(2, snapshot.get("transcript").size(), "resumed from the store on the owner's request");
        assertEquals(List.of(id), kit.runtime.openSessions().toJavaList());
    }
}
