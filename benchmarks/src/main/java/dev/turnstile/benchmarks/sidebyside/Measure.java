package dev.turnstile.benchmarks.sidebyside;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.management.ObjectName;

/**
 * One measurement of one contender in this (fresh) JVM, from one thread. Launched by
 * {@link SideBySide}; prints {@code RESULT key=value ...} lines.
 *
 * <ul>
 *   <li>{@code cpu}: runs turns (each in a new session, dropped afterwards with
 *       {@link Contender#forget}) for the warm-up, then {@code reps} repetitions of a fixed number of
 *       turns sized from the warm-up rate. Per round (= turn / {@value Script#ROUNDS}): CPU time summed over
 *       every live Java thread ({@code ThreadMXBean.getThreadCpuTime}; a library that hands work to other
 *       threads is charged for it), the calling thread's CPU time alone, the process CPU time (adds GC and
 *       JIT threads), bytes allocated by all threads ({@code getTotalThreadAllocatedBytes}), and wall time.</li>
 *   <li>{@code heap}: a short warm-up, then {@code reps} times: heap used after repeated
 *       {@code System.gc()}, {@code sessions} turns in new sessions that are kept, heap used again;
 *       the difference divided by {@code sessions} is the retained heap per idle session.</li>
 * </ul>
 * Every run checks each answer and that the tools ran exactly the scripted number of times.
 */
public final class Measure {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private long turns;

    private Measure() {}

    /** {@code contender mode warmupSeconds reps repSeconds sessions [histogram]}. */
    public static void main(String[] args) throws Exception {
        if (args.length < 6) {
            System.err.println("usage: Measure <contender> cpu|heap <warmupSeconds> <reps> <repSeconds> <sessions> [histogram]");
            System.exit(2);
        }
        String name = args[0];
        String mode = args[1];
        double warmupSeconds = Double.parseDouble(args[2]);
        int reps = Integer.parseInt(args[3]);
        double repSeconds = Double.parseDouble(args[4]);
        int sessions = Integer.parseInt(args[5]);
        boolean histogram = args.length > 6 && args[6].equals("histogram");
        THREADS.setThreadCpuTimeEnabled(true);
        THREADS.setThreadAllocatedMemoryEnabled(true);
        Measure m = new Measure();
        try (Contender contender = Contender.named(name)) {
            switch (mode) {
                case "cpu" -> m.cpu(name, contender, warmupSeconds, reps, repSeconds);
                case "heap" -> m.heap(name, contender, warmupSeconds, reps, sessions, histogram);
                default -> throw new IllegalArgumentException("mode is cpu or heap, not " + mode);
            }
        }
        System.exit(0);
    }

    private void turn(Contender contender, String sessionId, boolean keep) throws Exception {
        String answer = contender.runTurn(sessionId);
        turns++;
        Script.expectAnswer(answer);
        if (!keep) {
            contender.forget(sessionId);
        }
    }

