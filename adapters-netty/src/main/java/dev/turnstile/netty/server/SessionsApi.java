package dev.turnstile.netty.server;

import dev.turnstile.host.AgentRuntime;
import dev.turnstile.host.Session;
import dev.turnstile.host.SessionClosedException;
import dev.turnstile.host.SessionOptions;
import dev.turnstile.host.observe.Cursors;
import dev.turnstile.machine.Decision;
import dev.turnstile.machine.Delivery;
import dev.turnstile.machine.Labels;
import dev.turnstile.machine.MachineConfig;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vavr.control.Option;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The session routes. Each method runs on a blocking-capable thread, answers through the
 * {@link Responder} exactly once, and reports client errors by throwing {@link Problem}.
 */
final class SessionsApi {

    private static final SecureRandom IDS = new SecureRandom();

    private final AgentRuntime runtime;
    private final SessionDirectory directory;
    private final SessionTemplate template;
    private final ServerSettings settings;

    SessionsApi(AgentRuntime runtime, SessionDirectory directory, SessionTemplate template, ServerSettings settings) {
        this.runtime = runtime;
        this.directory = directory;
        this.template = template;
        this.settings = settings;
    }

    ApiResponse create(Caller caller, ApiRequest request) {
        RequestBodies body = RequestBodies.parse(request);
        body.allowOnly("model", "system_prompt", "tools", "approval_required", "labels", "seed");
        Option<RequestBodies> labelsBody = body.object("labels");
        labelsBody.forEach(l -> l.allowOnly("agent_template", "correlation_id"));
        Labels labels = new Labels(caller.tenant(), caller.principal(),
                labelsBody.flatMap(l -> l.string("agent_template")).getOrElse(""),
                labelsBody.flatMap(l -> l.string("correlation_id")).getOrElse(""));
        MachineConfig config = template.configFor(body.string("model"), body.string("system_prompt"),
                body.strings("tools"), body.strings("approval_required"));
        SessionOptions options = new SessionOptions(newSessionId(), config, labels, body.integer("seed"));
        Session session;
        try {
            session = runtime.open(options);
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest("the session could not be created: " + e.getMessage());
        }
        directory.created(session);
        ObjectNode view = SessionViews.snapshot(session.snapshot(), session.observations().lastCursor(), true);
        return ApiResponse.json(HttpResponseStatus.CREATED, view).withHeader("Location", "/v1/sessions/" + session.id());
    }

    ApiResponse list(Caller caller) {
        ObjectNode out = SessionViews.JSON.createObjectNode();
        ArrayNode sessions = out.putArray("sessions");
        for (String id : directory.list(caller)) {
            Option<Session> open = runtime.find(id);
            if (open.isDefined()) {
                sessions.add(SessionViews.summary(open.get().snapshot(), true));
            } else {
                ObjectNode stored = sessions.addObject();
                stored.put("id", id);
                stored.put("open", false);
            }
        }
        return ApiResponse.json(HttpResponseStatus.OK, out);
    }

    ApiResponse get(Caller caller, String sessionId) {
        Session session = directory.open(caller, sessionId);
        long cursor = session.observations().lastCursor();
        return ApiResponse.json(HttpResponseStatus.OK, SessionViews.snapshot(session.snapshot(), cursor,
                !session.observations().isClosed()));
    }

    ApiResponse send(Caller caller, String sessionId, ApiRequest request) {
        RequestBodies body = RequestBodies.parse(request);
        body.allowOnly("text", "delivery", "idempotency_key");
        String text = body.requiredString("text");
        Delivery delivery = body.enumeration("delivery", Delivery.class).getOrElse(Delivery.NEXT_BOUNDARY);
        Option<String> key = body.string("idempotency_key").orElse(request.header("Idempotency-Key"));
        Session session = directory.open(caller, sessionId);
        long before = session.observations().lastCursor();
        if (key.isDefined() && session.snapshot().idempotencyKeys().contains(key.get())) {
            ObjectNode out = SessionViews.JSON.createObjectNode();
            out.put("duplicate", true);
            out.put("cursor", Cursors.format(sessionId, before));
            return ApiResponse.json(HttpResponseStatus.OK, out);
        }
        long sequence = await(session.send(text, delivery, key));
        return accepted(sessionId, sequence, before);
    }

