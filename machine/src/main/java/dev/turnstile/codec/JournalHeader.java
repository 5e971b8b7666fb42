package dev.turnstile.codec;

import dev.turnstile.machine.Labels;
import dev.turnstile.machine.MachineConfig;
import java.time.Instant;
import java.util.Objects;

/**
 * The first entry of a session's journal: everything needed, with the journaled inputs, to rebuild
 * the session by replay ({@code machine.start(sessionId, seed, startedAt)} under {@code config}).
 *
 * @param schemaVersion the journal format version it was written in; {@link MachineCodec#SCHEMA_VERSION}
 *     for new journals
 * @param sessionId the session's id
 * @param seed the seed the session's random generator started from
 * @param startedAt the instant the session started at
 * @param labels the session's identity labels
 * @param config the machine configuration the session runs under
 * @param machineVersion the Turnstile version that wrote the journal, for diagnostics when a replay diverges
 */
public record JournalHeader(int schemaVersion, String sessionId, long seed, Instant startedAt, Labels labels,
        MachineConfig config, String machineVersion) {

    /** Validates fields. */
    public JournalHeader {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(machineVersion, "machineVersion");
        if (schemaVersion < 1) {
            throw new IllegalArgumentException("schema versions start at 1, got " + schemaVersion);
        }
    }

    /** A header for a new journal, in the current {@link MachineCodec#SCHEMA_VERSION}. */
    public static JournalHeader of(String sessionId, long seed, Instant startedAt, Labels labels, MachineConfig config,
            String machineVersion) {
        return new JournalHeader(MachineCodec.SCHEMA_VERSION, sessionId, seed, startedAt, labels, config,
                machineVersion);
    }
}
