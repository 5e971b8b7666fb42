package dev.turnstile.cli.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.turnstile.model.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * An OpenAI-compatible chat completions server on {@code 127.0.0.1} that answers with a
 * {@link DemoScript}: {@code POST /v1/chat/completions}, streamed as server-sent events over chunked
 * transfer encoding (or one JSON body for {@code stream: false}). The blocking runtime's real HTTP
 * model client talks to it exactly as to a hosted provider; no network and no key are involved.
 *
 * <p>For the crash demo it can <em>hold</em> the final answer: the first request for it streams a few
 * words and then waits until {@link #release()}, so a child process can be killed while that model
 * call is certainly in flight, whatever the machine's load.
 */
public final class ScriptedModelServer implements AutoCloseable {

    private static final long HOLD_LIMIT_SECONDS = 600;

    private final DemoScript script;
    private final Duration pace;
    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicBoolean holdArmed = new AtomicBoolean();
    private volatile int wordsBeforeHold;
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    private ScriptedModelServer(DemoScript script, Duration pace) throws IOException {
        this.script = script;
        this.pace = pace;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/v1/chat/completions", exchange -> {
            try (exchange) {
                handle(exchange);
            } catch (IOException e) {
                // The client went away (a killed process, a cancelled call): nothing left to answer.
            }
        });
        server.start();
    }

    /**
     * Starts a server on a free loopback port.
     *
     * @param pace the pause between streamed events, so the text visibly streams; zero for none
     */
    public static ScriptedModelServer start(DemoScript script, Duration pace) {
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(pace, "pace");
        try {
            return new ScriptedModelServer(script, pace);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the scripted model server on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    /** The base URL for a model client: {@code http://127.0.0.1:PORT/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Requests answered or being answered so far. */
    public int requests() {
        return requests.get();
    }

    /** Makes the next request for the final answer stream {@code words} words and then wait for {@link #release()}. */
    public void holdFinalAnswer(int words) {
        wordsBeforeHold = words;
        holdArmed.set(true);
    }

    /** Waits until a held request has streamed its first words; false on timeout. */
    public boolean awaitHeld(Duration timeout) throws InterruptedException {
        return held.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether a request is being held (or was). */
    public boolean isHeld() {
        return held.getCount() == 0;
    }

    /** Lets a held request go on (its client is usually gone by then). */
    public void release() {
        released.countDown();
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            send(exchange, 405, "{\"error\":{\"message\":\"use POST\",\"type\":\"invalid_request_error\"}}");
            return;
        }
        byte[] body = exchange.getRequestBody().readAllBytes();
        JsonNode request;
        try {
            request = Json.tree(new String(body, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            send(exchange, 400, "{\"error\":{\"message\":\"the body is not JSON\",\"type\":\"invalid_request_error\"}}");
            return;
        }
        requests.incrementAndGet();
        int assistantMessages = 0;
        List<String> latestResults = new ArrayList<>();
        for (JsonNode message : request.path("messages")) {
            String role = message.path("role").asString("");
            if (role.equals("assistant")) {
                assistantMessages++;
                latestResults.clear();
            } else if (role.equals("tool")) {
                latestResults.add(message.path("content").asString(""));
            }
        }
        int index = script.replyIndexFor(assistantMessages);
        ScriptedReply reply = script.replies().get(index);
        String text = reply.render(latestResults);
        String model = request.path("model").asString(script.model());
        long inputTokens = Math.max(1, body.length / 4);
        long outputTokens = Math.max(1, (text.length() + reply.toolCalls().stream()
                .mapToInt(c -> c.name().length() + c.argumentsJson().length()).sum()) / 4);
        if (!request.path("stream").asBoolean(false)) {
            send(exchange, 200, OpenAiStream.completion(model, index, text, reply.toolCalls(), inputTokens, outputTokens));
            return;
        }
        boolean hold = index == script.finalReplyIndex() && holdArmed.compareAndSet(true, false);
        stream(exchange, OpenAiStream.events(model, index, text, reply.toolCalls(), inputTokens, outputTokens), hold);
    }

    private void stream(HttpExchange exchange, List<String> events, boolean hold) throws IOException {
        exchange.getResponseHeaders().set("content-type", "text/event-stream");
        exchange.getResponseHeaders().set("cache-control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        for (int i = 0; i < events.size(); i++) {
            out.write(events.get(i).getBytes(StandardCharsets.UTF_8));
            out.flush();
            // Event 0 opens the message; events 1..n are words.
            if (hold && i == wordsBeforeHold) {
                held.countDown();
                awaitRelease();
            }
            pause();
        }
    }

    private void awaitRelease() {
        try {
            released.await(HOLD_LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pause() {
        if (pace.isZero()) {
            return;
        }
        try {
            Thread.sleep(pace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("content-type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
