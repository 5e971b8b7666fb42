package dev.turnstile.codec;

import dev.turnstile.machine.BudgetLimits;
import dev.turnstile.machine.BudgetPolicy;
import dev.turnstile.machine.BudgetResource;
import dev.turnstile.machine.MachineConfig;
import dev.turnstile.machine.PermissionRule;
import dev.turnstile.machine.PermissionVerdict;
import dev.turnstile.machine.Price;
import dev.turnstile.machine.RetryPolicy;
import dev.turnstile.machine.ToolPermissions;
import dev.turnstile.model.ToolSpec;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/** {@link MachineConfig} and its policies. */
final class ConfigJson {

    private ConfigJson() {}

    static void writeConfig(JsonOut out, MachineConfig c) {
        out.startObject();
        out.string("model", c.model());
        out.string("system_prompt", c.systemPrompt());
        out.array("tools", c.tools(), ModelJson::writeToolSpec);
        out.option("max_output_tokens", c.maxOutputTokens(), JsonOut::int32Value);
        out.option("temperature", c.temperature(), JsonOut::float64Value);
        out.bool("parallel_tool_calls", c.parallelToolCalls());
        out.int32("max_parallel_tools", c.maxParallelTools());
        out.int64("model_call_timeout_millis", c.modelCallTimeoutMillis());
        out.int64("tool_timeout_millis", c.toolTimeoutMillis());
        out.object("retry", c.retry(), ConfigJson::writeRetry);
        out.int32("max_rounds", c.maxRounds());
        out.int32("max_tool_calls_per_turn", c.maxToolCallsPerTurn());
        out.map("max_calls_per_tool", c.maxCallsPerTool(), key -> key, JsonOut::int32Value);
        out.object("permissions", c.permissions(), ConfigJson::writePermissions);
        out.option("approval_expiry_millis", c.approvalExpiryMillis(), JsonOut::int64Value);
        out.object("budget", c.budget(), ConfigJson::writeBudget);
        out.bool("stop_turn_on_tool_failure", c.stopTurnOnToolFailure());
        out.string("grace_round_instruction", c.graceRoundInstruction());
        out.endObject();
    }

