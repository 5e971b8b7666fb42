package dev.turnstile.blocking.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A raw-socket HTTP/1.1 server for client unit tests: one request per connection, responses written
 * chunk by chunk with a flush after each, so chunk boundaries reach the client as written. It notices a
 * client that goes away while the handler waits for it ({@link Exchange#hangUntilClientCloses()}).
 */
final class MiniServer implements AutoCloseable {

    /** A received request. Header names are lower case. */
    record Request(String method, String path, Map<String, String> headers, String body) {}

    /** Answers one request. */
    interface Handler {
        void handle(Request request, Exchange exchange) throws Exception;
    }

    /** Writes one response. */
    static final class Exchange {
        private final Socket socket;
        private final OutputStream out;
        private final MiniServer server;

        Exchange(Socket socket, MiniServer server) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
            this.server = server;
        }

        /** Status line and headers of a chunked response. */
        Exchange start(int status, String contentType, String... extraHeaders) throws IOException {
            StringBuilder head = new StringBuilder("HTTP/1.1 " + status + " X\r\ncontent-type: " + contentType
                    + "\r\ntransfer-encoding: chunked\r\nconnection: close\r\n");
            for (int i = 0; i < extraHeaders.length; i += 2) {
                head.append(extraHeaders[i]).append(": ").append(extraHeaders[i + 1]).append("\r\n");
            }
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return this;
        }

        /** One chunk, flushed. */
        Exchange chunk(String text) throws IOException {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return this;
        }

        /** The terminating chunk: the body is complete. */
        void end() throws IOException {
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        /** A complete response with a JSON body. */
        void json(int status, String body, String... extraHeaders) throws IOException {
            start(status, "application/json", extraHeaders).chunk(body).end();
        }

        /** Writes nothing more and returns when the client closed the connection, recording that. */
        void hangUntilClientCloses() throws IOException {
            InputStream in = socket.getInputStream();
            try {
                while (in.read() >= 0) {
                    // a client never sends more on this connection; wait for its close
                }
            } catch (IOException e) {
                // a reset counts as a close
            }
            server.disconnects.countDown();
        }
    }

    private final ServerSocket socket;
    private final Handler handler;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch disconnects = new CountDownLatch(1);
    private final Thread acceptor;

    private MiniServer(Handler handler) throws IOException {
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.handler = handler;
        this.acceptor = Thread.ofVirtual().start(this::accept);
    }

    static MiniServer start(Handler handler) {
        try {
            return new MiniServer(handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + socket.getLocalPort() + "/v1";
    }

    List<Request> requests() {
        return requests;
    }

    /** Whether a hanging handler saw its client go away within {@code timeout}. */
    boolean awaitClientDisconnect(Duration timeout) throws InterruptedException {
        return disconnects.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                Thread.ofVirtual().start(() -> serve(connection));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            Request request = read(connection.getInputStream());
            requests.add(request);
            handler.handle(request, new Exchange(connection, this));
        } catch (Exception e) {
            // the client went away or the test ended
        }
    }

    private static Request read(InputStream in) throws IOException {
        String requestLine = line(in);
        Map<String, String> headers = new TreeMap<>();
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        String[] parts = requestLine.split(" ");
        return new Request(parts[0], parts[1], headers, body);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed inside the request head");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        try {
            socket.close();
            acceptor.join(Duration.ofSeconds(10));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
