package dev.turnstile.host.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates a journal file line by line and tells a torn tail apart from corruption.
 *
 * <p>Appends write one whole line per call, and every append is acknowledged only after its
 * line is complete, so a crash can damage at most the last line: one without its newline, or
 * whose CRC or JSON does not check out because its bytes never reached the disk. That line is
 * reported as a torn tail. Any damaged line with bytes after it cannot come from a crash and is
 * reported as {@link JournalCorruptException}, as is a line that checks out but carries the
 * wrong sequence number. The header, written atomically at creation, is never torn.
 */
final class JournalScanner {

    /**
     * The outcome of a scan.
     *
     * @param header the validated header
     * @param entries the entries, or an empty list when not collected
     * @param lastSequence the last valid sequence number, 0 if none
     * @param validLength the file offset just after the last valid line
     * @param tornTail the torn last line, or null if the file ends cleanly
     */
    record Scan(LineFormat.HeaderLine header, List<JournalEntry> entries, long lastSequence,
            long validLength, TornTail tornTail) {}

    /**
     * A torn last line.
     *
     * @param lineNumber its 1-based line number
     * @param reason why it does not check out
     * @param bytes its length including a newline, if any
     */
    record TornTail(long lineNumber, String reason, long bytes) {}

    private JournalScanner() {}

    /**
     * Scans the first {@code limit} bytes of a journal.
     *
     * @param collectEntries whether to keep the entries (reading) or only validate them (opening
     *     for append)
     */
    static Scan scan(Path file, FileChannel channel, long limit, String sessionId,
            boolean collectEntries) throws IOException {
        LineReader reader = new LineReader(channel, limit);
        LineReader.Line first = reader.next();
        LineFormat.HeaderLine header = readHeader(file, first, sessionId);
        List<JournalEntry> entries = new ArrayList<>();
        long validLength = first.endOffset();
        long lastSequence = 0;
        long lineNumber = 1;
        for (LineReader.Line line = reader.next(); line != null; line = reader.next()) {
            lineNumber++;
            String problem = null;
            LineFormat.EntryLine entry = null;
            try {
                entry = line.terminated() ? LineFormat.decodeEntry(line.bytes()) : null;
                problem = line.terminated() ? null : "incomplete line (no trailing newline)";
            } catch (MalformedLineException e) {
                problem = e.reason();
            }
            if (problem != null) {
                if (reader.hasMore()) {
                    throw new JournalCorruptException(file, lineNumber, problem);
                }
                return new Scan(header, entries, lastSequence, validLength,
                        new TornTail(lineNumber, problem, line.endOffset() - validLength));
            }
            if (entry.sequence() != lastSequence + 1) {
                throw new JournalCorruptException(file, lineNumber, "sequence number "
                        + entry.sequence() + " where " + (lastSequence + 1) + " was expected");
            }
            lastSequence = entry.sequence();
            validLength = line.endOffset();
            if (collectEntries) {
                entries.add(new JournalEntry(entry.sequence(), entry.entryJson()));
            }
        }
        return new Scan(header, entries, lastSequence, validLength, null);
    }

    private static LineFormat.HeaderLine readHeader(Path file, LineReader.Line first,
            String sessionId) {
        if (first == null) {
            throw new JournalCorruptException(file, 1, "the file is empty; expected the header line");
        }
        int version = LineFormat.leadingSchemaVersion(first.bytes());
        if (version > LineFormat.SCHEMA_VERSION) {
            throw new UnsupportedSchemaVersionException(file, version, LineFormat.SCHEMA_VERSION);
        }
        if (!first.terminated()) {
            throw new JournalCorruptException(file, 1, "incomplete header line (no trailing newline)");
        }
        LineFormat.HeaderLine header;
        try {
            header = LineFormat.decodeHeader(first.bytes());
        } catch (MalformedLineException e) {
            throw new JournalCorruptException(file, 1, e.reason());
        }
        if (!header.sessionId().equals(sessionId)) {
            throw new JournalCorruptException(file, 1, "the header names session \""
                    + header.sessionId() + "\" but the file belongs to session \"" + sessionId + "\"");
        }
        return header;
    }
}
