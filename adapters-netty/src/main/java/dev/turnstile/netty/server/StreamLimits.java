package dev.turnstile.netty.server;

import java.util.HashMap;

/** Counts open event streams per tenant, so one tenant cannot hold all the server's connections. */
final class StreamLimits {

    private final int maxPerTenant;
    private final HashMap<String, Integer> open = new HashMap<>();

    StreamLimits(int maxPerTenant) {
        this.maxPerTenant = maxPerTenant;
    }

    /** Takes a slot for {@code tenant}; false when the tenant is at its limit. */
    synchronized boolean tryOpen(String tenant) {
        int now = open.getOrDefault(tenant, 0);
        if (now >= maxPerTenant) {
            return false;
        }
        open.put(tenant, now + 1);
        return true;
    }

    /** Gives a slot back. */
    synchronized void closed(String tenant) {
        int now = open.getOrDefault(tenant, 0);
        if (now <= 1) {
            open.remove(tenant);
        } else {
            open.put(tenant, now - 1);
        }
    }

    /** Streams open for {@code tenant} now. */
    synchronized int openFor(String tenant) {
        return open.getOrDefault(tenant, 0);
    }

    int maxPerTenant() {
        return maxPerTenant;
    }
}
