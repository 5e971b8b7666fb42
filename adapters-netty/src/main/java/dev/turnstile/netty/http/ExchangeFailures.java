package dev.turnstile.netty.http;

import dev.turnstile.model.FailureKind;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Classifies transport failures of a model call. Almost everything on the way to a provider is
 * transient (refused, reset, timed out, DNS) and retried by the machine's policy; a TLS handshake
 * that fails on the certificate will fail the same way next time, so it is fatal.
 */
final class ExchangeFailures {

    private ExchangeFailures() {}

    static FailureKind kindOf(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SSLHandshakeException || t instanceof SSLPeerUnverifiedException
                    || t instanceof CertificateException) {
                return FailureKind.FATAL;
            }
        }
        return FailureKind.RETRYABLE;
    }

    /**
     * A short description for the failure message: exception types and messages along the cause
     * chain. Transport exceptions never carry request headers, so no key can appear here.
     */
    static String describe(Throwable cause) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        for (Throwable t = cause; t != null && depth < 3; t = t.getCause(), depth++) {
            if (depth > 0) {
                out.append(" <- ");
            }
            out.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                out.append(": ").append(t.getMessage());
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return out.toString();
    }
}
