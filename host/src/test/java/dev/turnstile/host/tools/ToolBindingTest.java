package dev.turnstile.host.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.turnstile.host.BlockingTool;
import dev.turnstile.host.Cancellation;
import dev.turnstile.host.ToolArgumentsException;
import dev.turnstile.host.ToolInvocation;
import dev.turnstile.machine.Labels;
import dev.turnstile.model.ToolCall;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Binding the model's argument JSON to annotated tool methods, and the errors when it does not fit. */
class ToolBindingTest {

    enum Priority { LOW, HIGH }

    record Item(String sku, int quantity) {
        Item {
            if (quantity <= 0) {
                throw new IllegalArgumentException("quantity must be positive");
            }
        }
    }

    record Order(String customer, List<Item> items, Optional<String> note, Priority priority) {}

    record Receipt(String customer, int lines, boolean express) {}

    static final class Shop {
        final List<Object> seen = new ArrayList<>();

        @ToolMethod(name = "place_order", description = "Places an order")
        Receipt placeOrder(@Param(name = "order") Order order, @Param(name = "express") boolean express,
                @Param(name = "coupon") Optional<String> coupon, ToolInvocation invocation) {
            seen.add(order);
            seen.add(coupon);
            seen.add(invocation);
            return new Receipt(order.customer(), order.items().size(), express);
        }

        @ToolMethod(description = "Echoes")
        String echo(@Param(name = "text") String text) {
            return text;
        }

        @ToolMethod(description = "Fails")
        String fail(@Param(name = "why") String why) throws IOException {
            throw new IOException(why);
        }

        @ToolMethod(description = "Does nothing")
        void nothing() {}
    }

    private final Shop shop = new Shop();

    private String run(String tool, String argumentsJson) throws Exception {
        return runWith(tool, invocation(tool, argumentsJson));
    }

    private String runWith(String tool, ToolInvocation invocation) throws Exception {
        BlockingTool t = (BlockingTool) Tools.fromObject(shop).stream()
                .filter(x -> x.spec().name().equals(tool)).findFirst().orElseThrow();
        return t.run(invocation);
    }

    private static ToolInvocation invocation(String tool, String argumentsJson) {
        return new ToolInvocation(new ToolCall("call_1", tool, argumentsJson), "s:1:1:0", Labels.NONE, new Cancellation());
    }

    private String failure(String tool, String argumentsJson) {
        return assertThrows(ToolArgumentsException.class, () -> run(tool, argumentsJson)).getMessage();
    }

    @Test
    void recordsBindThroughTheirConstructorAndResultsAreWrittenAsJson() throws Exception {
        ToolInvocation inv = invocation("place_order", """
                {"order":{"customer":"Ada","items":[{"sku":"A-1","quantity":2},{"sku":"B-2","quantity":1}],\
                "priority":"HIGH","note":"ring twice"},"express":true,"coupon":"SPRING"}""");
        String output = runWith("place_order", inv);
        assertEquals("{\"customer\":\"Ada\",\"lines\":2,\"express\":true}", output);
        assertEquals(new Order("Ada", List.of(new Item("A-1", 2), new Item("B-2", 1)), Optional.of("ring twice"),
                Priority.HIGH), shop.seen.get(0));
        assertEquals(Optional.of("SPRING"), shop.seen.get(1));
        assertSame(inv, shop.seen.get(2));
    }

    @Test
    void absentOptionalsBindAsEmpty() throws Exception {
        run("place_order", "{\"order\":{\"customer\":\"Ada\",\"items\":[],\"priority\":\"LOW\"},\"express\":false}");
        assertEquals(new Order("Ada", List.of(), Optional.empty(), Priority.LOW), shop.seen.get(0));
        assertEquals(Optional.empty(), shop.seen.get(1));
    }

    @Test
    void explicitNullForAnOptionalIsEmptyToo() throws Exception {
        run("place_order", "{\"order\":{\"customer\":\"Ada\",\"items\":[],\"priority\":\"LOW\",\"note\":null},"
                + "\"express\":false,\"coupon\":null}");
        assertEquals(new Order("Ada", List.of(), Optional.empty(), Priority.LOW), shop.seen.get(0));
        assertEquals(Optional.empty(), shop.seen.get(1));
    }

