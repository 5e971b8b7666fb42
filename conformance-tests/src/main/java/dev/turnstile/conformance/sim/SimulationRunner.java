package dev.turnstile.conformance.sim;

import dev.turnstile.machine.MachineConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * Runs many simulated sessions whose seeds are spread from one base seed, and for each failure
 * prints the seed, shrinks the trace and writes it as a file. Sessions are independent, so they may
 * be spread over threads; each one is still a single-threaded pure function of its seed, so a run
 * that passes reports the same counts with any number of threads (a failing run stops early, and
 * which sessions ran by then may vary).
 *
 * <pre>{@code
 * RunReport report = SimulationRunner.builder()
 *         .baseSeed(2026).sessions(5_000)
 *         .config(seed -> myConfig)                    // omit to draw a config per session
 *         .traceDirectory(Path.of("target/sim-failures"))
 *         .run();
 * assertTrue(report.passed(), report.summary());
 * }</pre>
 */
public final class SimulationRunner {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final Builder b;

    private SimulationRunner(Builder builder) {
        this.b = builder;
    }

    /** A runner builder with defaults: 1 000 sessions, base seed 0, one thread per processor, shrinking on. */
    public static Builder builder() {
        return new Builder();
    }

    /** The seed of session {@code index} of a run from {@code baseSeed} (SplitMix64, so seeds spread well). */
    public static long sessionSeed(long baseSeed, long index) {
        long z = baseSeed + (index + 1) * GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Runs the sessions and returns the report; stops early once {@code maxFailures} sessions failed. */
    public RunReport run() {
        b.log.printf("turnstile simulator: %,d sessions from base seed %d (re-run one with -Dturnstile.sim.seed=<seed>)%n",
                b.sessions, b.baseSeed);
        long started = System.nanoTime();
        AtomicInteger nextIndex = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicLong inputs = new AtomicLong();
        AtomicLong cpuNanos = new AtomicLong();
        Tally tally = new Tally();
        List<Found> found = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(b.threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < b.threads; t++) {
                workers.add(pool.submit(() -> work(nextIndex, failed, inputs, cpuNanos, tally, found)));
            }
            for (Future<?> w : workers) {
                w.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a simulation worker failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        long elapsed = System.nanoTime() - started;
        found.sort(Comparator.comparingInt(Found::index));
        List<RunReport.Failure> failures = new ArrayList<>();
        for (Found f : found.subList(0, Math.min(found.size(), b.maxFailures))) {
            failures.add(report(f.result));
        }
        int sessions = Math.min(nextIndex.get(), b.sessions);
        RunReport report = new RunReport(b.baseSeed, sessions, inputs.get(), elapsed, cpuNanos.get(), failures, tally);
        b.log.print(report.summary());
        return report;
    }

    private record Found(int index, SimulationResult result) {}

    private void work(AtomicInteger nextIndex, AtomicInteger failed, AtomicLong inputs, AtomicLong cpuNanos, Tally tally,
            List<Found> found) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStart = threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : 0;
        Tally mine = new Tally();
        while (failed.get() < b.maxFailures) {
            int index = nextIndex.getAndIncrement();
            if (index >= b.sessions) {
                break;
            }
            long seed = sessionSeed(b.baseSeed, index);
            SimulationResult result = simulator(seed).run();
            inputs.addAndGet(result.inputs().size());
            mine.addAll(result.tally());
            if (!result.passed()) {
                failed.incrementAndGet();
                synchronized (found) {
                    found.add(new Found(index, result));
                }
            }
        }
        tally.addAll(mine);
        if (threads.isCurrentThreadCpuTimeSupported()) {
            cpuNanos.addAndGet(threads.getCurrentThreadCpuTime() - cpuStart);
        }
    }

    private Simulator simulator(long seed) {
        Simulator sim = b.config == null ? new Simulator(seed) : Simulator.forConfig(seed, b.config.apply(seed));
        for (Property p : b.properties) {
            sim = sim.withProperty(p);
        }
        return sim;
    }

    private RunReport.Failure report(SimulationResult result) {
        Violation violation = result.violation().orElseThrow();
        b.log.println("FAILED seed " + result.seed() + ": " + violation);
        Optional<Shrinker.ShrinkResult> shrunk = Optional.empty();
        Optional<Path> file = Optional.empty();
        if (b.shrink) {
            shrunk = Optional.of(Shrinker.shrink(result));
            if (b.traceDirectory != null) {
                file = Optional.of(TraceFile.write(b.traceDirectory, result, shrunk.get()));
            }
        }
        return new RunReport.Failure(result.seed(), violation, shrunk, file);
    }

    /** Settings of a run. */
    public static final class Builder {
        private long baseSeed;
        private int sessions = 1_000;
        private int threads = Runtime.getRuntime().availableProcessors();
        private LongFunction<MachineConfig> config;
        private final List<Property> properties = new ArrayList<>();
        private Path traceDirectory;
        private boolean shrink = true;
        private int maxFailures = 3;
        private PrintStream log = System.out;

        private Builder() {}

        /** The seed session seeds are derived from; default 0. */
        public Builder baseSeed(long value) {
            this.baseSeed = value;
            return this;
        }

        /** How many sessions; default 1 000. */
        public Builder sessions(int value) {
            this.sessions = value;
            return this;
        }

        /** Worker threads (sessions run one per thread at a time); default one per processor. */
        public Builder threads(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("threads must be positive");
            }
            this.threads = value;
            return this;
        }

        /** The config for each session seed; default: drawn from the seed. */
        public Builder config(LongFunction<MachineConfig> value) {
            this.config = Objects.requireNonNull(value, "config");
            return this;
        }

        /** An extra property checked in every session. */
        public Builder property(Property value) {
            this.properties.add(Objects.requireNonNull(value, "property"));
            return this;
        }

        /** Where shrunk traces of failures are written; default nowhere. */
        public Builder traceDirectory(Path value) {
            this.traceDirectory = value;
            return this;
        }

        /** Whether failures are shrunk; default true. */
        public Builder shrink(boolean value) {
            this.shrink = value;
            return this;
        }

        /** Stop after this many failed sessions; default 3. */
        public Builder maxFailures(int value) {
            this.maxFailures = value;
            return this;
        }

        /** Where progress and failures are printed; default {@code System.out}. */
        public Builder log(PrintStream value) {
            this.log = Objects.requireNonNull(value, "log");
            return this;
        }

        /** The runner. */
        public SimulationRunner build() {
            return new SimulationRunner(this);
        }

        /** Builds and runs. */
        public RunReport run() {
            return build().run();
        }
    }
}
