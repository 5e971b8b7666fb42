package dev.turnstile.cli.demo;

import dev.turnstile.cli.Main;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A second JVM running {@code turnstile} with the same java and class path as this one, its output
 * copied into ours with a prefix on every line so the two processes' output can be told apart.
 */
public final class ChildJvm {

    private final Process process;
    private final List<Thread> pumps = new ArrayList<>();

    private ChildJvm(Process process) {
        this.process = process;
    }

    /**
     * Starts {@code turnstile args…} in a new JVM.
     *
     * @param prefix put before every line the child prints
     */
    public static ChildJvm start(List<String> args, PrintStream out, PrintStream err, String prefix) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable().toString());
        // Start fast: the child runs one short session; C1 alone and the serial collector are plenty.
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        process.getOutputStream().close();
        ChildJvm child = new ChildJvm(process);
        child.pump(process.getInputStream(), out, prefix, "out");
        child.pump(process.getErrorStream(), err, prefix, "err");
        return child;
    }

    /** The java launcher of the running JVM. */
    static Path javaExecutable() {
        boolean windows = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
        return Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java");
    }

    /** The child's process id. */
    public long pid() {
        return process.pid();
    }

    /** Whether it still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Its exit status once it ended. */
    public int exitValue() {
        return process.exitValue();
    }

    /**
     * Kills it at once ({@link Process#destroyForcibly()}, SIGKILL on Unix: no shutdown hooks, no
     * flushing, like a power cut for the process) and waits for it to be gone.
     *
     * @return its exit status (137 = 128 + SIGKILL on Unix)
     */
    public int kill(Duration wait) throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the child JVM (pid " + pid() + ") did not die within " + wait.toSeconds()
                    + " s of SIGKILL");
        }
        return process.exitValue();
    }

    /** Waits for it to end; false on timeout. */
    public boolean await(Duration wait) throws InterruptedException {
        return process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits until everything it printed has been copied. */
    public void drainOutput(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        for (Thread pump : pumps) {
            pump.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
    }

    private void pump(InputStream from, PrintStream to, String prefix, String name) {
        Thread pump = Thread.ofPlatform().daemon().name("child-" + name + "-" + process.pid()).start(() -> {
            try (Reader reader = new InputStreamReader(from, StandardCharsets.UTF_8)) {
                char[] buffer = new char[4096];
                boolean lineStart = true;
                for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
                    StringBuilder chunk = new StringBuilder(n + 32);
                    for (int i = 0; i < n; i++) {
                        if (lineStart) {
                            chunk.append(prefix);
                        }
                        chunk.append(buffer[i]);
                        lineStart = buffer[i] == '\n';
                    }
                    to.print(chunk);
                    to.flush();
                }
                if (!lineStart) {
                    to.println();
                }
            } catch (IOException e) {
                // The child was killed mid-write: its pipe just ends.
            }
        });
        pumps.add(pump);
    }
}
