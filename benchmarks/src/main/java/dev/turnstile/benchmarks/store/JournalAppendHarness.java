package dev.turnstile.benchmarks.store;

import dev.turnstile.benchmarks.machine.Sessions;
import dev.turnstile.codec.JournalHeader;
import dev.turnstile.codec.MachineCodec;
import dev.turnstile.host.store.Durability;
import dev.turnstile.host.store.FileJournal;
import dev.turnstile.host.store.FileJournalOptions;
import dev.turnstile.host.store.JournalStats;
import dev.turnstile.host.store.JournalWriter;
import dev.turnstile.machine.Input;
import dev.turnstile.machine.Labels;
import dev.turnstile.machine.TurnMachine;
import dev.turnstile.replay.EffectSignatures;
import dev.turnstile.replay.JournalRecord;
import dev.turnstile.replay.JournalRecords;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * Journal appends per second on the embedded {@link FileJournal}, for 1, 16 and 256 concurrent
 * sessions, each a platform thread appending to its own writer as fast as the journal lets it, all
 * sharing one journal (one group committer). A manual harness rather than JMH: with 256 threads on 2
 * cores JMH's sum of per-thread rates is meaningless (it reported 13.6 million appends/s where the
 * journal's own counter showed about 1 million), so the score here is appends counted by the
 * threads divided by the wall time of the measurement window, cross-checked with
 * {@link JournalStats}. The entry is a real journal record (a {@code ToolSucceeded} with its effect
 * signatures, 231 characters). Files live under {@code java.io.tmpdir} and are deleted afterwards.
 *
 * <pre>
 * java -cp benchmarks.jar dev.turnstile.benchmarks.store.JournalAppendHarness [warmupSeconds] [seconds] [threads,...]
 * </pre>
 */
public final class JournalAppendHarness {

    private JournalAppendHarness() {}

    /** Runs every durability with every thread count and prints one line each. */
    public static void main(String[] args) throws Exception {
        double warmupSeconds = args.length > 0 ? Double.parseDouble(args[0]) : 2;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 4;
        String threadList = args.length > 2 ? args[2] : "1,16,256";
        String entry = entryJson();
        System.out.printf(Locale.ROOT, "# entry %d chars; warm-up %.0f s, measured %.0f s per configuration%n",
                entry.length(), warmupSeconds, seconds);
        System.out.println("| durability | sessions (threads) | appends/s | appends per sync window | file syncs/s |");
        System.out.println("|---|---|---|---|---|");
        for (Durability durability : Durability.values()) {
            for (String t : threadList.split(",")) {
                run(durability, Integer.parseInt(t), warmupSeconds, seconds, entry);
            }
        }
    }

    private static void run(Durability durability, int threads, double warmupSeconds, double seconds, String entry)
            throws Exception {
        Path directory = Files.createTempDirectory("turnstile-journal-bench-");
        try (FileJournal journal = FileJournal.open(directory, FileJournalOptions.defaults().withDurability(durability))) {
            String header = MachineCodec.encodeHeader(JournalHeader.of("bench", 42L, Sessions.T0, Labels.NONE,
                    Sessions.config(), TurnMachine.VERSION));
            List<JournalWriter> writers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                writers.add(journal.create("s" + i, header));
            }
            LongAdder appends = new LongAdder();
            List<Thread> workers = new ArrayList<>();
            boolean[] stop = {false};
            for (JournalWriter writer : writers) {
                workers.add(Thread.ofPlatform().daemon().start(() -> {
                    while (!stopped(stop)) {
                        writer.append(entry);
                        appends.increment();
                    }
                }));
            }
            Thread.sleep((long) (warmupSeconds * 1000));
            long countBefore = appends.sum();
            JournalStats statsBefore = journal.stats();
            long start = System.nanoTime();
            Thread.sleep((long) (seconds * 1000));
            long count = appends.sum() - countBefore;
            JournalStats stats = journal.stats();
            double elapsed = (System.nanoTime() - start) / 1e9;
            synchronized (stop) {
                stop[0] = true;
            }
            for (Thread w : workers) {
                w.join();
            }
            long windows = stats.syncWindows() - statsBefore.syncWindows();
            long syncs = stats.fileSyncs() - statsBefore.fileSyncs();
            System.out.printf(Locale.ROOT, "| %s | %d | %,.0f | %s | %,.0f |%n", durability, threads, count / elapsed,
                    windows == 0 ? "-" : String.format(Locale.ROOT, "%.1f", (double) count / windows), syncs / elapsed);
            for (JournalWriter writer : writers) {
                writer.close();
            }
        } finally {
            delete(directory);
        }
    }

    private static boolean stopped(boolean[] stop) {
        synchronized (stop) {
            return stop[0];
        }
    }

    private static String entryJson() {
        TurnMachine machine = new TurnMachine(Sessions.config());
        Sessions s = new Sessions(machine);
        var call = Sessions.callModel(s.userMessage());
        var run = Sessions.runTool(s.modelAsksForAdd(call, 0));
        Input.ToolSucceeded input = new Input.ToolSucceeded(s.now().plusMillis(1), run, "1");
        return JournalRecords.encode(new JournalRecord(input, EffectSignatures.of(machine.step(s.state(), input).effects())));
    }

    private static void delete(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
