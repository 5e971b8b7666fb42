package dev.turnstile.host.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Group commit with real files and real syncs: shared windows, close, interrupts. */
class FileJournalGroupCommitTest {

    private static final int THREADS = 16;
    private static final int SESSIONS = 16;

    @TempDir
    Path store;

    @Test
    @Timeout(300)
    void concurrentAppendsShareSyncsAndStayInOrderPerSession() throws Exception {
        int appendsPerThread = 200;
        try (FileJournal journal = FileJournal.open(store)) {
            List<JournalWriter> writers = createSessions(journal);
            // Every thread walks the sessions in the same order, so threads that run together append
            // to the same files, which one sync per file per window covers.
            JournalContractTest.runConcurrently(THREADS, thread -> {
                for (int i = 0; i < appendsPerThread; i++) {
                    writers.get(i % SESSIONS).append("{\"t\":" + thread + ",\"i\":" + i + "}");
                }
            });
            writers.forEach(JournalWriter::close);
            JournalStats stats = journal.stats();
            int appends = THREADS * appendsPerThread;
            assertEquals(appends, stats.appends());
            assertTrue(stats.fileSyncs() < appends, stats.toString());
            assertTrue(stats.syncWindows() < appends, stats.toString());
            JournalContractTest.assertEveryAppendPresentOnceAndInOrder(
                    journal, THREADS, appendsPerThread, SESSIONS);
        }
    }

    @Test
    @Timeout(300)
    void closeWakesEveryAppenderAndKeepsEveryAcknowledgedEntry() throws Exception {
        FileJournal journal = FileJournal.open(store);
        List<JournalWriter> writers = createSessions(journal);
        AtomicLongArray acknowledged = new AtomicLongArray(SESSIONS);
        ConcurrentHashMap<Integer, String> endings = new ConcurrentHashMap<>();
        CountDownLatch someAppendsDone = new CountDownLatch(THREADS * 5);
        Thread closer = Thread.ofPlatform().start(() -> {
            awaitUninterruptibly(someAppendsDone);
            journal.close();
        });
        JournalContractTest.runConcurrently(THREADS, thread -> {
            try {
                for (int i = 0; ; i++) {
                    int session = (thread + i) % SESSIONS;
                    long sequence = writers.get(session).append("{\"t\":" + thread + ",\"i\":" + i + "}");
                    acknowledged.accumulateAndGet(session, sequence, Math::max);
                    someAppendsDone.countDown();
                }
            } catch (IllegalStateException e) {
                endings.put(thread, e.getMessage());
            }
        });
        closer.join();
        assertEquals(THREADS, endings.size());
        endings.values().forEach(message -> assertTrue(message.contains("closed"), message));
        try (FileJournal reopened = FileJournal.open(store)) {
            for (int s = 0; s < SESSIONS; s++) {
                assertTrue(reopened.read("s" + s).lastSequence() >= acknowledged.get(s),
                        "an acknowledged append of s" + s + " was lost");
            }
        }
    }

    @Test
    void noFsyncModeNeverSyncsAppendsButStillPersists() {
        try (FileJournal journal =
                FileJournal.open(store, FileJournalOptions.defaults().withDurability(Durability.NO_FSYNC))) {
            try (JournalWriter writer = journal.create("s1", "{}")) {
                for (int i = 0; i < 50; i++) {
                    writer.append("{}");
                }
            }
            assertEquals(new JournalStats(50, 0, 0, journal.stats().directorySyncs()), journal.stats());
        }
        try (FileJournal journal = FileJournal.open(store)) {
            assertEquals(50, journal.read("s1").lastSequence());
        }
    }

    @Test
    void aLoneAppenderIsSyncedOncePerAppend() {
        try (FileJournal journal = FileJournal.open(store);
                JournalWriter writer = journal.create("s1", "{}")) {
            for (int i = 0; i < 20; i++) {
                writer.append("{}");
            }
            assertEquals(new JournalStats(20, 20, 20, journal.stats().directorySyncs()),
                    journal.stats());
        }
    }

    @Test
    void anInterruptedAppenderNeitherBreaksTheWriterNorLosesItsInterrupt() {
        try (FileJournal journal = FileJournal.open(store);
                JournalWriter writer = journal.create("s1", "{}")) {
            Thread.currentThread().interrupt();
            try {
                assertEquals(1, writer.append("{\"n\":1}"));
                assertTrue(Thread.currentThread().isInterrupted());
            } finally {
                Thread.interrupted();
            }
            assertEquals(2, writer.append("{\"n\":2}"));
            assertEquals(2, journal.read("s1").lastSequence());
        }
    }

    @Test
    void appendsAfterCloseFailClearly() {
        FileJournal journal = FileJournal.open(store);
        JournalWriter writer = journal.create("s1", "{}");
        writer.append("{}");
        journal.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> writer.append("{}"));
        assertEquals("the journal at " + journal.directory() + " is closed", e.getMessage());
    }

    private static List<JournalWriter> createSessions(Journal journal) {
        List<JournalWriter> writers = new ArrayList<>();
        for (int s = 0; s < SESSIONS; s++) {
            writers.add(journal.create("s" + s, "{}"));
        }
        return writers;
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        while (true) {
            try {
                latch.await();
                return;
            } catch (InterruptedException e) {
                // keep waiting: the test thread owns this latch's timing
            }
        }
    }
}
