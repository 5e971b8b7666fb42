package dev.turnstile.netty.server;

import dev.turnstile.codec.MachineCodec;
import dev.turnstile.host.AgentRuntime;
import dev.turnstile.host.Session;
import dev.turnstile.host.store.Journal;
import dev.turnstile.host.store.StoreException;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.lang.System.Logger.Level;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which sessions a caller may reach. A session belongs to the tenant in its labels; a session of
 * another tenant is treated exactly like one that does not exist, so nothing (status, message,
 * timing of a store read aside) tells a caller that some other tenant has a session with that id.
 *
 * <p>Sessions live on across server restarts: a session that is in the store but not open in this
 * process is resumed (checkpoint, journal replay, {@code Recovered}) on its owner's first request
 * that needs it. Blocking: store reads and resumes happen here, so call it off the event loop.
 */
final class SessionDirectory {

    private static final System.Logger LOG = System.getLogger(SessionDirectory.class.getName());

    private final AgentRuntime runtime;
    private final Journal journal;
    private final ConcurrentHashMap<String, String> storedTenants = new ConcurrentHashMap<>();

    SessionDirectory(AgentRuntime runtime, Journal journal) {
        this.runtime = runtime;
        this.journal = journal;
    }

    /** Remembers who owns a session the server just created. */
    void created(Session session) {
        storedTenants.put(session.id(), session.snapshot().labels().tenant());
    }

    /**
     * The caller's session, open in this process (resumed if it was only stored).
     *
     * @throws Problem 404 when there is no such session for the caller's tenant
     */
    Session open(Caller caller, String sessionId) {
        Option<Session> open = runtime.find(sessionId);
        if (open.isDefined()) {
            if (!open.get().snapshot().labels().tenant().equals(caller.tenant())) {
                throw Problem.sessionNotFound(sessionId);
            }
            return open.get();
        }
        if (!storedTenant(sessionId).contains(caller.tenant())) {
            throw Problem.sessionNotFound(sessionId);
        }
        return resume(sessionId);
    }

    /**
     * Whether the caller owns a session, open or only stored, without resuming it.
     */
    boolean owns(Caller caller, String sessionId) {
        Option<Session> open = runtime.find(sessionId);
        if (open.isDefined()) {
            return open.get().snapshot().labels().tenant().equals(caller.tenant());
        }
        return storedTenant(sessionId).contains(caller.tenant());
    }

    /** The caller's session ids: open ones and stored ones, sorted. */
    Vector<String> list(Caller caller) {
        return runtime.storedSessions().appendAll(runtime.openSessions()).distinct().sorted()
                .filter(id -> owns(caller, id));
    }

    /** Forgets a session that was archived. */
    void archived(String sessionId) {
        storedTenants.remove(sessionId);
    }

    private synchronized Session resume(String sessionId) {
        // Two first requests at once must not both resume: re-check under the lock.
        Option<Session> open = runtime.find(sessionId);
        if (open.isDefined()) {
            return open.get();
        }
        try {
            Session session = runtime.resume(sessionId);
            LOG.log(Level.INFO, "resumed stored session {0} on first request", sessionId);
            return session;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "resuming session " + sessionId + " failed: " + e);
            throw new Problem(HttpResponseStatus.CONFLICT, "session-unavailable", "session \"" + sessionId
                    + "\" is stored but could not be resumed: " + e.getMessage());
        }
    }

    private Option<String> storedTenant(String sessionId) {
        String known = storedTenants.get(sessionId);
        if (known != null) {
            return Option.some(known);
        }
        try {
            String tenant = MachineCodec.decodeHeader(journal.read(sessionId).headerJson()).labels().tenant();
            storedTenants.put(sessionId, tenant);
            return Option.some(tenant);
        } catch (IllegalArgumentException | StoreException e) {
            return Option.none(); // an invalid id, or no such session: both are simply "not found"
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot read the header of stored session " + sessionId + ": " + e);
            return Option.none();
        }
    }
}
