package dev.turnstile.host.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The behaviour every {@link CheckpointStore} shares, run against each implementation. */
abstract class CheckpointStoreContractTest {

    protected Journal journal;
    protected CheckpointStore checkpoints;

    /** A fresh, empty journal keeping {@code checkpointsToKeep} checkpoints per session. */
    protected abstract Journal newJournal(int checkpointsToKeep);

    /** The checkpoint store belonging to {@code journal}. */
    protected abstract CheckpointStore checkpointsOf(Journal journal);

    /** The journal sequences of the checkpoints the store still holds, ascending. */
    protected abstract List<Long> retainedSequences(String sessionId);

    static List<String> hostileSessionIds() {
        return JournalContractTest.hostileSessionIds();
    }

    @BeforeEach
    void openJournal() {
        journal = newJournal(3);
        checkpoints = checkpointsOf(journal);
        journal.create("s1", "{}").close();
    }

    @AfterEach
    void closeJournal() {
        journal.close();
    }

    @Test
    void aNewSessionHasNoCheckpoint() {
        assertEquals(Optional.empty(), checkpoints.latest("s1"));
    }

    @Test
    void theLatestCheckpointReadsBackExactly() {
        checkpoints.save("s1", 0, "{\"state\":\"start\"}");
        checkpoints.save("s1", 7, "{\"state\":{\"phase\":\"AwaitingUser\",\"n\":[1,2]}}");
        assertEquals(Optional.of(new Checkpoint(7, "{\"state\":{\"phase\":\"AwaitingUser\",\"n\":[1,2]}}")),
                checkpoints.latest("s1"));
    }

    @Test
    void latestMeansHighestJournalSequenceNotMostRecentlySaved() {
        checkpoints.save("s1", 5, "{\"at\":5}");
        checkpoints.save("s1", 3, "{\"at\":3}");
        assertEquals(5, checkpoints.latest("s1").orElseThrow().journalSequence());
    }

    @Test
    void savingAtTheSameSequenceReplaces() {
        checkpoints.save("s1", 4, "{\"v\":1}");
        checkpoints.save("s1", 4, "{\"v\":2}");
        assertEquals(new Checkpoint(4, "{\"v\":2}"), checkpoints.latest("s1").orElseThrow());
        assertEquals(List.of(4L), retainedSequences("s1"));
    }

    @Test
    void onlyTheNewestCheckpointsAreKept() {
        for (long sequence = 1; sequence <= 6; sequence++) {
            checkpoints.save("s1", sequence, "{\"at\":" + sequence + "}");
        }
        assertEquals(List.of(4L, 5L, 6L), retainedSequences("s1"));
        checkpoints.save("s1", 2, "{\"at\":2}");
        assertEquals(List.of(4L, 5L, 6L), retainedSequences("s1"));
    }

    @Test
    void checkpointsAreKeptPerSession() {
        journal.create("s2", "{}").close();
        checkpoints.save("s1", 1, "{\"of\":1}");
        checkpoints.save("s2", 9, "{\"of\":2}");
        assertEquals(new Checkpoint(1, "{\"of\":1}"), checkpoints.latest("s1").orElseThrow());
        assertEquals(new Checkpoint(9, "{\"of\":2}"), checkpoints.latest("s2").orElseThrow());
    }

    @Test
    void unknownSessionsAreNotFound() {
        assertThrows(SessionNotFoundException.class, () -> checkpoints.save("nope", 1, "{}"));
        assertThrows(SessionNotFoundException.class, () -> checkpoints.latest("nope"));
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> checkpoints.save("s1", -1, "{}"));
        assertThrows(IllegalArgumentException.class, () -> checkpoints.save("s1", 1, "[]"));
        assertThrows(IllegalArgumentException.class, () -> checkpoints.save("s1", 1, "{"));
        assertEquals(Optional.empty(), checkpoints.latest("s1"));
    }

    @ParameterizedTest
    @MethodSource("hostileSessionIds")
    void hostileSessionIdsAreRejected(String hostile) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> checkpoints.save(hostile, 1, "{}"));
        assertTrue(e.getMessage().startsWith("invalid session id"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> checkpoints.latest(hostile));
    }

    @Test
    void archivingTakesTheCheckpointsAlong() {
        checkpoints.save("s1", 1, "{}");
        journal.archive("s1");
        assertThrows(SessionNotFoundException.class, () -> checkpoints.latest("s1"));
        journal.create("s1", "{}").close();
        assertEquals(Optional.empty(), checkpoints.latest("s1"));
    }

    @Test
    void deletingTakesTheCheckpointsAlong() {
        checkpoints.save("s1", 1, "{}");
        journal.delete("s1");
        assertThrows(SessionNotFoundException.class, () -> checkpoints.latest("s1"));
        journal.create("s1", "{}").close();
        assertEquals(Optional.empty(), checkpoints.latest("s1"));
    }

    @Test
    void everythingFailsClearlyAfterTheJournalIsClosed() {
        journal.close();
        assertThrows(IllegalStateException.class, () -> checkpoints.save("s1", 1, "{}"));
        assertThrows(IllegalStateException.class, () -> checkpoints.latest("s1"));
    }
}
