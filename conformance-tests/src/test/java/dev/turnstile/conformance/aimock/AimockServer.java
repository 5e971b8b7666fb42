package dev.turnstile.conformance.aimock;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One aimock process on {@code 127.0.0.1}, on a port the operating system picks ({@code --port 0}; the
 * port is read from the line aimock prints when it listens, so no other process can take it in between),
 * plus a client for its control API: fixtures are added with {@code POST /__aimock/fixtures}, the request
 * journal is read with {@code GET /__aimock/journal?testId=…}.
 *
 * <p>Inbound key checking is on ({@code AIMOCK_API_KEYS}): aimock answers 401 to any request whose
 * {@code Authorization: Bearer} or {@code x-api-key} is not one of the keys given, so a 200 proves that the
 * client sent its key's exact value (the journal itself records key headers as {@code [REDACTED]}). The
 * control API is called with {@link #CONTROL_KEY}.
 *
 * <p>Its output goes to {@code target/aimock/<name>.log}.
 */
final class AimockServer implements AutoCloseable {

    /** The key this class uses for the control API. */
    static final String CONTROL_KEY = "turnstile-aimock-control-key";

    /** Bound on start-up: port printed and {@code GET /health} answering 200. */
    private static final Duration READY_LIMIT = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);
    private static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final Process process;
    private final OutputPump output;
    private final Path fixtureDirectory;
    private final URI base;
    private final HttpClient http;
    private final Thread shutdownHook;

    private AimockServer(Process process, OutputPump output, Path fixtureDirectory, URI base, HttpClient http,
            Thread shutdownHook) {
        this.process = process;
        this.output = output;
        this.fixtureDirectory = fixtureDirectory;
        this.base = base;
        this.http = http;
        this.shutdownHook = shutdownHook;
    }

    /**
     * Starts aimock's {@code llmock} command with no fixtures and {@code flags} (e.g. {@code --chaos-ratelimit 1}),
     * accepting {@code apiKeys} besides {@link #CONTROL_KEY}, and returns once it answers {@code GET /health}.
     *
     * @throws IllegalStateException with aimock's output when it does not come up within 30 s
     */
    static AimockServer start(AimockInstall.Installed installed, String name, List<String> flags, List<String> apiKeys) {
        Path fixtures;
        Path log;
        Process process;
        try {
            fixtures = Files.createTempDirectory("turnstile-aimock-fixtures-");
            log = AimockInstall.logDirectory().resolve(name + ".log");
            List<String> command = new ArrayList<>(List.of(installed.node(), installed.cli().toString(),
                    "--host", "127.0.0.1", "--port", "0", "--fixtures", fixtures.toString(),
                    "--log-level", "debug", "--journal-max", "0"));
            command.addAll(flags);
            ProcessBuilder builder = new ProcessBuilder(command).directory(AimockInstall.folder().toFile())
                    .redirectErrorStream(true);
            builder.environment().keySet().removeIf(variable -> variable.startsWith("AIMOCK_"));
            List<String> keys = new ArrayList<>(apiKeys);
            keys.add(CONTROL_KEY);
            builder.environment().put("AIMOCK_API_KEYS", String.join(",", keys));
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start aimock", e);
        }
        Thread hook = new Thread(() -> ProcessTree.destroy(process), "aimock-" + name + "-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        OutputPump output = OutputPump.start(process, log, name);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONTROL_TIMEOUT).build();
        AimockServer server = null;
        try {
            URI base = URI.create("http://127.0.0.1:" + output.awaitPort(READY_LIMIT));
            server = new AimockServer(process, output, fixtures, base, http, hook);
            server.awaitHealthy(System.nanoTime() + READY_LIMIT.toNanos());
            System.out.println("aimock " + installed.version() + " on Node.js " + installed.nodeVersion() + " for "
                    + name + " listening on " + base + " " + flags + " (log: " + log + ")");
            return server;
        } catch (RuntimeException e) {
            String tail = output.tail();
            if (server != null) {
                server.close();
            } else {
                ProcessTree.destroy(process);
                Runtime.getRuntime().removeShutdownHook(hook);
                http.close();
            }
            throw new IllegalStateException("aimock did not come up for " + name + ": " + e.getMessage()
                    + "\n--- aimock output (" + log + ") ---\n" + tail, e);
        }
    }

    /** {@code http://127.0.0.1:<port>}. */
    String baseUrl() {
        return base.toString();
    }

    /** The base URL both model clients take: OpenAI's {@code /v1/chat/completions} and Anthropic's {@code /v1/messages} live under it. */
    String apiBaseUrl() {
        return base + "/v1";
    }

    /** Adds fixtures (at the end: first match wins, so earlier ones keep priority). */
    void addFixtures(List<Fixture> fixtures) {
        ObjectNode body = MAPPER.createObjectNode();
        ArrayNode list = body.putArray("fixtures");
        fixtures.forEach(f -> list.add(f.json()));
        JsonNode answer = control(HttpRequest.newBuilder(base.resolve("/__aimock/fixtures"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        if (answer.path("added").asInt(-1) != fixtures.size()) {
            throw new IllegalStateException("aimock did not add " + fixtures.size() + " fixtures: " + answer);
        }
    }

    /** Every request aimock recorded for a test id ({@code X-Test-Id}), oldest first. */
    List<JournalEntry> journal(String testId) {
        URI uri = base.resolve("/__aimock/journal?testId=" + URLEncoder.encode(testId, StandardCharsets.UTF_8));
        JsonNode answer = control(HttpRequest.newBuilder(uri).GET());
        List<JournalEntry> entries = new ArrayList<>();
        answer.forEach(entry -> entries.add(JournalEntry.of(entry)));
        return entries;
    }

    private JsonNode control(HttpRequest.Builder request) {
        HttpRequest built = request.header("authorization", "Bearer " + CONTROL_KEY).timeout(CONTROL_TIMEOUT).build();
        try {
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(built.method() + " " + built.uri().getPath() + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(built.method() + " " + built.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted calling aimock's control API", e);
        }
    }

    /** Polls the public {@code GET /health} every 50 ms until it answers 200. */
    private void awaitHealthy(long deadlineNanos) {
        HttpRequest health = HttpRequest.newBuilder(base.resolve("/health")).timeout(Duration.ofSeconds(2)).GET().build();
        String last = "no answer yet";
        while (System.nanoTime() < deadlineNanos) {
            if (!process.isAlive()) {
                throw new IllegalStateException("aimock exited with code " + process.exitValue());
            }
            try {
                HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = "GET /health answered " + response.statusCode();
            } catch (IOException e) {
                last = "GET /health failed: " + e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for aimock", e);
            }
            try {
                Thread.sleep(POLL_INTERVAL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for aimock", e);
            }
        }
        throw new IllegalStateException("not healthy within " + READY_LIMIT.toSeconds() + " s (" + last + ")");
    }

    /** Stops aimock and every process it started, and removes its fixture folder. */
    @Override
    public void close() {
        try {
            ProcessTree.destroy(process);
            output.awaitEnd();
            http.close();
            Files.deleteIfExists(fixtureDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down and runs the hook itself
            }
        }
    }

    /** Copies aimock's output to its log, keeps the last lines for failure messages, and spots the port. */
    private static final class OutputPump {
        private static final int TAIL_LINES = 40;

        private final CompletableFuture<Integer> port = new CompletableFuture<>();
        private final ArrayDeque<String> tail = new ArrayDeque<>();
        private final Thread thread;

        private OutputPump(Process process, Path log, String name) {
            this.thread = Thread.ofPlatform().daemon().name("aimock-" + name + "-output")
                    .unstarted(() -> pump(process, log));
        }

        static OutputPump start(Process process, Path log, String name) {
            OutputPump pump = new OutputPump(process, log, name);
            pump.thread.start();
            return pump;
        }

        private void pump(Process process, Path log) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                    Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    out.write(line);
                    out.write('\n');
                    out.flush();
                    remember(line);
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException e) {
                remember("(reading aimock's output failed: " + e + ")");
            }
            port.completeExceptionally(new IllegalStateException("aimock's output ended before it said where it listens"));
        }

        private synchronized void remember(String line) {
            if (tail.size() == TAIL_LINES) {
                tail.removeFirst();
            }
            tail.addLast(line);
        }

        synchronized String tail() {
            return String.join("\n", tail);
        }

        int awaitPort(Duration limit) {
            try {
                return port.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new IllegalStateException("no \"listening on\" line within " + limit.toSeconds() + " s", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for aimock's port", e);
            }
        }

        void awaitEnd() {
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
