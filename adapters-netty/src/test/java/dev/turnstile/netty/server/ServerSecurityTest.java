package dev.turnstile.netty.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Authentication, tenant isolation, limits and error shapes. */
class ServerSecurityTest {

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

    private static void assertProblem(ServerKit.Reply reply, int status, String detailFragment) {
        assertEquals(status, reply.status(), reply.body());
        assertEquals(Problem.CONTENT_TYPE, reply.contentType());
        JsonNode problem = reply.json();
        assertEquals(status, problem.get("status").asInt());
        assertTrue(problem.get("type").asString().startsWith("https://turnstile.dev/problems/"), reply.body());
        assertTrue(problem.get("detail").asString().contains(detailFragment), reply.body());
        assertFalse(reply.body().contains("\tat ") || reply.body().contains("Exception"), "no stack traces: " + reply.body());
    }

    @Test
    void aMissingTokenIs401() throws Exception {
        ServerKit.Reply reply = kit.get("/v1/sessions", null);
        assertProblem(reply, 401, "Authorization: Bearer");
        assertEquals("Bearer realm=\"turnstile\"", reply.headers().firstValue("www-authenticate").orElse(""));
    }

    @Test
    void anInvalidTokenIs401AndNeverEchoed() throws Exception {
        ServerKit.Reply reply = kit.get("/v1/sessions", "not-a-known-token");
        assertProblem(reply, 401, "not valid");
        assertTrue(reply.headers().firstValue("www-authenticate").orElse("").contains("invalid_token"));
        assertFalse(reply.body().contains("not-a-known-token"));
        String basic = RawHttp.exchange(kit.server.port(), "GET /v1/sessions HTTP/1.1\r\nHost: x\r\n"
                + "Authorization: Basic YWxpY2U6c2VjcmV0\r\nConnection: close", new byte[0]);
        assertTrue(basic.startsWith("HTTP/1.1 401"), basic);
    }

    @Test
    void healthNeedsNoToken() throws Exception {
        ServerKit.Reply reply = kit.get("/healthz", null);
        assertEquals(200, reply.status());
        assertEquals("ok\n", reply.body());
    }

    @Test
    void anotherTenantsSessionIsIndistinguishableFromAMissingOne() throws Exception {
        String id = kit.createSession(ServerKit.ALICE, "{}");
        String missing = "s-000000000000000000000000";
        Map<String, String[]> routes = Map.of(
                "read", new String[] {"GET", "/v1/sessions/%s", null},
                "send", new String[] {"POST", "/v1/sessions/%s/messages", "{\"text\":\"hi\"}"},
                "approve", new String[] {"POST", "/v1/sessions/%s/approvals/a-1", "{\"decision\":\"approve\"}"},
                "cancel", new String[] {"POST", "/v1/sessions/%s/cancel", "{}"},
                "journal", new String[] {"GET", "/v1/sessions/%s/journal", null},
                "events", new String[] {"GET", "/v1/sessions/%s/events", null},
                "close", new String[] {"DELETE", "/v1/sessions/%s", null});
        for (var route : routes.entrySet()) {
            String[] r = route.getValue();
            ServerKit.Reply foreign = kit.call(r[0], r[1].formatted(id), ServerKit.MALLORY, r[2]);
            ServerKit.Reply absent = kit.call(r[0], r[1].formatted(missing), ServerKit.MALLORY, r[2]);
            assertProblem(foreign, 404, "no session");
            assertEquals(absent.status(), foreign.status(), route.getKey());
            assertEquals(absent.body().replace(missing, id), foreign.body(), route.getKey() + ": same answer as missing");
        }
        assertEquals(List.of(), kit.runtime.journal().read(id).entries(), "nothing reached the session");
        assertTrue(kit.runtime.find(id).isDefined(), "and it is still open");
    }

    @Test
    void aTenantCannotClaimAnotherTenantWhenCreating() throws Exception {
        ServerKit.Reply reply = kit.post("/v1/sessions", ServerKit.MALLORY, "{\"labels\":{\"tenant\":\"acme\"}}");
        assertProblem(reply, 400, "unknown field \"tenant\"");
    }

    @Test
    void anOversizedBodyIs413() throws Exception {
        String response = RawHttp.exchange(kit.server.port(), "POST /v1/sessions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + ServerKit.ALICE + "\r\nContent-Type: application/json\r\nContent-Length: " + (2 * 1024 * 1024), new byte[0]);
        assertTrue(response.startsWith("HTTP/1.1 413"), response);
        assertTrue(response.contains(Problem.CONTENT_TYPE), response);
        assertTrue(response.contains("exceeds the server's limit of 1048576 bytes"), response);
    }

    @Test
    void oversizedHeadersAre431() throws Exception {
        String response = RawHttp.exchange(kit.server.port(), "GET /v1/sessions HTTP/1.1\r\nHost: x\r\nX-Padding: "
                + "p".repeat(32 * 1024), new byte[0]);
        assertTrue(response.startsWith("HTTP/1.1 431"), response);
        assertTrue(response.contains("headers exceed"), response);
    }

    @Test
    void malformedJsonIs400WithWhereItBroke() throws Exception {
        assertProblem(kit.post("/v1/sessions", ServerKit.ALICE, "{\"model\": "), 400, "line 1, column");
        String id = kit.createSession(ServerKit.ALICE, "{}");
        assertProblem(kit.post("/v1/sessions/" + id + "/messages", ServerKit.ALICE, "{\"text\": 5}"), 400,
                "\"text\" must be a string");
        assertProblem(kit.post("/v1/sessions/" + id + "/messages", ServerKit.ALICE, "[1,2]"), 400, "must be a JSON object");
        assertProblem(kit.post("/v1/sessions/" + id + "/messages", ServerKit.ALICE, "{\"txt\":\"hi\"}"), 400,
                "unknown field \"txt\"");
        assertProblem(kit.post("/v1/sessions/" + id + "/messages", ServerKit.ALICE,
                "{\"text\":\"hi\",\"delivery\":\"later\"}"), 400, "\"next_boundary\", \"after_turn\"");
        assertProblem(kit.post("/v1/sessions", ServerKit.ALICE, "{\"tools\":[\"rm\"]}"), 400, "unknown tools: rm");
    }

    @Test
    void anUnknownRouteIs404AndAWrongMethodIs405() throws Exception {
        assertProblem(kit.get("/v1/nothing-here", ServerKit.ALICE), 404, "no route for GET /v1/nothing-here");
        assertProblem(kit.get("/v2/sessions", ServerKit.ALICE), 404, "no route");
        ServerKit.Reply wrong = kit.call("PUT", "/v1/sessions", ServerKit.ALICE, "{}");
        assertProblem(wrong, 405, "allowed: GET, POST");
        assertEquals("GET, POST", wrong.headers().firstValue("allow").orElse(""));
    }

    @Test
    void aBodyThatIsNotJsonIs415() throws Exception {
        String response = RawHttp.exchange(kit.server.port(), "POST /v1/sessions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + ServerKit.ALICE + "\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close", "hi".getBytes());
        assertTrue(response.startsWith("HTTP/1.1 415"), response);
    }
}
