package dev.turnstile.host.store;

/** {@link Journal#create} was asked for an id that a live session already has. */
public final class SessionExistsException extends StoreException {

    private static final long serialVersionUID = 1L;

    /** The id that is taken. */
    private final String sessionId;

    /**
     * Creates an exception.
     *
     * @param sessionId the id that is taken
     */
    public SessionExistsException(String sessionId) {
        super("session \"" + sessionId + "\" already exists");
        this.sessionId = sessionId;
    }

    /**
     * The id that is taken.
     *
     * @return the session id
     */
    public String sessionId() {
        return sessionId;
    }
}
