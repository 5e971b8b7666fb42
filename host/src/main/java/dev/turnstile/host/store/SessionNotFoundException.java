package dev.turnstile.host.store;

/** No live session has the given id (it was never created, or was archived or deleted). */
public final class SessionNotFoundException extends StoreException {

    private static final long serialVersionUID = 1L;

    /** The id that was not found. */
    private final String sessionId;

    /**
     * Creates an exception.
     *
     * @param sessionId the id that was not found
     */
    public SessionNotFoundException(String sessionId) {
        super("no session \"" + sessionId + "\" in the store");
        this.sessionId = sessionId;
    }

    /**
     * The id that was not found.
     *
     * @return the session id
     */
    public String sessionId() {
        return sessionId;
    }
}
