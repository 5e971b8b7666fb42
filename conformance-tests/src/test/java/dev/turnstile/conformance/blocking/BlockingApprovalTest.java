package dev.turnstile.conformance.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.turnstile.blocking.BlockingRuntime;
import dev.turnstile.blocking.http.OpenAiChatClient;
import dev.turnstile.conformance.provider.FakeProviderServer;
import dev.turnstile.conformance.provider.OpenAiReply;
import dev.turnstile.conformance.provider.RequestMatcher;
import dev.turnstile.conformance.provider.Rule;
import dev.turnstile.conformance.provider.ScriptedToolCall;
import dev.turnstile.host.Session;
import dev.turnstile.host.SessionOptions;
import dev.turnstile.host.tools.Tools;
import dev.turnstile.machine.Decision;
import dev.turnstile.machine.Effect;
import dev.turnstile.machine.Event;
import dev.turnstile.machine.MachineConfig;
import dev.turnstile.machine.Outcome;
import dev.turnstile.machine.PermissionRule;
import dev.turnstile.machine.PermissionVerdict;
import dev.turnstile.machine.ToolPermissions;
import dev.turnstile.model.Json;
import io.vavr.collection.Vector;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A tool under an "ask" permission waits for a human, then runs once approved. */
class BlockingApprovalTest {

    @Test
    void anApprovedToolRunsAndTheTurnCompletes() throws Exception {
        long seed = Observed.seed("approval");
        AtomicInteger transfers = new AtomicInteger();
        List<Effect.RequestApproval> told = new CopyOnWriteArrayList<>();
        var transfer = Tools.of("transfer", "Moves money", Json.parse("{\"type\":\"object\"}"), args -> {
            transfers.incrementAndGet();
            return "transferred";
        });
        try (FakeProviderServer server = FakeProviderServer.start()) {
            server.addRule(Rule.when(RequestMatcher.toolResultCount(0)).respond(OpenAiReply.toolCalls(
                    ScriptedToolCall.of("call_t", "transfer", "{\"amount\":10}")).streamed()));
            server.addRule(Rule.when(RequestMatcher.hasToolResultFor("call_t"))
                    .respond(OpenAiReply.text("Sent 10.").streamed()));
            try (BlockingRuntime runtime = BlockingRuntime.builder()
                    .model(OpenAiChatClient.builder().baseUrl(server.baseUrl() + "/v1").build())
                    .tool(transfer)
                    .onApprovalRequested((sessionId, request) -> told.add(request))
                    .build()) {
                MachineConfig config = MachineConfig.builder("gpt-4o-mini")
                        .permissions(new ToolPermissions(Vector.of(new PermissionRule("transfer", PermissionVerdict.ASK)),
                                PermissionVerdict.ALLOW))
                        .build();
                Session session = runtime.open(SessionOptions.of("approve", config).withSeed(seed));
                long cursor = session.observations().lastCursor();
                session.send("send 10 to Bob").get(Observed.WAIT_SECONDS, TimeUnit.SECONDS);

                Event.ApprovalRequested requested = Observed.event(session, cursor, Event.ApprovalRequested.class);
                assertEquals("transfer", requested.call().name());
                assertEquals(0, transfers.get(), "the tool must not run before the decision");
                assertEquals(List.of(requested.approvalId()), told.stream().map(Effect.RequestApproval::approvalId).toList());

                session.approve(requested.approvalId(), "alice", "looks right").get(Observed.WAIT_SECONDS, TimeUnit.SECONDS);

                assertEquals(new Outcome.Completed("Sent 10."),
                        session.turnFinished(cursor).get(Observed.WAIT_SECONDS, TimeUnit.SECONDS));
                assertEquals(1, transfers.get());
                Event.ApprovalResolved resolved = Observed.event(session, cursor, Event.ApprovalResolved.class);
                assertEquals(Decision.APPROVE, resolved.decision());
                assertEquals("alice", resolved.principal());
            }
        }
    }
}