    @Test
    void stringsAreReturnedAsIsAndVoidAsEmpty() throws Exception {
        assertEquals("plain \"text\"", run("echo", "{\"text\":\"plain \\\"text\\\"\"}"));
        assertEquals("", run("nothing", "{}"));
        assertEquals("", run("nothing", ""));
    }

    @Test
    void theToolsOwnExceptionIsThrownUnwrapped() {
        IOException e = assertThrows(IOException.class, () -> run("fail", "{\"why\":\"disk full\"}"));
        assertEquals("disk full", e.getMessage());
    }

    @Test
    void aMissingRequiredArgumentIsNamedWithItsPath() {
        assertEquals("arguments of tool \"place_order\" do not match its parameters: $.order.items[0].quantity: "
                + "required but missing; $.express: required but missing",
                failure("place_order", "{\"order\":{\"customer\":\"Ada\",\"items\":[{\"sku\":\"A\"}],\"priority\":\"LOW\"}}"));
    }

    @Test
    void aWrongTypeIsNamedWithItsPathAndTheValueGiven() {
        assertEquals("arguments of tool \"place_order\" do not match its parameters: "
                + "$.order.items[1].quantity: expected an integer, got a string (\"2\")",
                failure("place_order", "{\"order\":{\"customer\":\"Ada\",\"items\":[{\"sku\":\"A\",\"quantity\":1},"
                        + "{\"sku\":\"B\",\"quantity\":\"2\"}],\"priority\":\"LOW\"},\"express\":true}"));
        assertEquals("arguments of tool \"echo\" do not match its parameters: $.text: expected a string, got null",
                failure("echo", "{\"text\":null}"));
        assertEquals("arguments of tool \"place_order\" do not match its parameters: "
                + "$.order: expected an object (Order), got an array",
                failure("place_order", "{\"order\":[],\"express\":true}"));
    }

    @Test
    void anUnknownEnumValueListsTheKnownOnes() {
        assertEquals("arguments of tool \"place_order\" do not match its parameters: "
                + "$.order.priority: unknown value \"URGENT\" for Priority; expected one of: LOW, HIGH",
                failure("place_order", "{\"order\":{\"customer\":\"Ada\",\"items\":[],\"priority\":\"URGENT\"},"
                        + "\"express\":true}"));
    }

    @Test
    void integersMustFitTheirJavaType() {
        assertEquals("arguments of tool \"place_order\" do not match its parameters: "
                + "$.order.items[0].quantity: 3000000000 is out of range for int (-2147483648..2147483647)",
                failure("place_order", "{\"order\":{\"customer\":\"Ada\",\"items\":[{\"sku\":\"A\",\"quantity\":3000000000}],"
                        + "\"priority\":\"LOW\"},\"express\":true}"));
        assertEquals("arguments of tool \"place_order\" do not match its parameters: "
                + "$.order.items[0].quantity: expected an integer, got a number (2.5)",
                failure("place_order", "{\"order\":{\"customer\":\"Ada\",\"items\":[{\"sku\":\"A\",\"quantity\":2.5}],"
                        + "\"priority\":\"LOW\"},\"express\":true}"));
    }

    @Test
    void unknownPropertiesAreRefusedSoThatTyposDoNotPassSilently() {
        assertEquals("arguments of tool \"echo\" do not match its parameters: $.text: required but missing; "
                + "$.txt: unknown property; expected one of: text", failure("echo", "{\"txt\":\"hi\"}"));
    }

    @Test
    void aRecordConstructorsOwnValidationIsReportedWithItsPath() {
        assertEquals("arguments of tool \"place_order\" do not match its parameters: "
                + "$.order.items[0]: quantity must be positive",
                failure("place_order", "{\"order\":{\"customer\":\"Ada\",\"items\":[{\"sku\":\"A\",\"quantity\":0}],"
                        + "\"priority\":\"LOW\"},\"express\":true}"));
    }

    @Test
    void argumentsThatAreNotAJsonObjectAreRefused() {
        String invalid = failure("echo", "{\"text\":\"a\"");
        assertTrue(invalid.startsWith("arguments of tool \"echo\" are not valid JSON: "), invalid);
        assertEquals("arguments of tool \"echo\" must be a JSON object, got: an array", failure("echo", "[1]"));
    }
}
