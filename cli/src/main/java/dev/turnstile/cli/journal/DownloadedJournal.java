package dev.turnstile.cli.journal;

import dev.turnstile.cli.CommandFailedException;
import dev.turnstile.cli.ExitCode;
import dev.turnstile.codec.CodecException;
import dev.turnstile.codec.JournalHeader;
import dev.turnstile.codec.MachineCodec;
import dev.turnstile.host.store.JournalEntry;
import dev.turnstile.model.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A journal as the session server's {@code GET /v1/sessions/{id}/journal} sends it: the store's lines
 * without their CRCs ({@code {"schema":1,"session":…,"header":{…}}}, then {@code {"seq":n,"entry":{…}}}).
 * Read line by line with the same sequence and schema checks as the store; every line must be complete.
 */
final class DownloadedJournal {

    private DownloadedJournal() {}

    /** Whether a journal's first line is in the download format (a header line without a CRC). */
    static boolean isDownload(JsonNode firstLine) {
        return firstLine.has("header") && !firstLine.has("crc");
    }

    static LoadedJournal read(Path file, long bytes) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        JsonNode first = Json.tree(lines.getFirst());
        int schema = first.path("schema").asInt(0);
        if (schema > MachineCodec.SCHEMA_VERSION) {
            throw new CommandFailedException(ExitCode.IO_ERROR, file + ": line 1: journal schema version " + schema
                    + " is newer than this Turnstile supports (" + MachineCodec.SCHEMA_VERSION + "); upgrade to read it");
        }
        String headerJson = first.path("header").toString();
        JournalHeader header;
        try {
            header = MachineCodec.decodeHeader(headerJson);
        } catch (CodecException e) {
            throw new CommandFailedException(ExitCode.IO_ERROR, file + ": line 1: the journal header does not decode: "
                    + e.getMessage(), e);
        }
        List<JournalEntry> entries = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank() && i == lines.size() - 1) {
                break;
            }
            entries.add(entry(file, i + 1, lines.get(i), entries.size() + 1));
        }
        return new LoadedJournal(file, headerJson, header, entries, bytes, false);
    }

    private static JournalEntry entry(Path file, int lineNumber, String line, long expectedSequence) {
        JsonNode node;
        try {
            node = Json.tree(line);
        } catch (RuntimeException e) {
            throw corrupt(file, lineNumber, "not a JSON object");
        }
        JsonNode entry = node.get("entry");
        if (entry == null || !entry.isObject() || !node.path("seq").isIntegralNumber()) {
            throw corrupt(file, lineNumber, "expected {\"seq\":…,\"entry\":{…}}");
        }
        long sequence = node.path("seq").asLong();
        if (sequence != expectedSequence) {
            throw corrupt(file, lineNumber, "sequence number " + sequence + " where " + expectedSequence + " was expected");
        }
        return new JournalEntry(sequence, entry.toString());
    }

    private static CommandFailedException corrupt(Path file, int lineNumber, String reason) {
        return new CommandFailedException(ExitCode.IO_ERROR, "corrupt journal: " + file + ": line " + lineNumber + ": "
                + reason);
    }
}
