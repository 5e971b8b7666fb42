package dev.turnstile.conformance.crash;

import dev.turnstile.blocking.BlockingRuntime;
import dev.turnstile.codec.MachineCodec;
import dev.turnstile.host.Session;
import dev.turnstile.host.SessionOptions;
import dev.turnstile.host.observe.Observation;
import dev.turnstile.host.observe.ObservationHub;
import dev.turnstile.host.store.Durability;
import dev.turnstile.host.store.FileJournalOptions;
import dev.turnstile.machine.Event;
import dev.turnstile.machine.Phase;
import dev.turnstile.machine.QueuedMessage;
import dev.turnstile.machine.SessionState;
import dev.turnstile.model.UserMessage;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The child process of the crash test: runs every session of one store on a {@link BlockingRuntime}
 * with a file journal (fsync group commit) until each session's script is done, resuming the
 * sessions a killed predecessor left behind. It may be killed at any instant.
 *
 * <p>Arguments: store folder, ledger folder, seed, session ids. Standard output carries one line per
 * fact, flushed at once (see {@link ChildLine}); logs go to standard error.
 */
public final class CrashChild {

    /** Bound on every wait inside the child; only a broken child ever reaches it. */
    static final long WAIT_SECONDS = 60;

    private static final PrintStream OUT = new PrintStream(new FileOutputStream(FileDescriptor.out), false,
            StandardCharsets.UTF_8);

    private CrashChild() {}

    /** Runs the child; exits 0 when every session is done, 2 on any failure. */
    public static void main(String[] args) {
        line(ChildLine.START + " " + ProcessHandle.current().pid());
        try {
            run(Path.of(args[0]), Path.of(args[1]), Long.parseLong(args[2]), List.of(args).subList(3, args.length));
            line(ChildLine.EXIT);
            System.exit(0);
        } catch (Throwable t) {
            t.printStackTrace();
            line(ChildLine.FAIL + " " + String.valueOf(t).replace('\n', ' '));
            System.exit(2);
        }
    }

    /** Prints one protocol line and flushes it, so the parent sees it before anything that follows. */
    static void line(String text) {
        synchronized (OUT) {
            OUT.println(text);
            OUT.flush();
        }
    }

    private static void run(Path store, Path ledgers, long seed, List<String> sessionIds) throws Exception {
        try (BlockingRuntime runtime = BlockingRuntime.builder()
                .model(new ScriptedModel(seed))
                .tools(LedgerTools.create(ledgers, seed, CrashChild::line))
                .store(store, FileJournalOptions.defaults().withDurability(Durability.FSYNC_GROUP_COMMIT))
                .build()) {
            List<CompletableFuture<Void>> drivers = new ArrayList<>();
            for (String id : sessionIds) {
                CompletableFuture<Void> done = new CompletableFuture<>();
                Thread.ofVirtual().name("user-" + id).start(() -> {
                    try {
                        drive(runtime, id);
                        done.complete(null);
                    } catch (Throwable t) {
                        done.completeExceptionally(t);
                    }
                });
                drivers.add(done);
            }
            for (CompletableFuture<Void> driver : drivers) {
                driver.get(10 * WAIT_SECONDS, TimeUnit.SECONDS);
            }
        }
    }

    /** Plays one session's user: opens or resumes it, sends what the journal lacks, waits for the end. */
    private static void drive(BlockingRuntime runtime, String id) throws Exception {
        boolean stored = runtime.storedSessions().contains(id);
        Session session = stored ? runtime.resume(id) : runtime.open(SessionOptions.of(id, CrashScript.config()));
        line(ChildLine.READY + " " + id + " " + (stored ? "resumed" : "opened"));
        printTurns(session);
        if (stored) {
            // resume() queued the Recovered input; wait until it is stepped so the state below includes it.
            awaitEvent(session, Event.SessionRecovered.class);
        }
        List<CrashScript.UserStep> steps = CrashScript.userSteps(id);
        for (CrashScript.UserStep step : steps) {
            // A message without a key is sent once: skip it if a predecessor's journal already holds it.
            // One with a key is sent again on purpose: the machine must reject the duplicate.
            if (step.key().isEmpty() && delivered(session.snapshot(), step.text())) {
                continue;
            }
            if (step.whenIdle()) {
                awaitState(session, CrashChild::idle);
            }
            long sequence = session.send(step.text(), step.delivery(), step.key()).get(WAIT_SECONDS, TimeUnit.SECONDS);
            line(ChildLine.ACK + " " + id + " " + sequence + " " + step.index());
        }
        awaitState(session, s -> idle(s) && steps.stream().allMatch(step -> delivered(s, step.text())));
        line(ChildLine.DONE + " " + id + " " + digest(session.snapshot()));
    }

    private static boolean idle(SessionState state) {
        return state.phase() instanceof Phase.AwaitingUser && state.queued().isEmpty();
    }

    private static boolean delivered(SessionState state, String text) {
        return state.transcript().exists(m -> m instanceof UserMessage u && u.text().equals(text))
                || state.queued().exists((QueuedMessage q) -> q.text().equals(text));
    }

    /** A short digest of a state's JSON, compared by the parent with the replayed journal's final state. */
    static String digest(SessionState state) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(MachineCodec.encodeState(state).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Prints a TURN line for every turn that finishes in this process. */
    private static void printTurns(Session session) {
        ObservationHub hub = session.observations();
        AtomicLong cursor = new AtomicLong(0);
        Runnable print = () -> {
            synchronized (cursor) {
                for (List<Observation> batch = hub.read(cursor.get(), 64); !batch.isEmpty();
                        batch = hub.read(cursor.get(), 64)) {
                    for (Observation o : batch) {
                        cursor.set(o.cursor());
                        if (o instanceof Observation.EventObserved(long c, Event.TurnFinished finished)) {
                            line(ChildLine.TURN + " " + session.id() + " " + finished.context().turn() + " "
                                    + finished.outcome().getClass().getSimpleName());
                        }
                    }
                }
            }
        };
        hub.onPublish(print);
        print.run();
    }

    private static void awaitEvent(Session session, Class<? extends Event> type) throws Exception {
        CompletableFuture<Void> seen = new CompletableFuture<>();
        ObservationHub hub = session.observations();
        Runnable check = () -> {
            for (Observation o : hub.read(0, Integer.MAX_VALUE)) {
                if (o instanceof Observation.EventObserved e && type.isInstance(e.event())) {
                    seen.complete(null);
                }
            }
        };
        Runnable remove = hub.onPublish(check);
        try {
            check.run();
            seen.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } finally {
            remove.run();
        }
    }

    /** Waits until {@code condition} holds for the session's state: checked now and after every event. */
    private static void awaitState(Session session, Predicate<SessionState> condition) throws Exception {
        CompletableFuture<Void> reached = new CompletableFuture<>();
        Runnable check = () -> {
            if (condition.test(session.snapshot())) {
                reached.complete(null);
            }
        };
        Runnable remove = session.observations().onPublish(check);
        try {
            check.run();
            reached.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } finally {
            remove.run();
        }
    }
}
