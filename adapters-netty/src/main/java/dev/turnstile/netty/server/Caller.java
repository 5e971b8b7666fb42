package dev.turnstile.netty.server;

import java.util.Objects;

/**
 * Who made a request, as their bearer token says: the tenant whose sessions they may see and the
 * principal recorded on what they do (session labels, approval decisions).
 */
public record Caller(String tenant, String principal) {
    /** Validates that both are non-empty. */
    public Caller {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(principal, "principal");
        if (tenant.isBlank() || principal.isBlank()) {
            throw new IllegalArgumentException("tenant and principal must not be blank");
        }
    }
}
