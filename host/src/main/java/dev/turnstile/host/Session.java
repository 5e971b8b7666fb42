package dev.turnstile.host;

import dev.turnstile.host.observe.ObservationHub;
import dev.turnstile.machine.Decision;
import dev.turnstile.machine.Delivery;
import dev.turnstile.machine.Input;
import dev.turnstile.machine.Outcome;
import dev.turnstile.machine.SessionState;
import io.vavr.control.Option;
import java.util.concurrent.CompletableFuture;

/**
 * A running session: send messages, decide approvals, cancel, observe, close. Every method is
 * thread-safe and asynchronous; returned futures complete once the input is durable in the journal.
 */
public final class Session {

    private final SessionDriver driver;
    private final TurnWaiter waiter;

    Session(SessionDriver driver) {
        this.driver = driver;
        this.waiter = new TurnWaiter(driver.observations());
    }

    /** The session id. */
    public String id() {
        return driver.sessionId();
    }

    /** Sends a user message, delivered at the next round boundary if a turn is running. */
    public CompletableFuture<Long> send(String text) {
        return send(text, Delivery.NEXT_BOUNDARY, Option.none());
    }

    /** Sends a user message with a delivery policy and an optional idempotency key. */
    public CompletableFuture<Long> send(String text, Delivery delivery, Option<String> idempotencyKey) {
        return driver.submit(at -> new Input.UserMessageReceived(at, text, delivery, idempotencyKey));
    }

    /** Approves a pending tool call as the model asked for it. */
    public CompletableFuture<Long> approve(String approvalId, String principal, String reason) {
        return decide(approvalId, Decision.APPROVE, principal, reason, Option.none());
    }

    /** Denies a pending tool call; the model is told {@code reason}. */
    public CompletableFuture<Long> deny(String approvalId, String principal, String reason) {
        return decide(approvalId, Decision.DENY, principal, reason, Option.none());
    }

    /** Decides a pending approval, optionally with edited arguments (what then runs, and what the model sees). */
    public CompletableFuture<Long> decide(String approvalId, Decision decision, String principal, String reason,
            Option<String> editedArgumentsJson) {
        return driver.submit(at -> new Input.ApprovalDecided(at, approvalId, decision, reason, principal,
                editedArgumentsJson));
    }

    /** Cancels the running turn (a no-op event when idle). */
    public CompletableFuture<Long> cancel(String reason) {
        return driver.submit(at -> new Input.CancelRequested(at, reason));
    }

    /** The latest state: phase, transcript, usage, pending approvals. */
    public SessionState snapshot() {
        return driver.state();
    }

    /** Events and live deltas, by cursor. */
    public ObservationHub observations() {
        return driver.observations();
    }

    /**
     * Completes with the outcome of the first turn that finishes after observation cursor
     * {@code afterCursor}; use {@code observations().lastCursor()} taken before sending.
     */
    public CompletableFuture<Outcome> turnFinished(long afterCursor) {
        return waiter.nextOutcomeAfter(afterCursor);
    }

    /** Closes the session (cancelling a running turn); idempotent. */
    public CompletableFuture<Void> close() {
        return driver.close();
    }

    SessionDriver driver() {
        return driver;
    }
}
