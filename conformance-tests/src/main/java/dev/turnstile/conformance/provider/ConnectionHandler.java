package dev.turnstile.conformance.provider;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Serves one TCP connection on its own virtual thread: reads requests one after another
 * (keep-alive), records each, and delivers the routed response, until either side closes.
 */
final class ConnectionHandler implements Runnable {

    /** After an error answer, how long to wait for the client to stop sending before closing. */
    private static final int LINGER_MILLIS = 5_000;
    private static final int LINGER_MAX_BYTES = 16 * 1024 * 1024;

    private final Socket socket;
    private final long connectionId;
    private final ServerLimits limits;
    private final RequestRouter router;
    private final TrafficRecorder recorder;
    private final BooleanSupplier serverClosing;
    private final Runnable onExit;

    ConnectionHandler(Socket socket, long connectionId, ServerLimits limits, RequestRouter router,
                      TrafficRecorder recorder, BooleanSupplier serverClosing, Runnable onExit) {
        this.socket = socket;
        this.connectionId = connectionId;
        this.limits = limits;
        this.router = router;
        this.recorder = recorder;
        this.serverClosing = serverClosing;
        this.onExit = onExit;
    }

    @Override
    public void run() {
        try (socket) {
            // Each flushed chunk should leave at once rather than wait for the previous one's ACK.
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            serve(in, out);
        } catch (IOException e) {
            // The connection broke between responses (e.g. the client left while idle): nothing to record.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            onExit.run();
        }
    }

    private void serve(InputStream in, OutputStream out) throws IOException, InterruptedException {
        HttpRequestReader reader = new HttpRequestReader(in, out, limits);
        ResponseWriter writer = new ResponseWriter(out);
        ResponseDelivery delivery = new ResponseDelivery(socket, in, writer, recorder, serverClosing);
        while (!serverClosing.getAsBoolean()) {
            ParsedRequest parsed;
            try {
                parsed = reader.read();
            } catch (HttpProtocolException e) {
                recorder.recordProtocolError(new ProtocolError(connectionId, e.status(), e.getMessage()));
                answerProtocolError(in, writer, e);
                return;
            }
            if (parsed == null) {
                return;
            }
            RecordedRequest request = recorder.record(connectionId, parsed);
            if (!delivery.deliver(router.route(request), request, parsed.wantsClose())) {
                return;
            }
        }
    }

    /**
     * Answers and closes. The client may still be sending a body we refused; closing a socket with
     * unread input sends a reset that can destroy our answer before the client reads it, so we
     * half-close and drain first ("lingering close").
     */
    private void answerProtocolError(InputStream in, ResponseWriter writer, HttpProtocolException error) {
        Response response = RequestRouter.error(error.status(), "fake_provider_protocol_error", error.getMessage());
        try {
            writer.writeHead(response, true);
            writer.writeChunk(response.bodyBytes(), response.framing());
            socket.shutdownOutput();
            socket.setSoTimeout(LINGER_MILLIS);
            long drained = 0;
            byte[] sink = new byte[8192];
            for (int n = in.read(sink); n >= 0 && drained < LINGER_MAX_BYTES; n = in.read(sink)) {
                drained += n;
            }
        } catch (SocketTimeoutException e) {
            // The client neither closed nor stopped sending; give up on it.
        } catch (IOException e) {
            // The client is gone already.
        }
    }
}
