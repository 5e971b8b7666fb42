package dev.turnstile.conformance.sim;

import dev.turnstile.machine.BudgetLimits;
import dev.turnstile.machine.BudgetPolicy;
import dev.turnstile.machine.BudgetResource;
import dev.turnstile.machine.BudgetScope;
import dev.turnstile.machine.MachineConfig;
import dev.turnstile.machine.PermissionRule;
import dev.turnstile.machine.PermissionVerdict;
import dev.turnstile.machine.Price;
import dev.turnstile.machine.RetryPolicy;
import dev.turnstile.machine.ToolPermissions;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws a whole {@link MachineConfig} from dice: tools with schemas (some idempotent), concurrency
 * cap, timeouts, retry policy, round and tool-call limits, permission rules, approval expiry and
 * budgets with prices and an optional guard. Ranges are small on purpose so that limits are hit
 * often in short sessions.
 */
final class ConfigGenerator {

    /** The model name of every generated config. */
    static final String MODEL = "sim-model";

    private ConfigGenerator() {}

    static MachineConfig draw(Dice dice) {
        List<SimTool> pool = new ArrayList<>(SimTool.POOL);
        int toolCount = dice.between(1, 5);
        Vector<dev.turnstile.model.ToolSpec> tools = Vector.empty();
        for (int i = 0; i < toolCount; i++) {
            SimTool tool = pool.remove(dice.between(0, pool.size() - 1));
            tools = tools.append(tool.spec(dice.chance(0.4)));
        }
        MachineConfig.Builder b = MachineConfig.builder(MODEL)
                .systemPrompt(dice.chance(0.3) ? "" : "You are a simulated agent. Be brief.")
                .tools(tools)
                .parallelToolCalls(dice.chance(0.8))
                .maxParallelTools(dice.between(1, 4))
                .modelCallTimeoutMillis(dice.between(500L, 20_000L))
                .toolTimeoutMillis(dice.between(200L, 10_000L))
                .retry(retry(dice))
                .maxRounds(dice.between(1, 6))
                .maxToolCallsPerTurn(dice.between(1, 12))
                .permissions(permissions(dice))
                .budget(budget(dice))
                .stopTurnOnToolFailure(dice.chance(0.15));
        if (dice.chance(0.3)) {
            b.maxOutputTokens(dice.between(16, 512));
        }
        for (var tool : tools) {
            if (dice.chance(0.25)) {
                b.maxCallsPerTool(tool.name(), dice.between(1, 4));
            }
        }
        if (dice.chance(0.4)) {
            b.approvalExpiryMillis(dice.between(500L, 30_000L));
        }
        return b.build();
    }

    private static RetryPolicy retry(Dice dice) {
        long base = dice.between(0L, 1_000L);
        return new RetryPolicy(dice.between(1, 4), base, dice.between(base, 8_000L), dice.between(0L, 20_000L),
                dice.between(0, 60));
    }

    private static ToolPermissions permissions(Dice dice) {
        Vector<PermissionRule> rules = Vector.empty();
        int count = dice.between(0, 4);
        for (int i = 0; i < count; i++) {
            rules = rules.append(new PermissionRule(dice.pick(SimTool.PATTERNS), verdict(dice)));
        }
        return new ToolPermissions(rules, dice.chance(0.6) ? PermissionVerdict.ALLOW : verdict(dice));
    }

    private static PermissionVerdict verdict(Dice dice) {
        double u = dice.unit();
        return u < 0.4 ? PermissionVerdict.ALLOW : u < 0.8 ? PermissionVerdict.ASK : PermissionVerdict.DENY;
    }

    private static BudgetPolicy budget(Dice dice) {
        if (dice.chance(0.35)) {
            return BudgetPolicy.UNLIMITED;
        }
        BudgetLimits turn = limits(dice, BudgetScope.TURN);
        BudgetLimits session = limits(dice, BudgetScope.SESSION);
        TreeMap<String, Price> prices = dice.chance(0.7)
                ? TreeMap.of(MODEL, new Price(dice.between(0L, 5_000_000L), dice.between(0L, 15_000_000L)))
                : TreeMap.empty();
        Option<Long> guard = dice.chance(0.35) ? Option.some(dice.between(50L, 5_000L)) : Option.none();
        return new BudgetPolicy(turn, session, dice.between(1, 100), prices, guard);
    }

    private static BudgetLimits limits(Dice dice, BudgetScope scope) {
        long scale = scope == BudgetScope.TURN ? 1 : 4;
        BudgetLimits limits = BudgetLimits.NONE;
        for (BudgetResource resource : BudgetResource.values()) {
            if (!dice.chance(0.18) || (scope == BudgetScope.SESSION && resource == BudgetResource.WALL_TIME_MILLIS)) {
                continue;
            }
            long limit = switch (resource) {
                case INPUT_TOKENS, TOTAL_TOKENS -> dice.between(100L, 6_000L);
                case OUTPUT_TOKENS -> dice.between(20L, 2_000L);
                case COST_MICROS -> dice.between(1L, 40_000L);
                case ROUNDS -> dice.between(1L, 6L);
                case TOOL_CALLS -> dice.between(1L, 8L);
                case WALL_TIME_MILLIS -> dice.between(500L, 60_000L);
            };
            limits = limits.with(resource, limit * scale);
        }
        return limits;
    }
}
