package dev.turnstile.host;

import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.concurrent.CompletableFuture;

/**
 * Base of the bundled runtimes: every session operation goes to the shared {@link HostRuntime};
 * a subclass adds only its environment (threads, event loops, transports) and how to close it.
 */
public abstract class HostedRuntime implements AgentRuntime {

    /** Creates the runtime; the subclass provides the registry through {@link #host()}. */
    protected HostedRuntime() {}

    /** The registry every session operation goes to. */
    protected abstract HostRuntime host();

    @Override
    public Session open(SessionOptions options) {
        return host().open(options);
    }

    @Override
    public Session resume(String sessionId) {
        return host().resume(sessionId);
    }

    @Override
    public Option<Session> find(String sessionId) {
        return host().find(sessionId);
    }

    @Override
    public Vector<String> openSessions() {
        return host().openSessions();
    }

    @Override
    public Vector<String> storedSessions() {
        return host().storedSessions();
    }

    @Override
    public CompletableFuture<Void> close(String sessionId) {
        return host().close(sessionId);
    }
}
