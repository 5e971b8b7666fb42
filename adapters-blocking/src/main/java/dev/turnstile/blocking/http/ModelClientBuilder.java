package dev.turnstile.blocking.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Objects;

/**
 * Settings every HTTP model client shares: where to send, the key, extra headers, timeouts, streaming.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class ModelClientBuilder<B extends ModelClientBuilder<B>> {

    /** Default connect timeout: 10 s. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Default idle timeout: 60 s without a byte before the headers or between body chunks. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);

    private String baseUrl;
    private ApiKey apiKey = ApiKey.none();
    private final LinkedHashMap<String, String> headers = new LinkedHashMap<>();
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
    private boolean streaming = true;
    private HttpClient httpClient;
    private InstantSource clock = InstantSource.system();

    ModelClientBuilder(String defaultBaseUrl) {
        this.baseUrl = defaultBaseUrl;
    }

    abstract B self();

    /**
     * The provider's base URL, the part before the endpoint path: {@code https://api.openai.com/v1},
     * {@code http://localhost:11434/v1} (Ollama), {@code https://openrouter.ai/api/v1}…
     */
    public B baseUrl(String value) {
        this.baseUrl = Objects.requireNonNull(value, "baseUrl");
        return self();
    }

    /** The API key, given directly. */
    public B apiKey(String value) {
        this.apiKey = ApiKey.of(value);
        return self();
    }

    /** The API key. Default {@link ApiKey#none()}. */
    public B apiKey(ApiKey value) {
        this.apiKey = Objects.requireNonNull(value, "apiKey");
        return self();
    }

    /** The API key from an environment variable, read now; fails naming the variable if it is unset. */
    public B apiKeyFromEnv(String variable) {
        this.apiKey = ApiKey.fromEnvironment(variable);
        return self();
    }

    /** An extra header sent with every request (replacing an earlier value of the same name). */
    public B header(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        headers.remove(headers.keySet().stream().filter(n -> n.equalsIgnoreCase(name)).findFirst().orElse(name));
        headers.put(name, value);
        return self();
    }

    /** How long to wait for the TCP (and TLS) connection. Default {@link #DEFAULT_CONNECT_TIMEOUT}. */
    public B connectTimeout(Duration value) {
        this.connectTimeout = positive(value, "connectTimeout");
        return self();
    }

    /**
     * How long the provider may stay silent, before the response headers and between body chunks,
     * before the call fails as retryable. Default {@link #DEFAULT_IDLE_TIMEOUT}. The machine's own
     * model call deadline bounds the whole call.
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
     * A JDK client to send with (proxy, SSL context, executor of your choice — give it an executor: without
     * one the JDK completes responses on the common ForkJoinPool, which blocking work can starve); the model client then
     * neither configures nor closes it, and {@link #connectTimeout} is the given client's business.
     */
    public B httpClient(HttpClient value) {
        this.httpClient = Objects.requireNonNull(value, "httpClient");
        return self();
    }

    /** The clock used to read an HTTP-date {@code retry-after}. Default the system clock. */
    public B clock(InstantSource value) {
        this.clock = Objects.requireNonNull(value, "clock");
        return self();
    }

    ClientSettings settings() {
        String trimmed = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        URI uri = URI.create(trimmed);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("base URL must be an absolute http or https URL, got \"" + baseUrl + "\"");
        }
        boolean owns = httpClient == null;
        // Without an executor of its own, the JDK client completes sendAsync futures on the common
        // ForkJoinPool, which any blocking task in the JVM can starve (2 cores: one such task stalls every
        // model call). Virtual threads cost nothing idle and cannot be starved that way.
        HttpClient client = owns
                ? HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER)
                        .executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()).build()
                : httpClient;
        return new ClientSettings(uri, apiKey, headers, idleTimeout, streaming, client, owns, clock);
    }

    private static Duration positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
        return value;
    }
}
