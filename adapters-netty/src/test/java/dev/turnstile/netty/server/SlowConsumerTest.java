package dev.turnstile.netty.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.turnstile.host.observe.Cursors;
import dev.turnstile.netty.testing.ScriptedModel;
import dev.turnstile.wire.StreamDelta;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A client that stops reading its event stream is disconnected once its send buffer stays full past
 * the grace period, instead of the server buffering for it; its last received id resumes it.
 */
class SlowConsumerTest {

    private static final int DELTAS = 20_000;
    private static final String PIECE = "x".repeat(1_000);

    @TempDir
    Path store;

    private ServerKit kit;

    @AfterEach
    void tearDown() {
        kit.close();
    }

    @Test
    void aClientThatStopsReadingIsDisconnectedWithItsCursorIntact() throws Exception {
        // Retain the whole flood, so the stream has all of it to send (no gap lets it skip ahead).
        kit = new ServerKit(store, b -> b.observationCapacity(DELTAS + 100),
                ServerSettings.DEFAULTS.withSlowConsumer(200, 16 * 1024));
        ScriptedModel.Held flood = new ScriptedModel.Held();
        kit.model.then(flood.answer());
        String id = kit.createSession(ServerKit.ALICE, "{}");
        CompletableFuture<Void> disconnected = new CompletableFuture<>();
        kit.server.metrics().onSlowConsumerDisconnected(() -> disconnected.complete(null));

        byte[] received;
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096); // before connecting, so the window stays small
            socket.connect(new InetSocketAddress("127.0.0.1", kit.server.port()), 10_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /v1/sessions/" + id + "/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                    + ServerKit.ALICE + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            readUntil(in, "200 OK");

            // The client now reads nothing while the model streams far more than any buffer holds.
            kit.post("/v1/sessions/" + id + "/messages", ServerKit.ALICE, "{\"text\":\"flood\"}");
            Consumer<StreamDelta> deltas = flood.started().get(30, TimeUnit.SECONDS);
            for (int i = 0; i < DELTAS; i++) {
                deltas.accept(new StreamDelta.TextDelta(PIECE));
            }

            disconnected.get(30, TimeUnit.SECONDS);
            received = in.readAllBytes(); // what the kernel buffers held, then the end of the stream
        }
        assertEquals(1, kit.server.metrics().slowConsumersDisconnected());
        assertTrue(received.length < DELTAS * PIECE.length() / 2, "most of the flood was never buffered for it: "
                + received.length + " bytes");

        String lastId = lastCompleteFrameId(new String(received, StandardCharsets.UTF_8));
        long lastCursor = Cursors.parse(id, lastId);
        flood.release("done");
        try (SseClient resumed = kit.events(ServerKit.ALICE, id, lastId)) {
            SseClient.Frame next = resumed.next();
            if (next.event().equals("gap")) {
                JsonNode data = ServerKit.JSON.readTree(next.data());
                assertEquals(lastId, data.get("after").asString(), "the gap starts exactly at the client's cursor");
            } else {
                assertEquals(lastCursor + 1, Cursors.parse(id, next.id()), "resumes right after the last frame");
            }
        }
    }

    private static void readUntil(InputStream in, String marker) throws Exception {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        while (!seen.toString(StandardCharsets.US_ASCII).contains(marker)) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("the stream ended before \"" + marker + "\": " + seen);
            }
            seen.write(b);
        }
    }

    /** The id of the last frame that arrived whole (ended by a blank line). */
    private static String lastCompleteFrameId(String text) {
        Matcher frame = Pattern.compile("id: ([^\\n]+)\\n(?:[^\\n]+\\n)*?\\n").matcher(text);
        String last = null;
        while (frame.find()) {
            last = frame.group(1);
        }
        if (last == null) {
            throw new AssertionError("no complete frame received");
        }
        return last;
    }
}
