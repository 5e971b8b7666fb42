package dev.turnstile.benchmarks.sidebyside;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The side-by-side comparison (issue 11, item 5): every contender measured by {@link Measure} in a
 * fresh JVM per measurement, one after the other, then one table with medians and the targets.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.turnstile.benchmarks.sidebyside.SideBySide \
 *     [contenders=plain,langchain4j,langgraph4j,turnstile-memory,turnstile-file] \
 *     [heap=plain,langchain4j,langgraph4j,turnstile-memory,turnstile-file-nofsync] \
 *     [warmup=10] [reps=5] [repSeconds=2] [sessions=10000] [out=benchmarks/target/sidebyside]
 * </pre>
 * Child JVMs get the same flags ({@code -Xms3g -Xmx3g -XX:+UseG1GC}). Their output goes to
 * {@code out/<contender>-<mode>.log}; the table to standard output and {@code out/results.md}.
 */
public final class SideBySide {

    private static final List<String> JVM_FLAGS = List.of("-Xms3g", "-Xmx3g", "-XX:+UseG1GC");

    private SideBySide() {}

    /** Runs the comparison. */
    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new LinkedHashMap<>();
        opt.put("contenders", "plain,langchain4j,langgraph4j,turnstile-memory,turnstile-file");
        opt.put("heap", "plain,langchain4j,langgraph4j,turnstile-memory,turnstile-file-nofsync");
        opt.put("warmup", "10");
        opt.put("reps", "5");
        opt.put("repSeconds", "2");
        opt.put("sessions", "10000");
        opt.put("out", "benchmarks/target/sidebyside");
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq < 0 || !opt.containsKey(a.substring(0, eq))) {
                throw new IllegalArgumentException("unknown argument " + a + "; known: " + opt.keySet());
            }
            opt.put(a.substring(0, eq), a.substring(eq + 1));
        }
        Path out = Path.of(opt.get("out"));
        Files.createDirectories(out);
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Map<String, Map<String, String>> cpu = new LinkedHashMap<>();
        Map<String, Map<String, String>> heap = new LinkedHashMap<>();
        for (String c : list(opt.get("contenders"))) {
            cpu.put(c, run(out, c, "cpu", opt.get("warmup"), opt.get("reps"), opt.get("repSeconds"), "0"));
        }
        for (String c : list(opt.get("heap"))) {
            // Each durable session keeps its journal file open: one repetition stays under the file limit.
            String reps = c.startsWith("turnstile-file") ? "1" : opt.get("reps");
            heap.put(c, run(out, c, "heap", "3", reps, "0", opt.get("sessions")));
        }
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        String table = table(cpu, heap, opt, loadBefore, loadAfter);
        System.out.println(table);
        Files.writeString(out.resolve("results.md"), table);
    }

    private static List<String> list(String csv) {
        return csv.isBlank() ? List.of() : Arrays.asList(csv.split(","));
    }

    private static Map<String, String> run(Path out, String contender, String mode, String warmup, String reps,
            String repSeconds, String sessions) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(JVM_FLAGS);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Measure.class.getName());
        command.addAll(List.of(contender, mode, warmup, reps, repSeconds, sessions));
        if (mode.equals("heap")) {
            command.add("histogram");
        }
        System.err.println("# running " + String.join(" ", command.subList(command.size() - 7, command.size())));
        Path log = out.resolve(contender + "-" + mode + ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int exit = p.waitFor();
        Map<String, String> result = new LinkedHashMap<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.startsWith("# " + contender + " rep") || line.startsWith("# " + contender + " warm")) {
                System.err.println(line);
            }
            if (line.startsWith("RESULT ")) {
                for (String kv : line.substring(7).split(" ")) {
                    int eq = kv.indexOf('=');
                    result.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
            }
        }
        if (exit != 0 || result.isEmpty()) {
            System.err.println("# " + contender + " " + mode + " FAILED (exit " + exit + "), see " + log);
            result.put("failed", "exit " + exit + ", see " + log);
        }
        return result;
    }

    static double median(String csv) {
        double[] v = Arrays.stream(csv.split(",")).mapToDouble(Double::parseDouble).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    static String range(String csv, double scale) {
        double[] v = Arrays.stream(csv.split(",")).mapToDouble(Double::parseDouble).sorted().toArray();
        return String.format(Locale.ROOT, "%.2f–%.2f", v[0] / scale, v[v.length - 1] / scale);
    }

    private static String table(Map<String, Map<String, String>> cpu, Map<String, Map<String, String>> heap,
            Map<String, String> opt, double loadBefore, double loadAfter) {
        StringBuilder t = new StringBuilder();
        t.append(String.format(Locale.ROOT, "Side by side: %s cores, Java %s, load average %.1f before / %.1f after; "
                        + "warm-up %s s, %s repetitions of ~%s s, retained heap over %s idle sessions.%n%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), loadBefore, loadAfter,
                opt.get("warmup"), opt.get("reps"), opt.get("repSeconds"), opt.get("sessions")));
        t.append("| contender | CPU µs/round, all threads (median; min–max) | CPU µs/round, calling thread | "
                + "CPU µs/round, process | KB allocated/round | wall µs/round |\n|---|---|---|---|---|---|\n");
        for (var e : cpu.entrySet()) {
            Map<String, String> r = e.getValue();
            if (r.containsKey("failed")) {
                t.append("| ").append(e.getKey()).append(" | failed: ").append(r.get("failed")).append(" | | | | |\n");
                continue;
            }
            t.append(String.format(Locale.ROOT, "| %s | %.2f (%s) | %.2f | %.2f | %.2f | %.2f |%n", e.getKey(),
                    median(r.get("cpuAllNs")) / 1e3, range(r.get("cpuAllNs"), 1e3), median(r.get("cpuCallerNs")) / 1e3,
                    median(r.get("cpuProcessNs")) / 1e3, median(r.get("allocBytes")) / 1024,
                    median(r.get("wallNs")) / 1e3));
        }
        t.append("\n| contender | retained heap per idle session, KB (median; min–max) |\n|---|---|\n");
        for (var e : heap.entrySet()) {
            Map<String, String> r = e.getValue();
            if (r.containsKey("failed")) {
                t.append("| ").append(e.getKey()).append(" | failed: ").append(r.get("failed")).append(" |\n");
                continue;
            }
            t.append(String.format(Locale.ROOT, "| %s | %.2f (%s; %s rep.) |%n", e.getKey(),
                    median(r.get("retainedBytes")) / 1024, range(r.get("retainedBytes"), 1024), r.get("reps")));
        }
        t.append(verdicts(cpu, heap));
        return t.toString();
    }

    private static String verdicts(Map<String, Map<String, String>> cpu, Map<String, Map<String, String>> heap) {
        StringBuilder t = new StringBuilder("\nTargets (CPU = all threads, medians):\n");
        Double plain = cpuMedian(cpu, "plain");
        Double lc4j = cpuMedian(cpu, "langchain4j");
        Double lg4j = cpuMedian(cpu, "langgraph4j");
        Double mem = cpuMedian(cpu, "turnstile-memory");
        Double file = cpuMedian(cpu, "turnstile-file");
        if (plain != null && mem != null && lc4j != null) {
            t.append(String.format(Locale.ROOT, "- in memory, overhead over plain %.2f µs ≤ 1/5 of LangChain4j's %.2f µs"
                    + " (= %.2f µs): %s%n", (mem - plain) / 1e3, (lc4j - plain) / 1e3, (lc4j - plain) / 5e3,
                    mem - plain <= (lc4j - plain) / 5 ? "MET" : "MISSED"));
        }
        if (plain != null && mem != null && lg4j != null) {
            t.append(String.format(Locale.ROOT, "- in memory, overhead over plain %.2f µs ≤ 1/100 of LangGraph4j's %.2f µs"
                    + " (= %.2f µs): %s%n", (mem - plain) / 1e3, (lg4j - plain) / 1e3, (lg4j - plain) / 100e3,
                    mem - plain <= (lg4j - plain) / 100 ? "MET" : "MISSED"));
        }
        if (file != null && lg4j != null) {
            t.append(String.format(Locale.ROOT, "- durable journal, CPU/round %.2f µs ≤ 1/20 of LangGraph4j's %.2f µs"
                    + " (= %.2f µs): %s%n", file / 1e3, lg4j / 1e3, lg4j / 20e3, file <= lg4j / 20 ? "MET" : "MISSED"));
        }
        Double heapPlain = heapMedian(heap, "plain");
        Double heapMem = heapMedian(heap, "turnstile-memory");
        if (heapPlain != null && heapMem != null) {
            t.append(String.format(Locale.ROOT, "- retained heap per idle session %.2f KB ≤ 1.2 × plain's %.2f KB"
                    + " (= %.2f KB): %s%n", heapMem / 1024, heapPlain / 1024, 1.2 * heapPlain / 1024,
                    heapMem <= 1.2 * heapPlain ? "MET" : "MISSED"));
        }
        return t.toString();
    }

    private static Double cpuMedian(Map<String, Map<String, String>> cpu, String name) {
        Map<String, String> r = cpu.get(name);
        return r == null || r.containsKey("failed") ? null : median(r.get("cpuAllNs"));
    }

    private static Double heapMedian(Map<String, Map<String, String>> heap, String name) {
        Map<String, String> r = heap.get(name);
        return r == null || r.containsKey("failed") ? null : median(r.get("retainedBytes"));
    }
}
