package dev.turnstile.cli.journal;

import dev.turnstile.codec.JournalHeader;
import dev.turnstile.host.store.JournalEntry;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A journal read and checked by the store (every line's CRC, sequence numbers, schema version).
 *
 * @param file the journal file
 * @param headerJson the header as stored, for {@link dev.turnstile.replay.Replayer}
 * @param header the decoded header
 * @param entries the records, sequence 1, 2, 3, …
 * @param bytes the file's size
 * @param tornTail whether a torn last line (an append cut short by a crash) was left out
 */
public record LoadedJournal(Path file, String headerJson, JournalHeader header, List<JournalEntry> entries,
        long bytes, boolean tornTail) {

    /** Validates fields. */
    public LoadedJournal {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(headerJson, "headerJson");
        Objects.requireNonNull(header, "header");
        entries = List.copyOf(entries);
    }

    /** The records' JSON, in order. */
    public List<String> recordJsons() {
        return entries.stream().map(JournalEntry::entryJson).toList();
    }
}
