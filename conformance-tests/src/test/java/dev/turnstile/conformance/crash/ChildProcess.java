package dev.turnstile.conformance.crash;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link CrashChild} JVM seen from the test: launched with this JVM's {@code java} binary and
 * class path, its standard output read line by line on a daemon thread, its standard error kept in a
 * file for diagnosis.
 *
 * <p>{@link #kill()} is {@link Process#destroyForcibly()}, which on Linux (and every POSIX system)
 * is {@code kill(pid, SIGKILL)} in the JDK's {@code ProcessHandleImpl.destroy0}: the child gets no
 * chance to run shutdown hooks, finish a write or close a file. The JDK reports a process that died
 * of signal {@code n} with exit value {@code 128 + n}, so a killed child's exit value is 137, which
 * the test asserts on POSIX systems.
 */
final class ChildProcess implements AutoCloseable {

    /** The exit value of a process killed by SIGKILL, as the JDK reports it on POSIX systems. */
    static final int SIGKILL_EXIT_VALUE = 128 + 9;

    private static final String END_OF_OUTPUT = "\u0000end of output";

    private final Process process;
    private final Path stderr;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private boolean ended;

    private ChildProcess(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        Thread reader = new Thread(this::readOutput, "crash-child-" + process.pid() + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts a child on {@code store}; its standard error goes to {@code stderr}. */
    static ChildProcess launch(Path store, Path ledgers, long seed, List<String> sessionIds, Path stderr) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow(
                () -> new IllegalStateException("cannot tell which java binary runs this test")));
        // Startup dominates a child's life: a small heap, the serial collector and C1 only.
        command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), CrashChild.class.getName()));
        command.addAll(List.of(store.toString(), ledgers.toString(), Long.toString(seed)));
        command.addAll(sessionIds);
        try {
            Process process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.to(stderr.toFile()))
                    .start();
            process.getOutputStream().close(); // the child reads no input
            return new ChildProcess(process, stderr);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a child JVM: " + command, e);
        }
    }

    /**
     * The next protocol line, waiting at most {@code timeout}; empty once the output has ended.
     *
     * @throws AssertionError when nothing comes in time (the child hangs)
     */
    Optional<ChildLine> next(Duration timeout) throws InterruptedException {
        while (!ended) {
            String text = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (text == null) {
                throw new AssertionError("child " + process.pid() + " printed nothing for " + timeout
                        + "\n" + diagnosis());
            }
            if (text.equals(END_OF_OUTPUT)) {
                ended = true;
                break;
            }
            seen.add(text);
            Optional<ChildLine> line = ChildLine.parse(text);
            if (line.isPresent()) {
                return line;
            }
        }
        return Optional.empty();
    }

    /** Kills the child with SIGKILL (a no-op if it has exited already); {@link #awaitExit()} then reaps it. */
    void kill() {
        process.destroyForcibly();
    }

    /** Waits for the child to be gone; returns its exit value. */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(CrashChild.WAIT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("child " + process.pid() + " did not exit\n" + diagnosis());
        }
        return process.exitValue();
    }

    /** What the child printed so far, and the end of its standard error. */
    String diagnosis() {
        String err;
        try {
            err = Files.exists(stderr) ? Files.readString(stderr) : "";
        } catch (IOException e) {
            err = "(cannot read " + stderr + ": " + e + ")";
        }
        if (err.length() > 8000) {
            err = "…" + err.substring(err.length() - 8000);
        }
        return "stdout:\n  " + String.join("\n  ", seen) + "\nstderr (" + stderr + "):\n" + err;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private void readOutput() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                lines.add(text);
            }
        } catch (IOException e) {
            lines.add("(reading the child's output failed: " + e + ")");
        } finally {
            lines.add(END_OF_OUTPUT);
        }
    }
}
