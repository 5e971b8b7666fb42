package dev.turnstile.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Everything a command touches outside itself: its streams, the environment, the directory relative
 * paths start from, and the signal that asks a long-running command ({@code serve}) to stop. Tests
 * build one over in-memory streams; {@link #system()} is the real process.
 *
 * @param out results (the turn's text, JSON lines, summaries)
 * @param err diagnostics, prompts and progress
 * @param in where {@code run --approve ask} reads y/n answers
 * @param env environment variables (API keys are read through it)
 * @param workingDirectory what relative paths are resolved against
 * @param stop completes when the process is asked to stop (SIGINT/SIGTERM for the real process)
 */
public record Console(PrintStream out, PrintStream err, BufferedReader in, Function<String, String> env,
        Path workingDirectory, CompletableFuture<Void> stop) {

    /** Validates fields. */
    public Console {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        Objects.requireNonNull(stop, "stop");
    }

    /** The process's own streams, environment and working directory. */
    public static Console system() {
        return new Console(new PrintStream(System.out, true, StandardCharsets.UTF_8),
                new PrintStream(System.err, true, StandardCharsets.UTF_8),
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), System::getenv,
                Path.of("").toAbsolutePath(), new CompletableFuture<>());
    }

    /** {@code path} resolved against the working directory (absolute paths stay as they are). */
    public Path resolve(String path) {
        return workingDirectory.resolve(path).toAbsolutePath().normalize();
    }
}
