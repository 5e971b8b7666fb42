package dev.turnstile.conformance.provider;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A bare TCP client for looking at exactly what the server puts on the wire: the chunk sizes of
 * a chunked body, the framing headers, and how the connection ends.
 */
final class RawConnection implements AutoCloseable {

    /**
     * One response as read from the wire.
     *
     * @param status   the status code
     * @param headers  the header lines
     * @param chunks   the body chunks exactly as framed (one element for a Content-Length body)
     * @param complete whether the body ended properly (terminating chunk, or all announced bytes)
     */
    record RawResponse(int status, List<Header> headers, List<byte[]> chunks, boolean complete) {

        String header(String name) {
            return headers.stream().filter(h -> h.hasName(name)).map(Header::value).findFirst().orElse(null);
        }

        byte[] body() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            chunks.forEach(out::writeBytes);
            return out.toByteArray();
        }

        String bodyText() {
            return new String(body(), StandardCharsets.UTF_8);
        }

        List<String> chunkTexts() {
            return chunks.stream().map(c -> new String(c, StandardCharsets.UTF_8)).toList();
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawConnection(int port) throws IOException {
        socket = new Socket(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port);
        socket.setSoTimeout(10_000);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    RawConnection send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.UTF_8));
    }

    RawConnection send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Sends a POST with a Content-Length body. */
    RawConnection post(String path, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        send("POST " + path + " HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: "
                + bytes.length + "\r\n\r\n");
        return send(bytes);
    }

    /** Reads one response; an interim 1xx response is returned like any other. */
    RawResponse readResponse() throws IOException {
        RawResponse head = readHead();
        if (head.status() < 200) {
            return head;
        }
        String transferEncoding = head.header("transfer-encoding");
        if (transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).equals("chunked")) {
            List<byte[]> chunks = new ArrayList<>();
            try {
                for (byte[] chunk = readChunk(); chunk != null; chunk = readChunk()) {
                    chunks.add(chunk);
                }
            } catch (EOFException e) {
                return new RawResponse(head.status(), head.headers(), chunks, false);
            }
            return new RawResponse(head.status(), head.headers(), chunks, true);
        }
        int length = Integer.parseInt(head.header("content-length"));
        byte[] body = in.readNBytes(length);
        return new RawResponse(head.status(), head.headers(), body.length == 0 ? List.of() : List.of(body), body.length == length);
    }

    /** Reads the status line and headers only; the body is left to {@link #readChunk()}. */
    RawResponse readHead() throws IOException {
        String statusLine = readLine();
        if (statusLine == null) {
            throw new EOFException("connection closed before a status line");
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        List<Header> headers = new ArrayList<>();
        for (String line = readLine(); line != null && !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            headers.add(new Header(line.substring(0, colon), line.substring(colon + 1).strip()));
        }
        return new RawResponse(status, headers, List.of(), true);
    }

    /**
     * Reads the next chunk of a chunked body: its data, or {@code null} for the terminating
     * zero-size chunk. Throws {@link EOFException} if the connection ends first.
     */
    byte[] readChunk() throws IOException {
        String sizeLine = readLine();
        if (sizeLine == null) {
            throw new EOFException("connection ended before the next chunk");
        }
        int size = Integer.parseInt(sizeLine.strip(), 16);
        if (size == 0) {
            readLine();
            return null;
        }
        byte[] data = in.readNBytes(size);
        if (data.length < size || readLine() == null) {
            throw new EOFException("connection ended inside a chunk");
        }
        return data;
    }

    /** How the server ended the connection. */
    enum End { CLOSED, RESET }

    /** Reads on until the server ends the connection; fails if more data arrives. */
    End readEnd() throws IOException {
        try {
            int next = in.read();
            if (next >= 0) {
                throw new IOException("expected the connection to end, but got more data: " + (char) next);
            }
            return End.CLOSED;
        } catch (SocketException e) {
            return End.RESET;
        }
    }

    /** Whether the server has closed or reset its side. */
    boolean serverClosed() throws IOException {
        readEnd();
        return true;
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
