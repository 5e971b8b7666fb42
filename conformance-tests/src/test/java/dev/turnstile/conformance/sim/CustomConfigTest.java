package dev.turnstile.conformance.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.turnstile.machine.BudgetLimits;
import dev.turnstile.machine.BudgetPolicy;
import dev.turnstile.machine.BudgetResource;
import dev.turnstile.machine.Event;
import dev.turnstile.machine.MachineConfig;
import dev.turnstile.machine.PermissionRule;
import dev.turnstile.machine.PermissionVerdict;
import dev.turnstile.machine.Price;
import dev.turnstile.machine.ToolPermissions;
import dev.turnstile.model.Json;
import dev.turnstile.model.ToolSpec;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The README's recipe: the simulator drives a user's own agent config, with a property of the user's own. */
class CustomConfigTest {

    static final MachineConfig AGENT = MachineConfig.builder("gpt-4o")
            .systemPrompt("You book trips.")
            .tool(new ToolSpec("find_flights", "search flights", Json.parse("""
                    {"type":"object","properties":{
                      "from":{"type":"string","minLength":3,"maxLength":3},
                      "to":{"type":"string","minLength":3,"maxLength":3},
                      "passengers":{"type":"integer","minimum":1,"maximum":9},
                      "filters":{"type":"object","properties":{"nonstop":{"type":"boolean"},
                                 "cabins":{"type":"array","items":{"enum":["economy","business"]},"maxItems":2}}}},
                     "required":["from","to"],"additionalProperties":false}"""), true))
            .tool(new ToolSpec("book_flight", "book a flight", Json.parse("""
                    {"type":"object","properties":{"flight":{"type":"string","minLength":4,"maxLength":8},
                      "paid":{"const":true}},"required":["flight","paid"]}"""), false))
            // The generator does not model "pattern": calls to this tool get error results, which is fine.
            .tool(new ToolSpec("cancel_booking", "cancel a booking", Json.parse("""
                    {"type":"object","properties":{"booking":{"type":"string","pattern":"^BK[0-9]{6}$"}},
                     "required":["booking"]}"""), false))
            .permissions(new ToolPermissions(Vector.of(new PermissionRule("book_*", PermissionVerdict.ASK)),
                    PermissionVerdict.ALLOW))
            .maxRounds(4)
            .maxParallelTools(2)
            .approvalExpiryMillis(120_000)
            .budget(new BudgetPolicy(BudgetLimits.NONE.with(BudgetResource.TOTAL_TOKENS, 20_000),
                    BudgetLimits.NONE.with(BudgetResource.COST_MICROS, 500_000), 80,
                    TreeMap.of("gpt-4o", new Price(2_500_000, 10_000_000)), Option.some(2_000L)))
            .build();

    @Test
    void aUsersConfigHoldsEveryInvariant() {
        RunReport report = SimulationRunner.builder()
                .baseSeed(2026).sessions(1_000).threads(2)
                .config(seed -> AGENT)
                .log(quiet())
                .run();
        assertTrue(report.passed(), report::summary);
        assertTrue(report.tally().get("effect RunTool") > 100, "the world's arguments must pass the user's schemas");
        assertTrue(report.tally().get("effect RequestApproval") > 10, "book_flight asks for approval");
    }

    @Test
    void aUsersPropertyIsCheckedAndReported() {
        Property atMostTwoToolRunsPerStep = Property.of("at most one tool run starts per step",
                step -> step.events().count(e -> e instanceof Event.ToolCallStarted) > 1
                        ? java.util.Optional.of("several tool runs started at once")
                        : java.util.Optional.empty());
        RunReport report = SimulationRunner.builder()
                .baseSeed(1).sessions(2_000).threads(1).maxFailures(1)
                .config(seed -> AGENT)
                .property(atMostTwoToolRunsPerStep)
                .log(quiet())
                .run();
        assertFalse(report.passed(), "with maxParallelTools(2) two runs do start together");
        assertEquals("at most one tool run starts per step", report.failures().get(0).violation().key());
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
