package dev.turnstile.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.turnstile.cli.Cli;
import dev.turnstile.cli.Console;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code turnstile serve}: the Netty session server starts on loopback, authenticates, and stops on request. */
class ServeCommandTest {

    private static final long BOUND_SECONDS = 120;

    @TempDir
    Path temp;

    /** Stdout that completes {@code ready} once the start-up banner is complete. */
    private static final class Banner extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final CompletableFuture<String> ready = new CompletableFuture<>();

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
            check();
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
            check();
        }

        private void check() {
            String text = bytes.toString(StandardCharsets.UTF_8);
            if (text.contains("Ctrl-C stops the server.")) {
                ready.complete(text);
            }
        }
    }

    @Test
    void servesOnLoopbackWithBearerTokensUntilStopped() throws Exception {
        Path tokens = Files.writeString(temp.resolve("tokens.json"),
                "{\"tokens\":[{\"token\":\"test-token-123\",\"tenant\":\"acme\",\"principal\":\"ada\"}]}");
        Banner banner = new Banner();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Console console = new Console(new PrintStream(banner, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new BufferedReader(new StringReader("")),
                Map.<String, String>of()::get, temp, new CompletableFuture<>());
        CompletableFuture<Integer> status = dev.turnstile.cli.TestConsole.background(() -> Cli.run(List.of("serve", "--port", "0",
                "--tokens", tokens.toString(), "--store", temp.resolve("store").toString()), console));
        String text = banner.ready.get(BOUND_SECONDS, TimeUnit.SECONDS);
        Matcher m = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)").matcher(text);
        assertTrue(m.find(), text);
        String base = m.group(1);
        assertTrue(text.contains("  model    the demo's scripted model at http://127.0.0.1:"), text);
        assertTrue(text.contains("Bearer $TOKEN"), text);
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/sessions")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, anonymous.statusCode());
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/sessions"))
                    .header("Authorization", "Bearer test-token-123").header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode(), created.body());
            HttpResponse<String> listed = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/sessions"))
                    .header("Authorization", "Bearer test-token-123").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, listed.statusCode());
            assertTrue(listed.body().contains("\"sessions\""), listed.body());
            String id = dev.turnstile.model.Json.tree(created.body()).path("id").asString();
            Path download = temp.resolve("download.jsonl");
            HttpResponse<Path> journal = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/sessions/" + id
                    + "/journal")).header("Authorization", "Bearer test-token-123").build(),
                    HttpResponse.BodyHandlers.ofFile(download));
            assertEquals(200, journal.statusCode());
            dev.turnstile.cli.TestConsole replay = dev.turnstile.cli.TestConsole.in(temp);
            assertEquals(0, replay.run("replay", download.toString()), replay.err());
            assertTrue(replay.out().startsWith("verified 0 records (session " + id), replay.out());
        }
        console.stop().complete(null);
        assertEquals(0, status.get(BOUND_SECONDS, TimeUnit.SECONDS), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void withoutATokenFileAFreshTokenIsPrinted() throws Exception {
        Banner banner = new Banner();
        Console console = new Console(new PrintStream(banner, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new BufferedReader(new StringReader("")), Map.of("USER", "ada")::get, temp, new CompletableFuture<>());
        CompletableFuture<Integer> status = dev.turnstile.cli.TestConsole.background(() -> Cli.run(List.of("serve", "--port", "0",
                "--store", temp.resolve("store").toString()), console));
        String text = banner.ready.get(BOUND_SECONDS, TimeUnit.SECONDS);
        Matcher token = Pattern.compile("  token    ([0-9a-f]{48})  \\(tenant local, principal ada;").matcher(text);
        assertTrue(token.find(), text);
        Matcher m = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)").matcher(text);
        assertTrue(m.find(), text);
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> listed = http.send(HttpRequest.newBuilder(URI.create(m.group(1) + "/v1/sessions"))
                    .header("Authorization", "Bearer " + token.group(1)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, listed.statusCode(), listed.body());
        }
        console.stop().complete(null);
        assertEquals(0, status.get(BOUND_SECONDS, TimeUnit.SECONDS));
    }

    @Test
    void aBadTokenFileIsAnIoError() throws Exception {
        Path tokens = Files.writeString(temp.resolve("tokens.json"), "{\"tokens\":[{\"token\":\"short\"}]}");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Console console = new Console(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true,
                StandardCharsets.UTF_8), new BufferedReader(new StringReader("")), Map.<String, String>of()::get, temp,
                new CompletableFuture<>());
        assertEquals(4, Cli.run(List.of("serve", "--port", "0", "--tokens", tokens.toString()), console));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("turnstile serve: token file " + tokens + ": tokens[0]"),
                err.toString(StandardCharsets.UTF_8));
    }
}
