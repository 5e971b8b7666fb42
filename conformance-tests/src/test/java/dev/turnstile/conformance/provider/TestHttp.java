package dev.turnstile.conformance.provider;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Shared helpers for tests that talk to the server with {@link HttpClient}. */
final class TestHttp {

    /** Bounds every wait; only a failing test ever waits this long. */
    static final Duration PATIENCE = Duration.ofSeconds(10);

    private TestHttp() {}

    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(PATIENCE).build();
    }

    static HttpRequest post(FakeProviderServer server, String path, String jsonBody) {
        return HttpRequest.newBuilder(server.uri(path)).timeout(PATIENCE)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody)).build();
    }

    static HttpResponse<String> postForString(HttpClient client, FakeProviderServer server, String path, String jsonBody)
            throws IOException, InterruptedException {
        return client.send(post(server, path, jsonBody), HttpResponse.BodyHandlers.ofString());
    }

    /** A minimal OpenAI request whose last user message says {@code text}. */
    static String openAiRequest(String text) {
        return "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
    }

    /** A minimal Anthropic request whose last user message says {@code text}. */
    static String anthropicRequest(String text) {
        return "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":100,\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"" + text + "\"}]}]}";
    }

    /** Reads exactly {@code count} bytes (blocking for each piece as it arrives). */
    static byte[] readExactly(InputStream in, int count) throws IOException {
        byte[] bytes = in.readNBytes(count);
        if (bytes.length < count) {
            throw new IOException("stream ended after " + bytes.length + " of " + count + " bytes");
        }
        return bytes;
    }

    /** The outcome of reading a body until it ends or fails. */
    record ReadOutcome(byte[] bytes, IOException failure) {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** Reads until the end of the body or an IO failure, keeping what arrived before a failure. */
    static ReadOutcome readUntilEndOrFailure(InputStream in) {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[1024];
        try (in) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                received.write(buffer, 0, n);
            }
            return new ReadOutcome(received.toByteArray(), null);
        } catch (IOException e) {
            return new ReadOutcome(received.toByteArray(), e);
        }
    }
}
