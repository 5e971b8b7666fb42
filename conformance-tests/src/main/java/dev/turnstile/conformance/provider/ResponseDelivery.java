package dev.turnstile.conformance.provider;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.function.BooleanSupplier;

/**
 * Delivers responses on one connection, injecting the fault each {@link Response#delivery()} asks
 * for, and records a {@link ClientDisconnect} when the client leaves before a response is done.
 */
final class ResponseDelivery {

    private final Socket socket;
    private final InputStream in;
    private final ResponseWriter writer;
    private final TrafficRecorder recorder;
    private final BooleanSupplier serverClosing;

    ResponseDelivery(Socket socket, InputStream in, ResponseWriter writer, TrafficRecorder recorder,
                     BooleanSupplier serverClosing) {
        this.socket = socket;
        this.in = in;
        this.writer = writer;
        this.recorder = recorder;
        this.serverClosing = serverClosing;
    }

    /** Delivers {@code response}; returns whether the connection can carry another request. */
    boolean deliver(Response response, RecordedRequest request, boolean clientWantsClose)
            throws IOException, InterruptedException {
        return switch (response.delivery()) {
            case Delivery.Complete complete -> deliverComplete(response, request,
                    clientWantsClose || response.header("connection").filter(v -> v.equalsIgnoreCase("close")).isPresent());
            case Delivery.DisconnectAfterChunks fault -> {
                if (sendHeadAndChunks(response, request, fault.chunks(), false)) {
                    reset();
                }
                yield false;
            }
            case Delivery.TruncateAfterChunks fault -> {
                if (sendHeadAndChunks(response, request, fault.chunks(), false)) {
                    socket.shutdownOutput();
                }
                yield false;
            }
            case Delivery.HangAfterChunks fault -> {
                if (sendHeadAndChunks(response, request, fault.chunks(), false)) {
                    hangUntilClientLeaves(request, fault.chunks());
                }
                yield false;
            }
            case Delivery.DisconnectBeforeHeaders fault -> {
                reset();
                yield false;
            }
            case Delivery.HangBeforeHeaders fault -> {
                hangUntilClientLeaves(request, 0);
                yield false;
            }
        };
    }

    private boolean deliverComplete(Response response, RecordedRequest request, boolean close)
            throws InterruptedException {
        if (!sendHeadAndChunks(response, request, response.chunkCount(), close)) {
            return false;
        }
        try {
            writer.writeEnd(response.framing());
        } catch (IOException e) {
            noteWriteFailure(request, response.chunkCount());
            return false;
        }
        return !close;
    }

    /** Returns false if the client went away (the disconnect is then recorded). */
    private boolean sendHeadAndChunks(Response response, RecordedRequest request, int chunkCount, boolean announceClose)
            throws InterruptedException {
        int sent = 0;
        try {
            writer.writeHead(response, announceClose);
            for (int i = 0; i < chunkCount; i++) {
                if (response.delayBeforeEachChunk().isPositive()) {
                    Thread.sleep(response.delayBeforeEachChunk());
                }
                writer.writeChunk(response.chunk(i), response.framing());
                sent++;
            }
            return true;
        } catch (IOException e) {
            noteWriteFailure(request, sent);
            return false;
        }
    }

    /** Blocks until the client closes or resets the connection, then records that it left. */
    private void hangUntilClientLeaves(RecordedRequest request, int chunksSent) {
        byte[] sink = new byte[4096];
        try {
            // A client waiting for a response has nothing to send; whatever it sends anyway is dropped.
            while (in.read(sink) >= 0) {
                continue;
            }
        } catch (IOException e) {
            // A reset is also the client leaving; a socket closed by the server is told apart below.
        }
        if (!serverClosing.getAsBoolean()) {
            recorder.recordDisconnect(new ClientDisconnect(request.number(), request.connectionId(), request.path(), chunksSent, true));
        }
    }

    private void noteWriteFailure(RecordedRequest request, int chunksSent) {
        if (!serverClosing.getAsBoolean()) {
            recorder.recordDisconnect(new ClientDisconnect(request.number(), request.connectionId(), request.path(), chunksSent, false));
        }
    }

    /** An abortive close: SO_LINGER 0 makes the kernel send RST instead of FIN. */
    private void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }
}
