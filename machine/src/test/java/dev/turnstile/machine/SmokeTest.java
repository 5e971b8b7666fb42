package dev.turnstile.machine;

import static org.junit.jupiter.api.Assertions.*;

import dev.turnstile.model.*;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SmokeTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void threeParallelToolsOutOfOrder() {
        ToolSpec add = new ToolSpec("add", "adds", Json.parse("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\"}},\"required\":[\"a\"]}"), false);
        TurnMachine m = new TurnMachine(MachineConfig.builder("m").tool(add).maxParallelTools(2).build());
        SessionState s = m.start("s1", 42, T0);
        Step st = m.step(s, Input.UserMessageReceived.of(T0.plusMillis(1), "hi"));
        System.out.println(st);
        Effect.CallModel call = (Effect.CallModel) st.commands().head();
        AssistantMessage msg = new AssistantMessage("", Vector.of(new ToolCall("c1", "add", "{\"a\":1}"),
                new ToolCall("c2", "add", "{\"a\":2}"), new ToolCall("c3", "add", "{\"a\":3}"), new ToolCall("c4", "nope", "{}"),
                new ToolCall("c5", "add", "{\"a\":\"x\"}")));
        st = m.step(st.state(), new Input.ModelReplied(T0.plusMillis(2), call.id(), new ModelReply(msg, Usage.of(10, 5), FinishReason.TOOL_CALLS, "m")));
        st.effects().forEach(System.out::println);
        var runs = st.commands().filter(e -> e instanceof Effect.RunTool).map(e -> (Effect.RunTool) e);
        assertEquals(2, runs.size());
        st = m.step(st.state(), new Input.ToolSucceeded(T0.plusMillis(3), runs.get(1).id(), "two"));
        var run3 = (Effect.RunTool) st.commands().filter(e -> e instanceof Effect.RunTool).head();
        st = m.step(st.state(), new Input.ToolSucceeded(T0.plusMillis(4), run3.id(), "three"));
        st = m.step(st.state(), new Input.ToolSucceeded(T0.plusMillis(5), runs.get(1).id(), "dup"));
        assertTrue(st.events().head() instanceof Event.InputRejected, st.toString());
        st = m.step(st.state(), new Input.ToolSucceeded(T0.plusMillis(6), runs.get(0).id(), "one"));
        st.effects().forEach(System.out::println);
        Effect.CallModel call2 = (Effect.CallModel) st.commands().filter(e -> e instanceof Effect.CallModel).head();
        System.out.println(call2.request().messages().mkString("\n"));
        st = m.step(st.state(), new Input.ModelReplied(T0.plusMillis(7), call2.id(), new ModelReply(AssistantMessage.text("done"), Usage.of(10, 5), FinishReason.END_TURN, "m")));
        st.effects().forEach(System.out::println);
        assertEquals(Option.some(new Outcome.Completed("done")), st.state().lastOutcome());
    }
}
