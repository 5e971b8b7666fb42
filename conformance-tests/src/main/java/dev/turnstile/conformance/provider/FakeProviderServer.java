package dev.turnstile.conformance.provider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fake LLM provider: a small HTTP/1.1 server on 127.0.0.1 that answers the OpenAI
 * ({@value #OPENAI_CHAT_COMPLETIONS_PATH}) and Anthropic ({@value #ANTHROPIC_MESSAGES_PATH}) routes
 * from a {@link Script}, records every request, and can inject network faults. Built on plain
 * sockets (one virtual thread per connection) so chunk boundaries, resets and truncation are
 * exactly as scripted.
 *
 * <pre>{@code
 * try (FakeProviderServer server = FakeProviderServer.start()) {
 *     server.addRule(Rule.when(RequestMatcher.lastUserTextEquals("Hi"))
 *             .respond(OpenAiReply.text("Hello!").inDeltas(2).streamed()));
 *     // point the client under test at server.openAiBaseUrl(), run it, then:
 *     assertEquals(List.of(), server.unmatched());
 * }
 * }</pre>
 *
 * <p>Connections are kept alive between requests unless the client asks otherwise; a response
 * with a fault always ends its connection.
 */
public final class FakeProviderServer implements AutoCloseable {

    /** The OpenAI Chat Completions route. */
    public static final String OPENAI_CHAT_COMPLETIONS_PATH = "/v1/chat/completions";
    /** The Anthropic Messages route. */
    public static final String ANTHROPIC_MESSAGES_PATH = "/v1/messages";

    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);

    private final ServerSocket serverSocket;
    private final Script script;
    private final ServerLimits limits;
    private final TrafficRecorder recorder = new TrafficRecorder();
    private final RequestRouter router;
    private final ExecutorService connectionThreads =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("fake-provider-connection-", 1).factory());
    /** Open connections by id, so close() can end connections that are idle or hanging. */
    private final ConcurrentSkipListMap<Long, Socket> openConnections = new ConcurrentSkipListMap<>();
    private final AtomicLong connectionIds = new AtomicLong();
    private final Thread acceptThread;
    private volatile boolean closing;

    private FakeProviderServer(ServerSocket serverSocket, Script script, ServerLimits limits) {
        this.serverSocket = serverSocket;
        this.script = script;
        this.limits = limits;
        this.router = new RequestRouter(script, recorder);
        this.acceptThread = Thread.ofVirtual().name("fake-provider-accept-" + serverSocket.getLocalPort()).unstarted(this::acceptLoop);
    }

    /** Starts a server with an empty script and default limits, on an ephemeral port. */
    public static FakeProviderServer start() {
        return start(new Script(), ServerLimits.defaults());
    }

    /** Starts a server answering from {@code script}, with default limits. */
    public static FakeProviderServer start(Script script) {
        return start(script, ServerLimits.defaults());
    }

    /** Starts a server answering from {@code script}, with the given limits. */
    public static FakeProviderServer start(Script script, ServerLimits limits) {
        ServerSocket socket;
        try {
            socket = new ServerSocket(0, 50, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the fake provider server to 127.0.0.1", e);
        }
        FakeProviderServer server = new FakeProviderServer(socket, script, limits);
        server.acceptThread.start();
        return server;
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** The base URL OpenAI-style clients expect: {@code http://127.0.0.1:<port>/v1}. */
    public String openAiBaseUrl() {
        return baseUrl() + "/v1";
    }

    /** The base URL Anthropic-style clients expect (they add {@code /v1/messages}): same as {@link #baseUrl()}. */
    public String anthropicBaseUrl() {
        return baseUrl();
    }

    /** The URI of a path on this server, e.g. {@code uri("/v1/messages")}. */
    public URI uri(String path) {
        return URI.create(baseUrl() + path);
    }

    /** The port the server listens on. */
    public int port() {
        return serverSocket.getLocalPort();
    }

    /** The script the server answers from; rules may be added at any time. */
    public Script script() {
        return script;
    }

    /** Appends a rule to the script. */
    public FakeProviderServer addRule(Rule rule) {
        script.add(rule);
        return this;
    }

    /**
     * Appends a one-time rule answering any request on a provider route with {@code response}:
     * a plain queue of such responses is answered in order.
     */
    public FakeProviderServer enqueue(Response response) {
        return addRule(Rule.when(RequestMatcher.any()).respond(response));
    }

    /** Every request received, in arrival order, credentials redacted. */
    public List<RecordedRequest> requests() {
        return recorder.requests();
    }

    /** Requests no rule answered: 404 (no such route) and 500 (no rule matched, or a rule failed). */
    public List<RecordedRequest> unmatched() {
        return recorder.unmatched();
    }

    /** Clients that went away before their response was complete, in the order noticed. */
    public List<ClientDisconnect> clientDisconnects() {
        return recorder.disconnects();
    }

    /** Requests rejected as malformed HTTP or over a limit. */
    public List<ProtocolError> protocolErrors() {
        return recorder.protocolErrors();
    }

    /** How many TCP connections have been accepted; stays 1 while a client reuses one connection. */
    public long connectionsAccepted() {
        return connectionIds.get();
    }

    /**
     * Waits until at least one {@link ClientDisconnect} has been recorded. Returns {@code false}
     * if none came within {@code timeout}; use a generous timeout, it only bounds a failing test.
     */
    public boolean awaitClientDisconnect(Duration timeout) throws InterruptedException {
        return recorder.awaitDisconnects(1, timeout);
    }

    /** Waits until at least {@code count} client disconnects have been recorded. */
    public boolean awaitClientDisconnects(int count, Duration timeout) throws InterruptedException {
        return recorder.awaitDisconnects(count, timeout);
    }

    /** Waits until at least {@code count} requests have been received. */
    public boolean awaitRequests(int count, Duration timeout) throws InterruptedException {
        return recorder.awaitRequests(count, timeout);
    }

    /** Stops accepting, closes every connection (ending hangs), and waits for the threads. Idempotent. */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        closeQuietly(serverSocket);
        openConnections.values().forEach(FakeProviderServer::closeQuietly);
        connectionThreads.shutdownNow();
        try {
            acceptThread.join(SHUTDOWN_WAIT);
            connectionThreads.awaitTermination(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!closing) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                return; // closed by close()
            }
            long id = connectionIds.incrementAndGet();
            openConnections.put(id, socket);
            ConnectionHandler handler = new ConnectionHandler(socket, id, limits, router, recorder,
                    () -> closing, () -> openConnections.remove(id));
            try {
                connectionThreads.execute(handler);
            } catch (RejectedExecutionException e) {
                openConnections.remove(id);
                closeQuietly(socket);
            }
            if (closing) {
                closeQuietly(socket);
            }
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Closing to shut down; there is nothing useful to do with a failure.
        }
    }

    @Override
    public String toString() {
        return "FakeProviderServer[" + baseUrl() + "]";
    }
}
