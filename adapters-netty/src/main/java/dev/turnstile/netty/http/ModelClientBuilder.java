package dev.turnstile.netty.http;

import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Settings every Netty model client shares: where to send, the key, extra headers, timeouts,
 * streaming, and the HTTP transport. The same setters as the blocking adapter's clients, so switching
 * adapters does not change how a client is configured.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class ModelClientBuilder<B extends ModelClientBuilder<B>> {

    /** Default connect timeout: 10 s. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Default idle timeout: 60 s without a byte, before the response head or between body chunks. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);

    private URI baseUrl;
    ApiKey apiKey = ApiKey.NONE;
    private final TreeMap<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
    private boolean streaming = true;
    private NettyHttpClient http;
    private InstantSource clock = InstantSource.system();

    ModelClientBuilder(String defaultBaseUrl) {
        this.baseUrl = URI.create(defaultBaseUrl);
    }

    abstract B self();

    /**
     * The provider's base URL, the part before the endpoint path: {@code https://api.openai.com/v1},
     * {@code http://localhost:11434/v1} (Ollama), {@code https://openrouter.ai/api/v1}…
     */
    public B baseUrl(String value) {
        URI url = URI.create(Objects.requireNonNull(value, "baseUrl"));
        Origin.of(url); // fail now on a scheme or host that cannot be used
        this.baseUrl = url;
        return self();
    }

    /** The API key, given directly. Default none (local servers). */
    public B apiKey(String value) {
        this.apiKey = ApiKey.of(value);
        return self();
    }

    /** The API key from an environment variable, read now; fails naming the variable if it is unset. */
    public B apiKeyFromEnv(String variable) {
        this.apiKey = ApiKey.fromEnvironment(variable);
        return self();
    }

    /** An extra header sent with every request (replacing an earlier value of the same name). */
    public B header(String name, String value) {
        headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return self();
    }

    /**
     * How long to wait for the TCP connection. Default {@link #DEFAULT_CONNECT_TIMEOUT}. With a shared
     * {@link #httpClient transport} this is the transport's business (its {@link HttpClientSettings}).
     */
    public B connectTimeout(Duration value) {
        this.connectTimeout = positive(value, "connectTimeout");
        return self();
    }

    /**
     * How long the provider may stay silent, before the response head and between body chunks, before
     * the call fails as retryable. Default {@link #DEFAULT_IDLE_TIMEOUT}. The machine's own model call
     * deadline bounds the whole call.
     */
    public B idleTimeout(Duration value) {
        this.idleTimeout = positive(value, "idleTimeout");
        return self();
    }

    /** Whether to stream replies (live deltas for observers). Default true. */
    public B streaming(boolean value) {
        this.streaming = value;
        return self();
    }

    /**
     * A shared transport (its event loops, connection pools and limits); the client neither configures
     * nor closes it. Default: a transport of the client's own, closed with the client.
     */
    public B httpClient(NettyHttpClient value) {
        this.http = Objects.requireNonNull(value, "httpClient");
        return self();
    }

    /** The clock used to read an HTTP-date {@code retry-after}. Default the system clock. */
    public B clock(InstantSource value) {
        this.clock = Objects.requireNonNull(value, "clock");
        return self();
    }

    NettyModelClient buildCore(ProviderProtocol protocol) {
        boolean owns = http == null;
        NettyHttpClient transport = owns ? NettyHttpClient.builder()
                .settings(HttpClientSettings.DEFAULTS.withConnectTimeoutMillis(connectTimeout.toMillis())).build() : http;
        return new NettyModelClient(transport, owns, baseUrl, protocol, streaming, Map.copyOf(headers),
                idleTimeout.toMillis(), clock);
    }

    private static Duration positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
        return value;
    }
}
