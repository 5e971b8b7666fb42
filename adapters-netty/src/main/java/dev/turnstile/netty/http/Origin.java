package dev.turnstile.netty.http;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * Where HTTP requests go: scheme, host and port. Connections are pooled per origin.
 *
 * @param tls whether the scheme is {@code https}
 * @param host the host name or address literal, as written in the URL (no brackets for IPv6)
 * @param port the port, defaulted from the scheme when the URL has none
 */
record Origin(boolean tls, String host, int port) {

    /** Validates fields. */
    public Origin {
        Objects.requireNonNull(host, "host");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("an origin needs a host");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /**
     * The origin of an {@code http} or {@code https} URL.
     *
     * @throws IllegalArgumentException if the URL has another scheme or no host
     */
    static Origin of(URI url) {
        Objects.requireNonNull(url, "url");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        boolean tls = switch (scheme) {
            case "https" -> true;
            case "http" -> false;
            default -> throw new IllegalArgumentException("only http and https URLs are supported, got \""
                    + scheme + "\" in " + url);
        };
        String host = url.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("the URL has no host: " + url);
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = url.getPort() >= 0 ? url.getPort() : tls ? 443 : 80;
        return new Origin(tls, host, port);
    }

    /** The {@code Host} header value: the port is left out when it is the scheme's default. */
    String hostHeader() {
        String name = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        boolean defaultPort = tls ? port == 443 : port == 80;
        return defaultPort ? name : name + ":" + port;
    }

    @Override
    public String toString() {
        return (tls ? "https://" : "http://") + hostHeader();
    }
}
