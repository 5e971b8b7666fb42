package dev.turnstile.cli.live;

import dev.turnstile.host.AgentRuntime;
import dev.turnstile.host.Session;
import dev.turnstile.host.SessionOptions;
import dev.turnstile.host.observe.Observation;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Runs one turn of a session in this process and follows it to its outcome. */
public final class Turns {

    private static final long CLOSE_WAIT_SECONDS = 30;

    private Turns() {}

    /** Opens a new session, sends {@code prompt}, follows the turn, closes the session. */
    public static TurnFollower.Followed openAndRun(AgentRuntime runtime, SessionOptions options, String prompt,
            Consumer<Observation> sink, Duration maxWait) throws Exception {
        Session session = runtime.open(options);
        try {
            return send(session, prompt, sink, maxWait);
        } finally {
            session.close().get(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** Sends {@code prompt} to an open session and follows the turn it starts. */
    public static TurnFollower.Followed send(Session session, String prompt, Consumer<Observation> sink,
            Duration maxWait) throws Exception {
        long cursor = session.observations().lastCursor();
        session.send(prompt).get(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        return TurnFollower.untilTurnFinished(session, cursor, sink, maxWait);
    }

    /** Resumes a stored session (recovery) and follows it until its interrupted turn, if any, finishes. */
    public static TurnFollower.Followed resumeAndFinish(AgentRuntime runtime, String sessionId,
            Consumer<Observation> sink, Duration maxWait) throws Exception {
        Session session = runtime.resume(sessionId);
        try {
            return TurnFollower.afterRecovery(session, sink, maxWait);
        } finally {
            session.close().get(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }
}