    ApiResponse decide(Caller caller, String sessionId, String approvalId, ApiRequest request) {
        RequestBodies body = RequestBodies.parse(request);
        body.allowOnly("decision", "reason", "edited_arguments");
        Decision decision = body.enumeration("decision", Decision.class)
                .getOrElseThrow(() -> Problem.badRequest("\"decision\" is required: \"approve\" or \"deny\""));
        String reason = body.string("reason").getOrElse("");
        Option<String> edited = editedArguments(body.root().get("edited_arguments"));
        Session session = directory.open(caller, sessionId);
        if (!SessionViews.isPending(session.snapshot(), approvalId)) {
            throw Problem.conflict("approval \"" + approvalId + "\" is not waiting for a decision (unknown, expired "
                    + "or already decided)");
        }
        long before = session.observations().lastCursor();
        long sequence = await(session.decide(approvalId, decision, caller.principal(), reason, edited));
        return accepted(sessionId, sequence, before);
    }

    ApiResponse cancel(Caller caller, String sessionId, ApiRequest request) {
        RequestBodies body = RequestBodies.parse(request);
        body.allowOnly("reason");
        String reason = body.string("reason").getOrElse("cancelled over the API by " + caller.principal());
        Session session = directory.open(caller, sessionId);
        long before = session.observations().lastCursor();
        long sequence = await(session.cancel(reason));
        return accepted(sessionId, sequence, before);
    }

    /** Closes the session (cancelling a running turn) and archives it: it is gone from the API. */
    ApiResponse close(Caller caller, String sessionId, dev.turnstile.host.store.Journal journal) {
        if (!directory.owns(caller, sessionId)) {
            throw Problem.sessionNotFound(sessionId);
        }
        await(runtime.close(sessionId));
        try {
            journal.archive(sessionId);
        } catch (dev.turnstile.host.store.SessionNotFoundException e) {
            // Already archived by a concurrent DELETE: the outcome is the same.
        }
        directory.archived(sessionId);
        return ApiResponse.noContent();
    }

    /** The stream's start cursor: {@code Last-Event-ID}, else {@code ?after=} ({@code now} for the newest), else 0. */
    static long startCursor(ApiRequest request, Session session) {
        Option<String> text = request.header("Last-Event-ID").filter(s -> !s.isBlank())
                .orElse(request.queryParameter("after"));
        if (text.isEmpty()) {
            return 0;
        }
        if (text.get().equals("now")) {
            return session.observations().lastCursor();
        }
        try {
            return Cursors.parse(session.id(), text.get().strip());
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest(e.getMessage());
        }
    }

    private ApiResponse accepted(String sessionId, long sequence, long cursorBefore) {
        ObjectNode out = SessionViews.JSON.createObjectNode();
        out.put("sequence", sequence);
        out.put("cursor", Cursors.format(sessionId, cursorBefore));
        return ApiResponse.json(HttpResponseStatus.ACCEPTED, out);
    }

    private static Option<String> editedArguments(JsonNode node) {
        if (node == null || node.isNull()) {
            return Option.none();
        }
        if (node.isObject()) {
            return Option.some(SessionViews.JSON.writeValueAsString(node));
        }
        if (node.isString()) {
            return Option.some(node.asString());
        }
        throw Problem.badRequest("\"edited_arguments\" must be a JSON object (or its text as a string)");
    }

    private <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(settings.requestTimeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new Problem(HttpResponseStatus.SERVICE_UNAVAILABLE, "timeout",
                    "the session did not accept the request within " + settings.requestTimeoutMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Problem(HttpResponseStatus.SERVICE_UNAVAILABLE, "shutting-down", "the server is shutting down");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SessionClosedException) {
                throw new Problem(HttpResponseStatus.CONFLICT, "session-closed", "the session is closed");
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static String newSessionId() {
        byte[] random = new byte[12];
        IDS.nextBytes(random);
        return "s-" + HexFormat.of().formatHex(random);
    }
}
