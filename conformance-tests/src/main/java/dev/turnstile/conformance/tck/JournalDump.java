package dev.turnstile.conformance.tck;

import dev.turnstile.host.store.JournalContents;
import dev.turnstile.host.store.JournalEntry;

/** A journal as one text (header line, then one line per entry), for byte-for-byte comparison. */
public final class JournalDump {

    private JournalDump() {}

    /** The header JSON and every entry JSON, each on its own line. */
    public static String of(JournalContents contents) {
        StringBuilder out = new StringBuilder(contents.headerJson()).append('\n');
        for (JournalEntry entry : contents.entries()) {
            out.append(entry.sequence()).append(' ').append(entry.entryJson()).append('\n');
        }
        return out.toString();
    }
}
