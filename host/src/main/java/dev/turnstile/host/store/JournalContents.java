package dev.turnstile.host.store;

import java.util.List;
import java.util.Objects;

/**
 * What {@link Journal#read} found for a session.
 *
 * @param sessionId the session
 * @param headerJson the JSON object given to {@link Journal#create}
 * @param entries the entries in sequence order: sequence numbers 1, 2, 3, … without gaps
 */
public record JournalContents(String sessionId, String headerJson, List<JournalEntry> entries) {

    /** Validates the components and freezes the entry list. */
    public JournalContents {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(headerJson, "headerJson");
        entries = List.copyOf(entries);
    }

    /**
     * The sequence number of the last entry.
     *
     * @return the last sequence number, 0 when there are no entries
     */
    public long lastSequence() {
        return entries.isEmpty() ? 0 : entries.getLast().sequence();
    }
}
