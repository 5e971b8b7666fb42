package dev.turnstile.host.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.turnstile.host.Tool;
import dev.turnstile.host.ToolInvocation;
import dev.turnstile.model.Json;
import dev.turnstile.model.JsonSchemaValidator;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The JSON schema generated for annotated tool methods. */
class ToolSchemaTest {

    enum Priority { LOW, HIGH }

    record Item(@Param(description = "stock keeping unit") String sku, int quantity) {}

    record Order(String customer, List<Item> items, Optional<String> note, Priority priority) {}

    static final class Shop {
        @ToolMethod(name = "place_order", description = "Places an order")
        String placeOrder(@Param(name = "order", description = "what to order") Order order,
                @Param(name = "express") boolean express, @Param(name = "coupon") Optional<String> coupon) {
            return "ok";
        }

        @ToolMethod(description = "Counts things", idempotent = true)
        long count(@Param(name = "small") byte small, @Param(name = "big") BigInteger big,
                @Param(name = "ratio") double ratio, @Param(name = "price") BigDecimal price,
                @Param(name = "tags") List<String> tags, ToolInvocation invocation) {
            return 0;
        }

        @ToolMethod(description = "No arguments at all")
        void ping() {}
    }

    private static Tool tool(String name) {
        return Tools.fromObject(new Shop()).stream().filter(t -> t.spec().name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void toolsAreSortedByNameAndNamedAfterTheMethodByDefault() {
        assertEquals(List.of("count", "ping", "place_order"),
                Tools.fromObject(new Shop()).stream().map(t -> t.spec().name()).toList());
    }

    @Test
    void recordsEnumsListsAndOptionalsBecomeANestedSchema() {
        Tool tool = tool("place_order");
        assertEquals("Places an order", tool.spec().description());
        assertFalse(tool.spec().idempotent());
        String expected = """
                {"type":"object","properties":{\
                "order":{"type":"object","description":"what to order","properties":{\
                "customer":{"type":"string"},\
                "items":{"type":"array","items":{"type":"object","properties":{\
                "sku":{"type":"string","description":"stock keeping unit"},\
                "quantity":{"type":"integer"}},"required":["sku","quantity"],"additionalProperties":false}},\
                "note":{"type":"string"},\
                "priority":{"type":"string","enum":["LOW","HIGH"]}},\
                "required":["customer","items","priority"],"additionalProperties":false},\
                "express":{"type":"boolean"},\
                "coupon":{"type":"string"}},\
                "required":["order","express"],"additionalProperties":false}""";
        assertEquals(Json.parse(expected), tool.spec().inputSchema());
    }

    @Test
    void numberTypesMapToIntegerOrNumberAndTheInvocationIsNotAnArgument() {
        Tool tool = tool("count");
        assertTrue(tool.spec().idempotent());
        String expected = """
                {"type":"object","properties":{\
                "small":{"type":"integer"},"big":{"type":"integer"},\
                "ratio":{"type":"number"},"price":{"type":"number"},\
                "tags":{"type":"array","items":{"type":"string"}}},\
                "required":["small","big","ratio","price","tags"],"additionalProperties":false}""";
        assertEquals(Json.parse(expected), tool.spec().inputSchema());
    }

    @Test
    void aMethodWithoutParametersTakesAnEmptyObject() {
        assertEquals(Json.parse("{\"type\":\"object\",\"properties\":{},\"additionalProperties\":false}"),
                tool("ping").spec().inputSchema());
    }

    @Test
    void theMachinesValidatorAcceptsWhatTheSchemaDescribes() {
        JsonSchemaValidator validator = new JsonSchemaValidator(tool("place_order").spec().inputSchema());
        String valid = """
                {"order":{"customer":"Ada","items":[{"sku":"A-1","quantity":2}],"priority":"HIGH"},"express":true}""";
        assertEquals(List.of(), validator.validate(Json.tree(valid)));
        String invalid = """
                {"order":{"customer":"Ada","items":[{"sku":"A-1","quantity":"2"}],"priority":"URGENT"},"express":true}""";
        assertFalse(validator.validate(Json.tree(invalid)).isEmpty());
    }
}
