package dev.turnstile.netty.server;

import dev.turnstile.host.Session;
import dev.turnstile.host.store.Journal;
import dev.turnstile.host.store.JournalContents;
import dev.turnstile.host.store.SessionNotFoundException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vavr.control.Option;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The request pipeline after HTTP decoding: route, authenticate, check the tenant, run the route off
 * the event loop, turn failures into problem responses. Internal errors are logged with a reference
 * the response carries; the response itself holds no stack trace and no secret.
 */
final class Api {

    private static final System.Logger LOG = System.getLogger(Api.class.getName());
    private static final SecureRandom REFERENCES = new SecureRandom();

    private final TokenRegistry tokens;
    private final SessionsApi sessions;
    private final SessionDirectory directory;
    private final Journal journal;
    private final StreamLimits streams;
    private final Executor blocking;
    private final ServerSettings settings;
    private final ServerMetrics metrics;

    Api(TokenRegistry tokens, SessionsApi sessions, SessionDirectory directory, Journal journal, Executor blocking,
            ServerSettings settings, ServerMetrics metrics) {
        this.tokens = tokens;
        this.sessions = sessions;
        this.directory = directory;
        this.journal = journal;
        this.streams = new StreamLimits(settings.maxEventStreamsPerTenant());
        this.blocking = blocking;
        this.settings = settings;
        this.metrics = metrics;
    }

    ServerSettings settings() {
        return settings;
    }

    ServerMetrics metrics() {
        return metrics;
    }

    /** Handles one request; answers through {@code out} exactly once. Called on the event loop. */
    void handle(ApiRequest request, Responder out) {
        metrics.requestReceived();
        switch (Router.match(request.method(), request.path())) {
            case Router.Match.NoSuchPath none -> out.send(ApiResponse.problem(Problem.notFound("no route for "
                    + request.method() + " " + request.path())));
            case Router.Match.MethodNotAllowed wrong -> out.send(ApiResponse.problem(new Problem(
                    HttpResponseStatus.METHOD_NOT_ALLOWED, "method-not-allowed", request.method() + " is not allowed on "
                    + request.path() + "; allowed: " + wrong.allowed().mkString(", ")))
                    .withHeader("Allow", wrong.allowed().mkString(", ")));
            case Router.Match.Found found -> {
                if (!found.route().authenticated()) {
                    out.send(ApiResponse.text(HttpResponseStatus.OK, "ok\n"));
                    return;
                }
                Option<Caller> caller = authenticate(request);
                if (caller.isEmpty()) {
                    out.send(unauthorized(request));
                    return;
                }
                offload(() -> run(found, caller.get(), request, out), out);
            }
        }
    }

    private Option<Caller> authenticate(ApiRequest request) {
        String header = request.header(HttpHeaderNames.AUTHORIZATION).getOrElse("");
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Option.none();
        }
        return tokens.authenticate(header.substring(7).strip());
    }

    private static ApiResponse unauthorized(ApiRequest request) {
        boolean presented = request.header(HttpHeaderNames.AUTHORIZATION).isDefined();
        Problem problem = Problem.unauthorized(presented
                ? "the bearer token is not valid"
                : "this route needs an Authorization: Bearer <token> header");
        return ApiResponse.problem(problem).withHeader("WWW-Authenticate", presented
                ? "Bearer realm=\"turnstile\", error=\"invalid_token\""
                : "Bearer realm=\"turnstile\"");
    }

    private void offload(Runnable work, Responder out) {
        try {
            blocking.execute(work);
        } catch (RejectedExecutionException e) {
            out.send(ApiResponse.problem(new Problem(HttpResponseStatus.SERVICE_UNAVAILABLE, "shutting-down",
                    "the server is shutting down")));
        }
    }

    private void run(Router.Match.Found found, Caller caller, ApiRequest request, Responder out) {
        String id = found.params().get("id").getOrElse("");
        try {
            switch (found.route()) {
                case CREATE_SESSION -> out.send(sessions.create(caller, request));
                case LIST_SESSIONS -> out.send(sessions.list(caller));
                case GET_SESSION -> out.send(sessions.get(caller, id));
                case CLOSE_SESSION -> out.send(sessions.close(caller, id, journal));
                case SEND_MESSAGE -> out.send(sessions.send(caller, id, request));
                case DECIDE_APPROVAL -> out.send(sessions.decide(caller, id,
                        found.params().get("approvalId").get(), request));
                case CANCEL -> out.send(sessions.cancel(caller, id, request));
                case JOURNAL -> journal(caller, id, out);
                case EVENTS -> events(caller, id, request, out);
                case HEALTH -> out.send(ApiResponse.text(HttpResponseStatus.OK, "ok\n"));
            }
        } catch (Problem problem) {
            out.send(ApiResponse.problem(problem));
        } catch (RuntimeException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            String reference = HexFormat.of().formatHex(randomBytes());
            LOG.log(Level.ERROR, "request " + request.method() + " " + request.path() + " failed (reference "
                    + reference + ")", e);
            out.send(ApiResponse.problem(new Problem(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal-error",
                    "the server failed to handle the request; the server log has the details under reference "
                            + reference)));
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[6];
        REFERENCES.nextBytes(bytes);
        return bytes;
    }

    private void journal(Caller caller, String sessionId, Responder out) throws InterruptedException {
        if (!directory.owns(caller, sessionId)) {
            throw Problem.sessionNotFound(sessionId);
        }
        JournalContents contents;
        try {
            contents = journal.read(sessionId);
        } catch (SessionNotFoundException e) {
            throw Problem.sessionNotFound(sessionId); // archived meanwhile
        }
        Responder.ChunkSink sink = out.chunked(JournalDownload.CONTENT_TYPE);
        try {
            JournalDownload.write(contents, sink);
        } catch (RuntimeException | InterruptedException e) {
            sink.abort(); // the head is out: the only honest signal left is an incomplete response
            LOG.log(Level.DEBUG, "journal download of " + sessionId + " aborted: " + e);
        }
    }

    private void events(Caller caller, String sessionId, ApiRequest request, Responder out) {
        Session session = directory.open(caller, sessionId);
        long after = SessionsApi.startCursor(request, session);
        if (!streams.tryOpen(caller.tenant())) {
            throw new Problem(HttpResponseStatus.TOO_MANY_REQUESTS, "too-many-streams", "tenant \""
                    + caller.tenant() + "\" already has " + streams.maxPerTenant() + " open event streams");
        }
        boolean[] released = new boolean[1];
        out.eventStream(session, after, () -> {
            synchronized (released) {
                if (!released[0]) {
                    released[0] = true;
                    streams.closed(caller.tenant());
                }
            }
        });
    }
}