    static MachineConfig readConfig(JsonIn in) {
        in.startObject();
        String model = null;
        String systemPrompt = null;
        Vector<ToolSpec> tools = null;
        Option<Integer> maxOutputTokens = Option.none();
        Option<Double> temperature = Option.none();
        Boolean parallelToolCalls = null;
        Integer maxParallelTools = null;
        Long modelCallTimeoutMillis = null;
        Long toolTimeoutMillis = null;
        RetryPolicy retry = null;
        Integer maxRounds = null;
        Integer maxToolCallsPerTurn = null;
        TreeMap<String, Integer> maxCallsPerTool = null;
        ToolPermissions permissions = null;
        Option<Long> approvalExpiryMillis = Option.none();
        BudgetPolicy budget = null;
        Boolean stopTurnOnToolFailure = null;
        String graceRoundInstruction = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "model" -> model = in.string();
                case "system_prompt" -> systemPrompt = in.string();
                case "tools" -> tools = in.vector(ModelJson::readToolSpec);
                case "max_output_tokens" -> maxOutputTokens = in.option(JsonIn::int32);
                case "temperature" -> temperature = in.option(JsonIn::float64);
                case "parallel_tool_calls" -> parallelToolCalls = in.bool();
                case "max_parallel_tools" -> maxParallelTools = in.int32();
                case "model_call_timeout_millis" -> modelCallTimeoutMillis = in.int64();
                case "tool_timeout_millis" -> toolTimeoutMillis = in.int64();
                case "retry" -> retry = readRetry(in);
                case "max_rounds" -> maxRounds = in.int32();
                case "max_tool_calls_per_turn" -> maxToolCallsPerTurn = in.int32();
                case "max_calls_per_tool" -> maxCallsPerTool = in.stringMap(JsonIn::int32);
                case "permissions" -> permissions = readPermissions(in);
                case "approval_expiry_millis" -> approvalExpiryMillis = in.option(JsonIn::int64);
                case "budget" -> budget = readBudget(in);
                case "stop_turn_on_tool_failure" -> stopTurnOnToolFailure = in.bool();
                case "grace_round_instruction" -> graceRoundInstruction = in.string();
                default -> in.skip();
            }
        }
        return new MachineConfig(in.required(model, "model"), in.required(systemPrompt, "system_prompt"),
                in.required(tools, "tools"), maxOutputTokens, temperature,
                in.required(parallelToolCalls, "parallel_tool_calls"),
                in.required(maxParallelTools, "max_parallel_tools"),
                in.required(modelCallTimeoutMillis, "model_call_timeout_millis"),
                in.required(toolTimeoutMillis, "tool_timeout_millis"), in.required(retry, "retry"),
                in.required(maxRounds, "max_rounds"), in.required(maxToolCallsPerTurn, "max_tool_calls_per_turn"),
                in.required(maxCallsPerTool, "max_calls_per_tool"), in.required(permissions, "permissions"),
                approvalExpiryMillis, in.required(budget, "budget"),
                in.required(stopTurnOnToolFailure, "stop_turn_on_tool_failure"),
                in.required(graceRoundInstruction, "grace_round_instruction"));
    }

    static void writeRetry(JsonOut out, RetryPolicy r) {
        out.startObject();
        out.int32("max_attempts", r.maxAttempts());
        out.int64("base_delay_millis", r.baseDelayMillis());
        out.int64("max_delay_millis", r.maxDelayMillis());
        out.int64("retry_after_cap_millis", r.retryAfterCapMillis());
        out.int32("jitter_percent", r.jitterPercent());
        out.endObject();
    }

    static RetryPolicy readRetry(JsonIn in) {
        in.startObject();
        Integer maxAttempts = null;
        Long baseDelayMillis = null;
        Long maxDelayMillis = null;
        Long retryAfterCapMillis = null;
        Integer jitterPercent = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "max_attempts" -> maxAttempts = in.int32();
                case "base_delay_millis" -> baseDelayMillis = in.int64();
                case "max_delay_millis" -> maxDelayMillis = in.int64();
                case "retry_after_cap_millis" -> retryAfterCapMillis = in.int64();
                case "jitter_percent" -> jitterPercent = in.int32();
                default -> in.skip();
            }
        }
        return new RetryPolicy(in.required(maxAttempts, "max_attempts"), in.required(baseDelayMillis, "base_delay_millis"),
                in.required(maxDelayMillis, "max_delay_millis"), in.required(retryAfterCapMillis, "retry_after_cap_millis"),
                in.required(jitterPercent, "jitter_percent"));
    }

    static void writePermissions(JsonOut out, ToolPermissions p) {
        out.startObject();
        out.array("rules", p.rules(), ConfigJson::writeRule);
        out.enumeration("default_verdict", Enums.PERMISSION_VERDICT, p.defaultVerdict());
        out.endObject();
    }

    static ToolPermissions readPermissions(JsonIn in) {
        in.startObject();
        Vector<PermissionRule> rules = null;
        PermissionVerdict defaultVerdict = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "rules" -> rules = in.vector(ConfigJson::readRule);
                case "default_verdict" -> defaultVerdict = in.enumeration(Enums.PERMISSION_VERDICT);
                default -> in.skip();
            }
        }
        return new ToolPermissions(in.required(rules, "rules"), in.required(defaultVerdict, "default_verdict"));
    }

    static void writeRule(JsonOut out, PermissionRule r) {
        out.startObject();
        out.string("tool_name_pattern", r.toolNamePattern());
        out.enumeration("verdict", Enums.PERMISSION_VERDICT, r.verdict());
        out.endObject();
    }

    static PermissionRule readRule(JsonIn in) {
        in.startObject();
        String toolNamePattern = null;
        PermissionVerdict verdict = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "tool_name_pattern" -> toolNamePattern = in.string();
                case "verdict" -> verdict = in.enumeration(Enums.PERMISSION_VERDICT);
                default -> in.skip();
            }
        }
        return new PermissionRule(in.required(toolNamePattern, "tool_name_pattern"), in.required(verdict, "verdict"));
    }

    static void writeBudget(JsonOut out, BudgetPolicy b) {
        out.startObject();
        out.object("turn", b.turn(), ConfigJson::writeLimits);
        out.object("session", b.session(), ConfigJson::writeLimits);
        out.int32("soft_threshold_percent", b.softThresholdPercent());
        out.map("prices", b.prices(), key -> key, ConfigJson::writePrice);
        out.option("guard_deadline_millis", b.guardDeadlineMillis(), JsonOut::int64Value);
        out.endObject();
    }

    static BudgetPolicy readBudget(JsonIn in) {
        in.startObject();
        BudgetLimits turn = null;
        BudgetLimits session = null;
        Integer softThresholdPercent = null;
        TreeMap<String, Price> prices = null;
        Option<Long> guardDeadlineMillis = Option.none();
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "turn" -> turn = readLimits(in);
                case "session" -> session = readLimits(in);
                case "soft_threshold_percent" -> softThresholdPercent = in.int32();
                case "prices" -> prices = in.stringMap(ConfigJson::readPrice);
                case "guard_deadline_millis" -> guardDeadlineMillis = in.option(JsonIn::int64);
                default -> in.skip();
            }
        }
        return new BudgetPolicy(in.required(turn, "turn"), in.required(session, "session"),
                in.required(softThresholdPercent, "soft_threshold_percent"), in.required(prices, "prices"),
                guardDeadlineMillis);
    }

    /** Limits as an object keyed by resource name, in the enum's declaration order. */
    static void writeLimits(JsonOut out, BudgetLimits l) {
        out.startObject();
        out.map("limits", l.limits(), Enums.BUDGET_RESOURCE::name, JsonOut::int64Value);
        out.endObject();
    }

    static BudgetLimits readLimits(JsonIn in) {
        in.startObject();
        TreeMap<BudgetResource, Long> limits = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "limits" -> limits = in.enumMap(Enums.BUDGET_RESOURCE, JsonIn::int64);
                default -> in.skip();
            }
        }
        return new BudgetLimits(in.required(limits, "limits"));
    }

    static void writePrice(JsonOut out, Price p) {
        out.startObject();
        out.int64("input_micros_per_million_tokens", p.inputMicrosPerMillionTokens());
        out.int64("output_micros_per_million_tokens", p.outputMicrosPerMillionTokens());
        out.endObject();
    }

    static Price readPrice(JsonIn in) {
        in.startObject();
        Long input = null;
        Long output = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "input_micros_per_million_tokens" -> input = in.int64();
                case "output_micros_per_million_tokens" -> output = in.int64();
                default -> in.skip();
            }
        }
        return new Price(in.required(input, "input_micros_per_million_tokens"),
                in.required(output, "output_micros_per_million_tokens"));
    }
}
