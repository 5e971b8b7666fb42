package dev.turnstile.cli.journal;

import dev.turnstile.model.Json;
import dev.turnstile.replay.JournalRecord;
import dev.turnstile.replay.JournalRecords;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Peeks at a journal another process is writing, without its store lock: the complete lines after
 * the header, decoded as records. For progress displays and the demo's kill point only; it does not
 * check CRCs (a line still being written is simply not complete yet), so anything that decides what
 * happened must read with {@link JournalReader}.
 */
public final class JournalTail {

    private JournalTail() {}

    /** The records whose lines are complete so far; empty while the file does not exist. */
    public static List<JournalRecord> records(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        List<JournalRecord> records = new ArrayList<>();
        int start = 0;
        boolean header = true;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            String line = new String(bytes, start, i - start, StandardCharsets.UTF_8);
            start = i + 1;
            if (header) {
                header = false;
                continue;
            }
            try {
                JsonNode entry = Json.tree(line).get("entry");
                if (entry == null) {
                    break;
                }
                records.add(JournalRecords.decode(entry.toString()));
            } catch (RuntimeException e) {
                break;
            }
        }
        return records;
    }
}
