package dev.turnstile.host.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.turnstile.host.Cancellation;
import dev.turnstile.host.ToolArgumentsException;
import dev.turnstile.host.ToolInvocation;
import dev.turnstile.machine.Labels;
import dev.turnstile.model.Json;
import dev.turnstile.model.ToolCall;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lambda tools made with {@link Tools#of}. */
class FunctionToolTest {

    private static final Json SCHEMA = Json.parse("""
            {"type":"object","properties":{"a":{"type":"integer"},"b":{"type":"integer"}},"required":["a","b"]}""");

    private static ToolInvocation invocation(String argumentsJson) {
        return new ToolInvocation(new ToolCall("call_1", "add", argumentsJson), "s:1:1:0", Labels.NONE, new Cancellation());
    }

    @Test
    void aLambdaSeesItsArgumentsAndItsResultIsWrittenAsJson() throws Exception {
        FunctionTool add = Tools.of("add", "Adds two integers", SCHEMA, args -> args.get("a").asInt() + args.get("b").asInt());
        assertEquals("5", add.run(invocation("{\"a\":2,\"b\":3}")));
        assertEquals("add", add.spec().name());
        assertEquals("Adds two integers", add.spec().description());
        assertEquals(SCHEMA, add.spec().inputSchema());
        assertFalse(add.spec().idempotent());
    }

    @Test
    void idempotentReturnsAnIdempotentCopy() {
        FunctionTool add = Tools.of("add", "Adds", SCHEMA, args -> 0);
        FunctionTool idempotent = add.idempotent(true);
        assertTrue(idempotent.spec().idempotent());
        assertFalse(add.spec().idempotent());
        assertEquals("FunctionTool[add, idempotent]", idempotent.toString());
    }

    @Test
    void theInvocationVariantSeesTheIdempotencyKey() throws Exception {
        FunctionTool key = Tools.of("key", "Returns its key", SCHEMA, (args, inv) -> inv.idempotencyKey());
        assertEquals("s:1:1:0", key.run(invocation("{}")));
        FunctionTool list = Tools.of("list", "A list", SCHEMA, (args, inv) -> List.of("x", "y"));
        assertEquals("[\"x\",\"y\"]", list.run(invocation("{}")));
    }

    @Test
    void invalidArgumentTextIsAnArgumentsError() {
        FunctionTool add = Tools.of("add", "Adds", SCHEMA, args -> 0);
        assertThrows(ToolArgumentsException.class, () -> add.run(invocation("{oops")));
    }

    @Test
    void aSchemaThatIsNotAnObjectIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Tools.of("x", "d", Json.parse("[]"), args -> 0));
    }
}
