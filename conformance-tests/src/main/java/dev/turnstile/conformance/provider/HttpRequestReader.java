package dev.turnstile.conformance.provider;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads HTTP/1.1 requests from one connection (RFC 9112): request line, headers, and a body
 * framed by {@code Content-Length} or {@code Transfer-Encoding: chunked}. Anything it cannot
 * accept becomes an {@link HttpProtocolException} carrying the status to answer.
 */
final class HttpRequestReader {

    private static final int MAX_CHUNK_SIZE_LINE_BYTES = 1024;
    /** RFC 9112 §2.2: a server should skip at least one empty line before a request line. */
    private static final int MAX_LEADING_EMPTY_LINES = 8;

    private final InputStream in;
    private final OutputStream out;
    private final ServerLimits limits;

    HttpRequestReader(InputStream in, OutputStream out, ServerLimits limits) {
        this.in = in;
        this.out = out;
        this.limits = limits;
    }

    /** The next request, or {@code null} if the client closed the connection between requests. */
    ParsedRequest read() throws IOException, HttpProtocolException {
        String requestLine = readRequestLine();
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ", -1);
        if (parts.length != 3) {
            throw new HttpProtocolException(400, "malformed request line: '" + requestLine + "'");
        }
        if (!HttpTokens.isToken(parts[0])) {
            throw new HttpProtocolException(400, "malformed method: '" + parts[0] + "'");
        }
        String target = originForm(parts[1]);
        String version = parts[2];
        if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
            int status = version.startsWith("HTTP/") ? 505 : 400;
            throw new HttpProtocolException(status, "unsupported protocol version: '" + version + "'");
        }
        List<Header> headers = readHeaders();
        byte[] body = readBody(version, headers);
        return new ParsedRequest(parts[0], target, version, headers, body);
    }

    private String readRequestLine() throws IOException, HttpProtocolException {
        for (int skipped = 0; skipped <= MAX_LEADING_EMPTY_LINES; skipped++) {
            String line = readLine(limits.maxRequestLineBytes(), 414, "request line", skipped == 0);
            if (line == null || !line.isEmpty()) {
                return line;
            }
        }
        throw new HttpProtocolException(400, "too many empty lines before the request line");
    }

    private static String originForm(String target) throws HttpProtocolException {
        if (target.startsWith("/")) {
            return target;
        }
        // Absolute form (as sent to proxies): keep only the path and query.
        String lower = target.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            int pathStart = target.indexOf('/', target.indexOf("//") + 2);
            return pathStart < 0 ? "/" : target.substring(pathStart);
        }
        throw new HttpProtocolException(400, "malformed request target: '" + target + "'");
    }

    private List<Header> readHeaders() throws IOException, HttpProtocolException {
        List<Header> headers = new ArrayList<>();
        int budget = limits.maxHeaderSectionBytes();
        while (true) {
            String line = readLine(budget, 431, "header section", false);
            budget -= line.length();
            if (line.isEmpty()) {
                return headers;
            }
            if (headers.size() == limits.maxHeaderCount()) {
                throw new HttpProtocolException(431, "more than " + limits.maxHeaderCount() + " header lines");
            }
            headers.add(parseHeader(line));
        }
    }

    private static Header parseHeader(String line) throws HttpProtocolException {
        if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
            throw new HttpProtocolException(400, "obsolete header line folding is not supported: '" + line + "'");
        }
        int colon = line.indexOf(':');
        String name = colon < 0 ? line : line.substring(0, colon);
        if (colon <= 0 || !HttpTokens.isToken(name)) {
            throw new HttpProtocolException(400, "malformed header line: '" + line + "'");
        }
        String value = line.substring(colon + 1).strip();
        if (value.indexOf('\0') >= 0) {
            throw new HttpProtocolException(400, "header '" + name + "' contains NUL");
        }
        return new Header(name, value);
    }

    private byte[] readBody(String version, List<Header> headers) throws IOException, HttpProtocolException {
        List<String> transferCodings = listValues(headers, "transfer-encoding");
        List<String> lengths = listValues(headers, "content-length");
        if (!transferCodings.isEmpty() && !lengths.isEmpty()) {
            throw new HttpProtocolException(400, "both Transfer-Encoding and Content-Length are set");
        }
        if (!transferCodings.isEmpty()) {
            if (!transferCodings.equals(List.of("chunked"))) {
                throw new HttpProtocolException(501, "unsupported Transfer-Encoding " + transferCodings + "; only chunked is supported");
            }
            answerExpectation(version, headers);
            return readChunkedBody();
        }
        if (lengths.isEmpty()) {
            return new byte[0];
        }
        long length = parseContentLength(lengths);
        if (length > limits.maxRequestBodyBytes()) {
            throw new HttpProtocolException(413, "request body of " + length + " bytes is over the limit of "
                    + limits.maxRequestBodyBytes() + " bytes");
        }
        answerExpectation(version, headers);
        byte[] body = in.readNBytes((int) length);
        if (body.length < length) {
            throw new HttpProtocolException(400, "connection closed after " + body.length + " of " + length + " body bytes");
        }
        return body;
    }

    private static long parseContentLength(List<String> values) throws HttpProtocolException {
        String first = values.get(0);
        for (String value : values) {
            if (!value.equals(first)) {
                throw new HttpProtocolException(400, "conflicting Content-Length values " + values);
            }
        }
        if (first.isEmpty() || first.length() > 18 || !first.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new HttpProtocolException(400, "malformed Content-Length: '" + first + "'");
        }
        return Long.parseLong(first);
    }

    /** Sends {@code 100 Continue} to a client that waits for it before sending the body. */
    private void answerExpectation(String version, List<Header> headers) throws IOException, HttpProtocolException {
        List<String> expectations = listValues(headers, "expect");
        if (expectations.isEmpty()) {
            return;
        }
        if (!expectations.equals(List.of("100-continue"))) {
            throw new HttpProtocolException(417, "unsupported Expect " + expectations);
        }
        if (version.equals("HTTP/1.1")) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }

    private byte[] readChunkedBody() throws IOException, HttpProtocolException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            long size = parseChunkSize(readLine(MAX_CHUNK_SIZE_LINE_BYTES, 400, "chunk size line", false));
            if (size == 0) {
                readHeaders(); // trailer fields: read and dropped
                return body.toByteArray();
            }
            if (body.size() + size > limits.maxRequestBodyBytes()) {
                throw new HttpProtocolException(413, "chunked request body is over the limit of "
                        + limits.maxRequestBodyBytes() + " bytes");
            }
            byte[] data = in.readNBytes((int) size);
            if (data.length < size) {
                throw new HttpProtocolException(400, "connection closed in the middle of a request body chunk");
            }
            body.writeBytes(data);
            if (!readLine(2, 400, "line after a request body chunk (is the chunk longer than its size?)", false).isEmpty()) {
                throw new HttpProtocolException(400, "request body chunk is longer than its declared size " + size);
            }
        }
    }

    private static long parseChunkSize(String line) throws HttpProtocolException {
        int semicolon = line.indexOf(';');
        String hex = (semicolon < 0 ? line : line.substring(0, semicolon)).strip();
        if (hex.isEmpty() || hex.length() > 15 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new HttpProtocolException(400, "malformed chunk size line: '" + line + "'");
        }
        return Long.parseLong(hex, 16);
    }

    /**
     * Reads one line ending in LF (a CR before it is dropped). Returns {@code null} at end of
     * stream only if {@code endAllowed} and nothing was read.
     */
    private String readLine(int maxBytes, int tooLongStatus, String what, boolean endAllowed)
            throws IOException, HttpProtocolException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (endAllowed && line.size() == 0) {
                    return null;
                }
                throw new HttpProtocolException(400, "connection closed in the middle of the " + what);
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            if (line.size() > maxBytes) {
                throw new HttpProtocolException(tooLongStatus, what + " is longer than " + maxBytes + " bytes");
            }
            line.write(b);
        }
    }

    /** All values of a comma-separated header, lower-cased and trimmed. */
    private static List<String> listValues(List<Header> headers, String name) {
        List<String> values = new ArrayList<>();
        for (Header header : headers) {
            if (header.hasName(name)) {
                for (String part : header.value().split(",")) {
                    if (!part.isBlank()) {
                        values.add(part.strip().toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        return values;
    }
}
