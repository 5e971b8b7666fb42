package dev.turnstile.cli;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** A {@link Console} over in-memory streams, and a way to run {@code turnstile} in-process with it. */
public final class TestConsole {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Console console;

    /** A console with the given stdin text, environment and working directory. */
    public TestConsole(String stdin, Map<String, String> env, Path workingDirectory) {
        this.console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new BufferedReader(new StringReader(stdin)),
                env::get, workingDirectory.toAbsolutePath(), new CompletableFuture<>());
    }

    /** A console with no stdin and no environment, in {@code workingDirectory}. */
    public static TestConsole in(Path workingDirectory) {
        return new TestConsole("", Map.of(), workingDirectory);
    }

    /** The console. */
    public Console console() {
        return console;
    }

    /** Runs {@code turnstile args…} in-process and returns its exit status. */
    public int run(String... args) {
        return Cli.run(List.of(args), console);
    }

    /**
     * Runs {@code turnstile args…} on a thread of its own (never the common fork-join pool, which the
     * runtime's own asynchronous steps may need) and completes with its exit status.
     */
    public CompletableFuture<Integer> runInBackground(String... args) {
        return background(() -> run(args));
    }

    /** Runs {@code task} on a new daemon thread. */
    public static <T> CompletableFuture<T> background(java.util.function.Supplier<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("turnstile-test-command").start(() -> {
            try {
                result.complete(task.get());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result;
    }

    /** Everything printed on stdout so far. */
    public String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Everything printed on stderr so far. */
    public String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
