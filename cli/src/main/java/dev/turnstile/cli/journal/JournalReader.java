package dev.turnstile.cli.journal;

import dev.turnstile.cli.CommandFailedException;
import dev.turnstile.cli.ExitCode;
import dev.turnstile.codec.CodecException;
import dev.turnstile.codec.JournalHeader;
import dev.turnstile.codec.MachineCodec;
import dev.turnstile.host.store.FileJournal;
import dev.turnstile.host.store.JournalContents;
import dev.turnstile.host.store.JournalCorruptException;
import dev.turnstile.host.store.StoreException;
import dev.turnstile.model.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import tools.jackson.databind.JsonNode;

/**
 * Reads a journal file with the store's own reader, so every line's CRC, the sequence numbers, the
 * schema version and torn-tail rules are checked exactly as recovery checks them.
 *
 * <p>A journal downloaded from the session server ({@code GET /v1/sessions/{id}/journal}, the same
 * lines without CRCs) is read too, with the same sequence and schema checks.
 *
 * <p>The file is read from a private copy in a temporary store directory: the store takes an
 * exclusive lock on its directory, and a copy lets {@code replay} and {@code inspect} read a journal
 * while a server or another process has its store open, without ever changing the original.
 */
public final class JournalReader {

    private static final int MAX_HEADER_BYTES = 4 * 1024 * 1024;

    private JournalReader() {}

    /**
     * The journal in {@code file}.
     *
     * @throws CommandFailedException ({@link ExitCode#IO_ERROR}) naming the file, the line and the
     *     reason when it cannot be read, is corrupt, or was written by a newer Turnstile
     */
    public static LoadedJournal read(Path file) {
        long bytes;
        try {
            bytes = Files.size(file);
        } catch (IOException e) {
            throw new CommandFailedException(ExitCode.IO_ERROR, file + ": cannot read: " + e.getMessage(), e);
        }
        JsonNode firstLine = firstLine(file);
        Path scratch = null;
        try {
            if (DownloadedJournal.isDownload(firstLine)) {
                return DownloadedJournal.read(file, bytes);
            }
            String sessionId = sessionIdOf(file, firstLine);
            scratch = Files.createTempDirectory("turnstile-read-");
            Path copy = scratch.resolve("sessions").resolve(sessionId).resolve(JournalLocation.JOURNAL_FILE);
            Files.createDirectories(copy.getParent());
            Files.copy(file, copy);
            JournalContents contents;
            try (FileJournal store = FileJournal.open(scratch)) {
                contents = store.read(sessionId);
            } catch (JournalCorruptException e) {
                throw new CommandFailedException(ExitCode.IO_ERROR, "corrupt journal: " + file + ": line "
                        + e.lineNumber() + ": " + e.reason(), e);
            } catch (StoreException | UncheckedIOException e) {
                throw new CommandFailedException(ExitCode.IO_ERROR, e.getMessage().replace(copy.toString(),
                        file.toString()), e);
            }
            JournalHeader header = decodeHeader(file, contents.headerJson());
            boolean torn = lineCount(file) > contents.entries().size() + 1;
            return new LoadedJournal(file, contents.headerJson(), header, contents.entries(), bytes, torn);
        } catch (IOException e) {
            throw new CommandFailedException(ExitCode.IO_ERROR, file + ": cannot read: " + e.getMessage(), e);
        } finally {
            deleteQuietly(scratch);
        }
    }

    private static JsonNode firstLine(Path file) {
        String firstLine;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(MAX_HEADER_BYTES);
            int end = 0;
            while (end < head.length && head[end] != '\n') {
                end++;
            }
            firstLine = new String(head, 0, end, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CommandFailedException(ExitCode.IO_ERROR, file + ": cannot read: " + e.getMessage(), e);
        }
        try {
            return Json.tree(firstLine);
        } catch (RuntimeException e) {
            throw notAJournal(file, "the first line is not JSON");
        }
    }

    private static String sessionIdOf(Path file, JsonNode node) {
        JsonNode session = node.get("session");
        if (session == null || !session.isString() || !session.asString().matches("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}")) {
            throw notAJournal(file, "the first line has no valid \"session\" id");
        }
        return session.asString();
    }

    private static JournalHeader decodeHeader(Path file, String headerJson) {
        try {
            return MachineCodec.decodeHeader(headerJson);
        } catch (CodecException e) {
            throw new CommandFailedException(ExitCode.IO_ERROR, file + ": line 1: the journal header does not decode: "
                    + e.getMessage(), e);
        }
    }

    private static CommandFailedException notAJournal(Path file, String why) {
        return new CommandFailedException(ExitCode.IO_ERROR, file + ": line 1: not a Turnstile journal (" + why + ")");
    }

    private static long lineCount(Path file) throws IOException {
        long lines = 0;
        int last = '\n';
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
                if (n > 0) {
                    last = buffer[n - 1];
                }
            }
        }
        return last == '\n' ? lines : lines + 1;
    }

    private static void deleteQuietly(Path root) {
        if (root == null) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                    Files.delete(f);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // A leftover temporary copy is harmless; the reading already succeeded or failed on its own.
        }
    }
}
