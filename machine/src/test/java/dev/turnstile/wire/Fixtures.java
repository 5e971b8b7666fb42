package dev.turnstile.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Loads recorded fixtures ({@code fixtures/…}) and hand-made streams ({@code wire/…}) from the test classpath. */
public final class Fixtures {
    private Fixtures() {}

    /** The bytes of a classpath resource. */
    public static byte[] bytes(String path) {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A classpath resource as UTF-8 text. */
    public static String text(String path) {
        return new String(bytes(path), StandardCharsets.UTF_8);
    }

    /** The payloads of a vercel {@code .chunks.txt} file: one SSE data payload per non-empty line. */
    public static List<String> chunkPayloads(String path) {
        return Arrays.stream(text(path).split("\n")).filter(line -> !line.isBlank()).toList();
    }

    /**
     * A {@code .chunks.txt} file framed as an SSE body, the way vercel's own tests replay it: each payload
     * as {@code data: …} plus a blank line, and, when {@code terminator} is not null, a final
     * {@code data: <terminator>} event (OpenAI's {@code [DONE]}; the files carry none).
     */
    public static byte[] chunksAsSse(String path, String terminator) {
        StringBuilder body = new StringBuilder();
        for (String payload : chunkPayloads(path)) {
            body.append("data: ").append(payload).append("\n\n");
        }
        if (terminator != null) {
            body.append("data: ").append(terminator).append("\n\n");
        }
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }
}
