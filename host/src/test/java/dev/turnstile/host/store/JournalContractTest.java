package dev.turnstile.host.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviour every {@link Journal} shares, written once and run against each implementation
 * (like Vavr's abstract collection tests).
 */
abstract class JournalContractTest {

    /** Hostile or merely invalid ids; none may reach the storage. */
    static List<String> hostileSessionIds() {
        return List.of("../x", "..", ".", ".hidden", "a/b", "a\\b", "/etc/passwd", "", "a b",
                "caf\u00e9", "a\u0000b", "x\n", "C:x", "x".repeat(129));
    }

    protected Journal journal;

    /** A fresh, empty journal; the test closes it. */
    protected abstract Journal newJournal();

    @BeforeEach
    void openJournal() {
        journal = newJournal();
    }

    @AfterEach
    void closeJournal() {
        journal.close();
    }

    @Test
    void appendedEntriesReadBackInOrderWithTheHeader() {
        try (JournalWriter writer = journal.create("s1", "{\"session\":\"s1\",\"seed\":7}")) {
            assertEquals(0, writer.lastSequence());
            assertEquals(1, writer.append("{\"n\":1}"));
            assertEquals(2, writer.append("{\"n\":2}"));
            assertEquals(3, writer.append("{\"n\":3}"));
            assertEquals(3, writer.lastSequence());
            assertEquals("s1", writer.sessionId());
        }
        JournalContents contents = journal.read("s1");
        assertEquals("s1", contents.sessionId());
        assertEquals("{\"session\":\"s1\",\"seed\":7}", contents.headerJson());
        assertEquals(List.of(new JournalEntry(1, "{\"n\":1}"), new JournalEntry(2, "{\"n\":2}"),
                new JournalEntry(3, "{\"n\":3}")), contents.entries());
        assertEquals(3, contents.lastSequence());
    }

    @Test
    void compactJsonRoundTripsByteForByte() {
        String tricky = "{\"text\":\"caf\u00e9 \\u00e9 \\\"q\\\" \\n \ud83d\ude00 \u2028\",\"big\":"
                + "123456789012345678901234567890,\"float\":1.50e+3,\"neg\":-0.0,\"nested\":"
                + "[{},[],null,true,false],\"empty\":{}}";
        try (JournalWriter writer = journal.create("s1", tricky)) {
            writer.append(tricky);
        }
        JournalContents contents = journal.read("s1");
        assertEquals(tricky, contents.headerJson());
        assertEquals(tricky, contents.entries().getFirst().entryJson());
    }

    @Test
    void lineBreaksAndSurroundingWhitespaceAreStoredAsSpaces() {
        try (JournalWriter writer = journal.create("s1", "{}")) {
            writer.append(" \r\n{\n  \"a\": 1,\r\n  \"b\": [1,\n2]\n}\n\t");
        }
        assertEquals("{   \"a\": 1,    \"b\": [1, 2] }",
                journal.read("s1").entries().getFirst().entryJson());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "[1]", "1", "\"s\"", "null", "{", "{} {}", "{\"a\":1}x",
            "{\"a\":\"x\ny\"}", "{'a':1}", "{\"a\":NaN}", "{\"a\":\"\ud800\"}"})
    void entriesThatAreNotExactlyOneJsonObjectAreRejected(String notAnObject) {
        try (JournalWriter writer = journal.create("s1", "{}")) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> writer.append(notAnObject));
            assertTrue(e.getMessage().contains("must be one JSON object"), e.getMessage());
            assertEquals(0, writer.lastSequence());
        }
        assertThrows(IllegalArgumentException.class, () -> journal.create("s2", notAnObject));
        assertEquals(List.of(), journal.read("s1").entries());
        assertEquals(List.of("s1"), journal.sessions());
    }

    @Test
    void sequenceNumbersContinueAfterTheWriterIsReopened() {
        try (JournalWriter writer = journal.create("s1", "{}")) {
            writer.append("{\"n\":1}");
            writer.append("{\"n\":2}");
        }
        try (JournalWriter writer = journal.openForAppend("s1")) {
            assertEquals(2, writer.lastSequence());
            assertEquals(3, writer.append("{\"n\":3}"));
        }
        assertEquals(List.of(1L, 2L, 3L),
                journal.read("s1").entries().stream().map(JournalEntry::sequence).toList());
    }

    @Test
    void readSeesEntriesWhileTheWriterIsOpen() {
        try (JournalWriter writer = journal.create("s1", "{}")) {
            writer.append("{\"n\":1}");
            assertEquals(1, journal.read("s1").lastSequence());
            writer.append("{\"n\":2}");
            assertEquals(2, journal.read("s1").lastSequence());
        }
    }

    @Test
    void creatingAnExistingSessionFails() {
        journal.create("s1", "{}").close();
        SessionExistsException e =
                assertThrows(SessionExistsException.class, () -> journal.create("s1", "{}"));
        assertEquals("s1", e.sessionId());
    }

    @Test
    void unknownSessionsAreNotFound() {
        assertThrows(SessionNotFoundException.class, () -> journal.openForAppend("nope"));
        assertThrows(SessionNotFoundException.class, () -> journal.read("nope"));
        assertThrows(SessionNotFoundException.class, () -> journal.archive("nope"));
        assertThrows(SessionNotFoundException.class, () -> journal.delete("nope"));
    }

    @Test
    void aSecondWriterForTheSameSessionIsRefused() {
        try (JournalWriter writer = journal.create("s1", "{}")) {
            IllegalStateException e =
                    assertThrows(IllegalStateException.class, () -> journal.openForAppend("s1"));
            assertTrue(e.getMessage().contains("open writer"), e.getMessage());
            writer.append("{}");
        }
        journal.openForAppend("s1").close();
    }

    @Test
    void sessionsAreListedSorted() {
        for (String id : List.of("b", "a-2", "A", "c.1", "a_1")) {
            journal.create(id, "{}").close();
        }
        assertEquals(List.of("A", "a-2", "a_1", "b", "c.1"), journal.sessions());
    }

    @Test
    void archivingRetiresTheSessionAndFreesItsId() {
        try (JournalWriter writer = journal.create("s1", "{\"v\":1}")) {
            writer.append("{}");
        }
        journal.create("s2", "{}").close();
        journal.archive("s1");
        assertEquals(List.of("s2"), journal.sessions());
        assertThrows(SessionNotFoundException.class, () -> journal.read("s1"));
        assertThrows(SessionNotFoundException.class, () -> journal.archive("s1"));
        try (JournalWriter writer = journal.create("s1", "{\"v\":2}")) {
            assertEquals(1, writer.append("{}"));
        }
        assertEquals("{\"v\":2}", journal.read("s1").headerJson());
        StoreException e = assertThrows(StoreException.class, () -> journal.archive("s1"));
        assertTrue(e.getMessage().contains("archive already holds"), e.getMessage());
    }

    @Test
    void deletingRemovesTheSessionForGood() {
        try (JournalWriter writer = journal.create("s1", "{\"v\":1}")) {
            writer.append("{}");
        }
        journal.delete("s1");
        assertEquals(List.of(), journal.sessions());
        assertThrows(SessionNotFoundException.class, () -> journal.read("s1"));
        assertThrows(SessionNotFoundException.class, () -> journal.delete("s1"));
        try (JournalWriter writer = journal.create("s1", "{\"v\":2}")) {
            assertEquals(1, writer.append("{}"));
        }
        journal.delete("s1");
        journal.create("s1", "{}").close();
        assertEquals(List.of(), journal.read("s1").entries());
    }

    @Test
    void archiveAndDeleteRefuseWhileAWriterIsOpen() {
        try (JournalWriter writer = journal.create("s1", "{}")) {
            assertThrows(IllegalStateException.class, () -> journal.archive("s1"));
            assertThrows(IllegalStateException.class, () -> journal.delete("s1"));
            writer.append("{}");
        }
        journal.archive("s1");
    }

    @ParameterizedTest
    @MethodSource("hostileSessionIds")
    void hostileSessionIdsAreRejectedEverywhere(String hostile) {
        List<Consumer<String>> operations = List.of(
                id -> journal.create(id, "{}"),
                id -> journal.openForAppend(id),
                id -> journal.read(id),
                id -> journal.archive(id),
                id -> journal.delete(id));
        for (Consumer<String> operation : operations) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> operation.accept(hostile));
            assertTrue(e.getMessage().startsWith("invalid session id"), e.getMessage());
            assertTrue(e.getMessage().contains("[A-Za-z0-9._-]"), e.getMessage());
        }
        assertEquals(List.of(), journal.sessions());
    }

    @Test
    void theLongestAndOddestValidIdsWork() {
        String longest = "x".repeat(128);
        for (String id : List.of(longest, "a.b_c-D9", "-", "_x", "x..y", "x.")) {
            try (JournalWriter writer = journal.create(id, "{}")) {
                writer.append("{}");
            }
            assertEquals(1, journal.read(id).lastSequence());
        }
        assertThrows(NullPointerException.class, () -> journal.read(null));
    }

    @Test
    void everythingFailsClearlyAfterClose() {
        JournalWriter writer = journal.create("s1", "{}");
        writer.append("{}");
        journal.close();
        journal.close();
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> writer.append("{}"));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> journal.create("s2", "{}"));
        assertThrows(IllegalStateException.class, () -> journal.openForAppend("s1"));
        assertThrows(IllegalStateException.class, () -> journal.read("s1"));
        assertThrows(IllegalStateException.class, () -> journal.sessions());
        assertThrows(IllegalStateException.class, () -> journal.archive("s1"));
        assertThrows(IllegalStateException.class, () -> journal.delete("s1"));
        assertEquals(1, journal.stats().appends());
        writer.close();
    }

    @Test
    void appendAfterTheWriterIsClosedFails() {
        JournalWriter writer = journal.create("s1", "{}");
        writer.append("{}");
        writer.close();
        writer.close();
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> writer.append("{}"));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertEquals(1, journal.read("s1").lastSequence());
    }

    @Test
    void statsCountSuccessfulAppends() {
        try (JournalWriter writer = journal.create("s1", "{}")) {
            writer.append("{}");
            writer.append("{}");
            assertThrows(IllegalArgumentException.class, () -> writer.append("[]"));
        }
        assertEquals(2, journal.stats().appends());
    }

    @Test
    @Timeout(120)
    void concurrentAppendsToSharedSessionsKeepEachSessionConsecutiveAndOrdered() throws Exception {
        int threads = 8;
        int appendsPerThread = 100;
        int sessions = 4;
        List<JournalWriter> writers = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            writers.add(journal.create("s" + s, "{}"));
        }
        runConcurrently(threads, thread -> {
            for (int i = 0; i < appendsPerThread; i++) {
                writers.get((thread + i) % sessions).append("{\"t\":" + thread + ",\"i\":" + i + "}");
            }
        });
        writers.forEach(JournalWriter::close);
        assertEveryAppendPresentOnceAndInOrder(journal, threads, appendsPerThread, sessions);
    }

    /** Runs {@code body(threadIndex)} on platform threads released together; rethrows failures. */
    static void runConcurrently(int threads, ThrowingIntConsumer body) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    body.accept(thread);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get();
            }
        }
    }

    /** Entries {@code {"t":thread,"i":i}}: each exactly once, consecutive, per thread in order. */
    static void assertEveryAppendPresentOnceAndInOrder(Journal journal, int threads,
            int appendsPerThread, int sessions) {
        int total = 0;
        for (int s = 0; s < sessions; s++) {
            List<JournalEntry> entries = journal.read("s" + s).entries();
            Map<Long, Long> lastIndexByThread = new HashMap<>();
            for (int k = 0; k < entries.size(); k++) {
                JournalEntry entry = entries.get(k);
                assertEquals(k + 1, entry.sequence(), "sequence numbers of s" + s);
                String json = entry.entryJson();
                long thread = Long.parseLong(json.replaceAll(".*\"t\":(\\d+).*", "$1"));
                long index = Long.parseLong(json.replaceAll(".*\"i\":(\\d+).*", "$1"));
                Long previous = lastIndexByThread.put(thread, index);
                assertTrue(previous == null || previous < index,
                        "thread " + thread + " out of order in s" + s + ": " + previous + " then " + index);
            }
            total += entries.size();
        }
        assertEquals(threads * appendsPerThread, total);
    }

    /** A body of a concurrent test. */
    @FunctionalInterface
    interface ThrowingIntConsumer {
        void accept(int value) throws Exception;
    }
}
