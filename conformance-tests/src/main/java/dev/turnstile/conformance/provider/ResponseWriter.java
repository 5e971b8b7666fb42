package dev.turnstile.conformance.provider;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes the parts of an HTTP/1.1 response, flushing each so it leaves as written. */
final class ResponseWriter {

    private static final byte[] CRLF = {'\r', '\n'};

    private final OutputStream out;

    ResponseWriter(OutputStream out) {
        this.out = out;
    }

    /** The status line, the response's headers, the framing header, and the blank line. */
    void writeHead(Response response, boolean announceClose) throws IOException {
        StringBuilder head = new StringBuilder();
        head.append("HTTP/1.1 ").append(response.status()).append(' ').append(reasonPhrase(response.status())).append("\r\n");
        for (Header header : response.headers()) {
            head.append(header.name()).append(": ").append(header.value()).append("\r\n");
        }
        if (response.framing() == BodyFraming.CHUNKED) {
            head.append("transfer-encoding: chunked\r\n");
        } else {
            head.append("content-length: ").append(response.bodyBytes().length).append("\r\n");
        }
        if (announceClose && response.header("connection").isEmpty()) {
            head.append("connection: close\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** One body chunk: with chunked framing as {@code <hex size>CRLF<data>CRLF}, else the raw bytes. */
    void writeChunk(byte[] chunk, BodyFraming framing) throws IOException {
        if (framing == BodyFraming.CHUNKED) {
            out.write(Integer.toHexString(chunk.length).getBytes(StandardCharsets.US_ASCII));
            out.write(CRLF);
            out.write(chunk);
            out.write(CRLF);
        } else {
            out.write(chunk);
        }
        out.flush();
    }

    /** The end of the body: the zero-size last chunk for chunked framing, nothing otherwise. */
    void writeEnd(BodyFraming framing) throws IOException {
        if (framing == BodyFraming.CHUNKED) {
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.flush();
    }

    static String reasonPhrase(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 204 -> "No Content";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 417 -> "Expectation Failed";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 505 -> "HTTP Version Not Supported";
            case 529 -> "Overloaded";
            default -> "Status " + status;
        };
    }
}
