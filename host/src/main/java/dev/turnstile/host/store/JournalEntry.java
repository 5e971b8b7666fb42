package dev.turnstile.host.store;

import java.util.Objects;

/**
 * One journaled entry.
 *
 * @param sequence the entry's 1-based sequence number within its session
 * @param entryJson the JSON object given to {@link JournalWriter#append}
 */
public record JournalEntry(long sequence, String entryJson) {

    /** Validates the components. */
    public JournalEntry {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be >= 1, was " + sequence);
        }
        Objects.requireNonNull(entryJson, "entryJson");
    }
}
