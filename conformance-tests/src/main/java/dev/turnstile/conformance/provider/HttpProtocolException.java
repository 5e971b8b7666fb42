package dev.turnstile.conformance.provider;

/** A request that breaks HTTP/1.1 or a server limit; the server answers {@link #status()} and closes. */
final class HttpProtocolException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;

    HttpProtocolException(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
