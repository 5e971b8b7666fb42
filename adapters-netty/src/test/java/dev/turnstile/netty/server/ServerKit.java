package dev.turnstile.netty.server;

import dev.turnstile.host.store.Durability;
import dev.turnstile.host.store.FileJournalOptions;
import dev.turnstile.machine.MachineConfig;
import dev.turnstile.netty.NettyRuntime;
import dev.turnstile.netty.testing.AddTool;
import dev.turnstile.netty.testing.ScriptedModel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A session server on loopback over a Netty runtime with a scripted model and the {@link AddTool},
 * and a JDK HTTP client to talk to it. Three tokens: alice and bob of tenant {@code acme}, mallory of
 * tenant {@code evil}.
 */
final class ServerKit implements AutoCloseable {

    static final String ALICE = "token-alice-0001";
    static final String BOB = "token-bob-000002";
    static final String MALLORY = "token-mallory-03";
    static final JsonMapper JSON = JsonMapper.builder().build();

    final ScriptedModel model = new ScriptedModel();
    final AddTool add = new AddTool();
    final NettyRuntime runtime;
    final SessionServer server;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** An HTTP answer. */
    record Reply(int status, HttpHeaders headers, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }

        String contentType() {
            return headers.firstValue("content-type").orElse("");
        }
    }

    ServerKit(Path store, UnaryOperator<NettyRuntime.Builder> runtimeOptions, ServerSettings settings) {
        this.runtime = runtimeOptions.apply(NettyRuntime.builder().model(model).tool(add)
                .store(store, FileJournalOptions.defaults().withDurability(Durability.NO_FSYNC))
                .eventLoopThreads(2)).build();
        this.server = SessionServer.builder()
                .runtime(runtime)
                .tokens(TokenRegistry.of(Map.of(ALICE, new Caller("acme", "alice"), BOB, new Caller("acme", "bob"),
                        MALLORY, new Caller("evil", "mallory"))))
                .sessionDefaults(MachineConfig.builder("scripted").tool(AddTool.SPEC).build())
                .settings(settings.withPort(0))
                .start();
    }

    ServerKit(Path store) {
        this(store, b -> b, ServerSettings.DEFAULTS);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    Reply call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.headers(), response.body());
    }

    Reply get(String path, String token) throws Exception {
        return call("GET", path, token, null);
    }

    Reply post(String path, String token, String body) throws Exception {
        return call("POST", path, token, body);
    }

    /** Creates a session as {@code token}; returns its id. */
    String createSession(String token, String body) throws Exception {
        Reply reply = post("/v1/sessions", token, body);
        if (reply.status() != 201) {
            throw new AssertionError("create failed: " + reply);
        }
        return reply.json().get("id").asString();
    }

    SseClient events(String token, String sessionId, String lastEventId) throws Exception {
        return SseClient.open(http, uri("/v1/sessions/" + sessionId + "/events"), token, lastEventId);
    }

    SseClient events(String token, String sessionId, String lastEventId, String query) throws Exception {
        return SseClient.open(http, uri("/v1/sessions/" + sessionId + "/events" + query), token, lastEventId);
    }

    @Override
    public void close() {
        server.close();
        runtime.close();
        http.close();
    }
}
