package dev.turnstile.cli.journal;

import dev.turnstile.cli.CommandFailedException;
import dev.turnstile.cli.ExitCode;
import dev.turnstile.cli.UsageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the journal file a command line names: a journal file itself
 * ({@code <store>/sessions/<id>/journal.jsonl}), a session directory, a store directory and a session
 * id, or a store directory holding exactly one session.
 */
public final class JournalLocation {

    /** The journal file name inside a session directory. */
    public static final String JOURNAL_FILE = "journal.jsonl";

    private JournalLocation() {}

    /**
     * The journal file.
     *
     * @param target a journal file, a session directory or a store directory
     * @param sessionId the session, when {@code target} is a store directory
     * @throws UsageException when the arguments do not name one journal (the message lists the choices)
     * @throws CommandFailedException ({@link ExitCode#IO_ERROR}) when the path does not exist
     */
    public static Path find(Path target, java.util.Optional<String> sessionId) {
        if (!Files.exists(target)) {
            throw new CommandFailedException(ExitCode.IO_ERROR, target + ": no such file or directory");
        }
        if (Files.isRegularFile(target)) {
            if (sessionId.isPresent()) {
                throw new UsageException("give either a journal file or a store directory and a session id, not both");
            }
            return target;
        }
        if (Files.isRegularFile(target.resolve(JOURNAL_FILE)) && sessionId.isEmpty()) {
            return target.resolve(JOURNAL_FILE);
        }
        Path sessions = target.resolve("sessions");
        if (!Files.isDirectory(sessions)) {
            throw new CommandFailedException(ExitCode.IO_ERROR, target + " is neither a journal file, a session "
                    + "directory nor a store directory (no sessions/ inside)");
        }
        if (sessionId.isPresent()) {
            Path file = sessions.resolve(sessionId.get()).resolve(JOURNAL_FILE);
            if (!sessionId.get().matches("[A-Za-z0-9._-]{1,128}") || !Files.isRegularFile(file)) {
                throw new CommandFailedException(ExitCode.IO_ERROR, "no session \"" + sessionId.get() + "\" in "
                        + target + "; sessions: " + describe(sessionsIn(sessions)));
            }
            return file;
        }
        List<String> ids = sessionsIn(sessions);
        if (ids.size() == 1) {
            return sessions.resolve(ids.getFirst()).resolve(JOURNAL_FILE);
        }
        throw new UsageException(target + " holds " + (ids.isEmpty() ? "no sessions" : ids.size()
                + " sessions; name one after the directory: " + describe(ids)));
    }

    private static List<String> sessionsIn(Path sessions) {
        try (Stream<Path> list = Files.list(sessions)) {
            return list.filter(p -> Files.isRegularFile(p.resolve(JOURNAL_FILE)))
                    .map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + sessions + ": " + e.getMessage(), e);
        }
    }

    private static String describe(List<String> ids) {
        if (ids.isEmpty()) {
            return "(none)";
        }
        return ids.size() <= 20 ? String.join(", ", ids) : String.join(", ", ids.subList(0, 20)) + ", …";
    }
}
