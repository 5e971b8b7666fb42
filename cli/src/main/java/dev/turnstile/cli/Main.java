package dev.turnstile.cli;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The process entry point of {@code turnstile}: see {@link Cli}. Library logging (the store's and the
 * runtime's {@link System.Logger} notices, through java.util.logging) is limited to warnings unless
 * {@code TURNSTILE_LOG=info} (or another java.util.logging level name) is set, so that the command's
 * own output stays readable.
 */
public final class Main {

    private static final long SHUTDOWN_GRACE_SECONDS = 15;

    private Main() {}

    /** Runs the command and exits with its status. */
    public static void main(String[] args) {
        configureLogging(System.getenv("TURNSTILE_LOG"));
        Console console = Console.system();
        CountDownLatch finished = new CountDownLatch(1);
        // On SIGINT/SIGTERM a long-running command (serve) is asked to stop, and the JVM waits a
        // little for it to close its server and store before it halts.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            console.stop().complete(null);
            try {
                finished.await(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "turnstile-stop"));
        int status = Cli.run(List.of(args), console);
        console.out().flush();
        console.err().flush();
        finished.countDown();
        System.exit(status);
    }

    private static void configureLogging(String level) {
        Level chosen = Level.WARNING;
        if (level != null && !level.isBlank()) {
            try {
                chosen = Level.parse(level.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                System.err.println("turnstile: ignoring TURNSTILE_LOG=" + level + " (not a java.util.logging level)");
            }
        }
        Logger root = Logger.getLogger("");
        root.setLevel(chosen);
        for (var handler : root.getHandlers()) {
            handler.setLevel(chosen);
        }
    }
}
