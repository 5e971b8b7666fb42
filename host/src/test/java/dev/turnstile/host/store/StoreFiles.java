package dev.turnstile.host.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.zip.CRC32C;

/**
 * Test helpers that work on the store's files by hand, independently of the production encoder:
 * they compute CRCs the way the package documentation says a person would.
 */
final class StoreFiles {

    private StoreFiles() {}

    static Path journalFile(Path store, String sessionId) {
        return store.resolve("sessions").resolve(sessionId).resolve("journal.jsonl");
    }

    /** The file's lines, without newlines. */
    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The documented rule: CRC32C over all but the last 17 bytes of the line (no newline). */
    static String documentedCrc(String lineWithoutNewline) {
        byte[] bytes = lineWithoutNewline.getBytes(UTF_8);
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 17);
        return HexFormat.of().toHexDigits((int) crc.getValue());
    }

    /** Completes {@code content} (ending with the comma before "crc") into a valid line. */
    static String sealed(String content) {
        String placeholder = content + "\"crc\":\"00000000\"}";
        return content + "\"crc\":\"" + documentedCrc(placeholder) + "\"}";
    }

    /** Replaces one 1-based line, keeping every other byte of the file. */
    static void replaceLine(Path file, int lineNumber, String replacement) {
        List<String> lines = new ArrayList<>(lines(file));
        lines.set(lineNumber - 1, replacement);
        write(file, String.join("\n", lines) + "\n");
    }

    static void write(Path file, String content) {
        try {
            Files.writeString(file, content, UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void appendRaw(Path file, String content) {
        try {
            Files.writeString(file, content, UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Captures what a class logs through {@link System.Logger}, whose default backend is {@code
     * java.util.logging}.
     */
    static final class LogCapture extends Handler implements AutoCloseable {
        private final Logger logger;
        private final List<LogRecord> records = new ArrayList<>();

        LogCapture(Class<?> source) {
            logger = Logger.getLogger(source.getName());
            logger.addHandler(this);
        }

        synchronized List<String> messages() {
            return records.stream().map(LogRecord::getMessage).toList();
        }

        @Override
        public synchronized void publish(LogRecord logRecord) {
            records.add(logRecord);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {
            logger.removeHandler(this);
        }
    }
}