    private void cpu(String name, Contender contender, double warmupSeconds, int reps, double repSeconds)
            throws Exception {
        long warmupTurns = 0;
        long start = System.nanoTime();
        long end = start + (long) (warmupSeconds * 1e9);
        while (System.nanoTime() < end) {
            turn(contender, "w" + warmupTurns++, false);
        }
        double turnsPerSecond = warmupTurns / ((System.nanoTime() - start) / 1e9);
        int perRep = (int) Math.max(20, Math.min(2_000_000, turnsPerSecond * repSeconds));
        Script.expectRuns(turns);
        System.err.printf(Locale.ROOT, "# %s warm-up: %d turns in %.1f s; %d turns per repetition%n", name,
                warmupTurns, warmupSeconds, perRep);
        double[] cpuAll = new double[reps];
        double[] cpuCaller = new double[reps];
        double[] cpuProcess = new double[reps];
        double[] bytes = new double[reps];
        double[] wall = new double[reps];
        for (int rep = 0; rep < reps; rep++) {
            Map<Long, Long> threadsBefore = threadCpu();
            long callerBefore = THREADS.getCurrentThreadCpuTime();
            long processBefore = OS.getProcessCpuTime();
            long allocatedBefore = THREADS.getTotalThreadAllocatedBytes();
            long wallBefore = System.nanoTime();
            for (int i = 0; i < perRep; i++) {
                turn(contender, "r" + rep + "-" + i, false);
            }
            long wallAfter = System.nanoTime();
            long allocatedAfter = THREADS.getTotalThreadAllocatedBytes();
            long processAfter = OS.getProcessCpuTime();
            long callerAfter = THREADS.getCurrentThreadCpuTime();
            long allThreads = cpuSince(threadsBefore);
            double rounds = (double) perRep * Script.ROUNDS;
            cpuAll[rep] = allThreads / rounds;
            cpuCaller[rep] = (callerAfter - callerBefore) / rounds;
            cpuProcess[rep] = (processAfter - processBefore) / rounds;
            bytes[rep] = (allocatedAfter - allocatedBefore) / rounds;
            wall[rep] = (wallAfter - wallBefore) / rounds;
            System.err.printf(Locale.ROOT, "# %s rep %d: cpu(all threads) %.0f ns/round, cpu(caller) %.0f, "
                    + "cpu(process) %.0f, alloc %.0f B/round, wall %.0f ns/round%n", name, rep + 1, cpuAll[rep],
                    cpuCaller[rep], cpuProcess[rep], bytes[rep], wall[rep]);
        }
        Script.expectRuns(turns);
        long[] runs = Script.runs();
        System.out.printf(Locale.ROOT, "RESULT contender=%s mode=cpu reps=%d turnsPerRep=%d "
                        + "cpuAllNs=%s cpuCallerNs=%s cpuProcessNs=%s allocBytes=%s wallNs=%s turns=%d adds=%d lookups=%d%n",
                name, reps, perRep, csv(cpuAll), csv(cpuCaller), csv(cpuProcess), csv(bytes), csv(wall), turns, runs[0],
                runs[1]);
    }

    private void heap(String name, Contender contender, double warmupSeconds, int reps, int sessions,
            boolean histogram) throws Exception {
        long warmupTurns = 0;
        long end = System.nanoTime() + (long) (warmupSeconds * 1e9);
        while (System.nanoTime() < end) {
            turn(contender, "w" + warmupTurns++, false);
        }
        double[] perSession = new double[reps];
        for (int rep = 0; rep < reps; rep++) {
            long before = settledHeapUsed();
            for (int i = 0; i < sessions; i++) {
                turn(contender, "h" + rep + "-" + i, true);
            }
            long after = settledHeapUsed();
            perSession[rep] = (double) (after - before) / sessions;
            System.err.printf(Locale.ROOT, "# %s rep %d: heap %d -> %d bytes, %.0f bytes per idle session%n", name,
                    rep + 1, before, after, perSession[rep]);
        }
        Script.expectRuns(turns);
        if (histogram) {
            printHistogram(name);
        }
        long[] runs = Script.runs();
        System.out.printf(Locale.ROOT, "RESULT contender=%s mode=heap reps=%d sessions=%d retainedBytes=%s turns=%d "
                + "adds=%d lookups=%d%n", name, reps, sessions, csv(perSession), turns, runs[0], runs[1]);
        java.lang.ref.Reference.reachabilityFence(contender);
    }

    private static Map<Long, Long> threadCpu() {
        long[] ids = THREADS.getAllThreadIds();
        long[] cpu = THREADS.getThreadCpuTime(ids);
        Map<Long, Long> out = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (cpu[i] >= 0) {
                out.put(ids[i], cpu[i]);
            }
        }
        return out;
    }

    // CPU used since `before` by the threads alive now (threads started since count from zero; the
    // time of threads that ended in between is lost, which only under-counts).
    private static long cpuSince(Map<Long, Long> before) {
        long total = 0;
        for (Map.Entry<Long, Long> now : threadCpu().entrySet()) {
            total += now.getValue() - before.getOrDefault(now.getKey(), 0L);
        }
        return total;
    }

    private static long settledHeapUsed() throws InterruptedException {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 6; i++) {
            System.gc();
            Thread.sleep(150);
            best = Math.min(best, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return best;
    }

    private static void printHistogram(String name) throws Exception {
        String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        List<String> lines = new ArrayList<>(Arrays.asList(histogram.split("\n")));
        System.err.println("# " + name + " class histogram (top 40):");
        lines.stream().limit(43).forEach(l -> System.err.println("#   " + l));
    }

    private static String csv(double[] values) {
        StringBuilder out = new StringBuilder();
        for (double v : values) {
            if (!out.isEmpty()) {
                out.append(',');
            }
            out.append(String.format(Locale.ROOT, "%.1f", v));
        }
        return out.toString();
    }
}
