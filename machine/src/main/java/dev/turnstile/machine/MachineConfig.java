package dev.turnstile.machine;

import dev.turnstile.model.ToolSpec;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * Immutable policy for a {@link TurnMachine}: the model, tools, limits, permissions and budgets.
 * Build one with {@link #builder(String)}; every field has a documented default.
 *
 * @param model model name sent with every call
 * @param systemPrompt system prompt, empty for none
 * @param tools tools offered to the model; names unique
 * @param maxOutputTokens output token limit per call, if any
 * @param temperature sampling temperature, if set
 * @param parallelToolCalls whether the model may ask for several tools in one reply
 * @param maxParallelTools how many tool runs may be in flight at once; the rest queue in call order
 * @param modelCallTimeoutMillis deadline of each model call attempt
 * @param toolTimeoutMillis deadline of each tool run
 * @param retry model call retry policy
 * @param maxRounds rounds per turn before the grace round (one more round asking the model to finish)
 * @param maxToolCallsPerTurn tool calls per turn; calls over it are answered with an error result
 * @param maxCallsPerTool tool calls per turn for specific tools
 * @param permissions who may run what
 * @param approvalExpiryMillis if set, an approval not decided in time ends as a denial (timers never approve)
 * @param budget limits, prices and the optional host guard
 * @param stopTurnOnToolFailure whether a failed tool run ends the turn instead of informing the model
 * @param graceRoundInstruction the message that tells the model, in its grace round, to finish now
 */
public record MachineConfig(
        String model,
        String systemPrompt,
        Vector<ToolSpec> tools,
        Option<Integer> maxOutputTokens,
        Option<Double> temperature,
        boolean parallelToolCalls,
        int maxParallelTools,
        long modelCallTimeoutMillis,
        long toolTimeoutMillis,
        RetryPolicy retry,
        int maxRounds,
        int maxToolCallsPerTurn,
        TreeMap<String, Integer> maxCallsPerTool,
        ToolPermissions permissions,
        Option<Long> approvalExpiryMillis,
        BudgetPolicy budget,
        boolean stopTurnOnToolFailure,
        String graceRoundInstruction) {

    /** The default grace round instruction. */
    public static final String DEFAULT_GRACE_ROUND_INSTRUCTION =
            "You have reached the limit of tool rounds for this request. Do not call any more tools: "
                    + "answer now with what you have found so far.";

    /** Validates fields and cross-field rules. */
    public MachineConfig {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(systemPrompt, "systemPrompt");
        Objects.requireNonNull(tools, "tools");
        Objects.requireNonNull(maxOutputTokens, "maxOutputTokens");
        Objects.requireNonNull(temperature, "temperature");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(maxCallsPerTool, "maxCallsPerTool");
        Objects.requireNonNull(permissions, "permissions");
        Objects.requireNonNull(approvalExpiryMillis, "approvalExpiryMillis");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(graceRoundInstruction, "graceRoundInstruction");
        requirePositive("maxParallelTools", maxParallelTools);
        requirePositive("modelCallTimeoutMillis", modelCallTimeoutMillis);
        requirePositive("toolTimeoutMillis", toolTimeoutMillis);
        requirePositive("maxRounds", maxRounds);
        requirePositive("maxToolCallsPerTurn", maxToolCallsPerTurn);
        if (approvalExpiryMillis.exists(ms -> ms <= 0)) {
            throw new IllegalArgumentException("approvalExpiryMillis must be positive");
        }
        if (tools.map(ToolSpec::name).distinct().size() != tools.size()) {
            throw new IllegalArgumentException("tool names must be unique: " + tools.map(ToolSpec::name));
        }
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    /** A builder with defaults for {@code model}. */
    public static Builder builder(String model) {
        return new Builder(model);
    }

    /** A builder starting from this config. */
    public Builder toBuilder() {
        Builder b = new Builder(model);
        b.systemPrompt = systemPrompt;
        b.tools = tools;
        b.maxOutputTokens = maxOutputTokens;
        b.temperature = temperature;
        b.parallelToolCalls = parallelToolCalls;
        b.maxParallelTools = maxParallelTools;
        b.modelCallTimeoutMillis = modelCallTimeoutMillis;
        b.toolTimeoutMillis = toolTimeoutMillis;
        b.retry = retry;
        b.maxRounds = maxRounds;
        b.maxToolCallsPerTurn = maxToolCallsPerTurn;
        b.maxCallsPerTool = maxCallsPerTool;
        b.permissions = permissions;
        b.approvalExpiryMillis = approvalExpiryMillis;
        b.budget = budget;
        b.stopTurnOnToolFailure = stopTurnOnToolFailure;
        b.graceRoundInstruction = graceRoundInstruction;
        return b;
    }

    /** Builds a {@link MachineConfig}; defaults are listed on each setter. */
    public static final class Builder {
        private final String model;
        private String systemPrompt = "";
        private Vector<ToolSpec> tools = Vector.empty();
        private Option<Integer> maxOutputTokens = Option.none();
        private Option<Double> temperature = Option.none();
        private boolean parallelToolCalls = true;
        private int maxParallelTools = 4;
        private long modelCallTimeoutMillis = 120_000;
        private long toolTimeoutMillis = 60_000;
        private RetryPolicy retry = RetryPolicy.DEFAULT;
        private int maxRounds = 25;
        private int maxToolCallsPerTurn = 64;
        private TreeMap<String, Integer> maxCallsPerTool = TreeMap.empty();
        private ToolPermissions permissions = ToolPermissions.ALLOW_ALL;
        private Option<Long> approvalExpiryMillis = Option.none();
        private BudgetPolicy budget = BudgetPolicy.UNLIMITED;
        private boolean stopTurnOnToolFailure = false;
        private String graceRoundInstruction = DEFAULT_GRACE_ROUND_INSTRUCTION;

        private Builder(String model) {
            this.model = Objects.requireNonNull(model, "model");
        }

        /** System prompt; default empty. */
        public Builder systemPrompt(String value) {
            this.systemPrompt = value;
            return this;
        }

        /** Tools offered; default none. */
        public Builder tools(Vector<ToolSpec> value) {
            this.tools = value;
            return this;
        }

        /** Adds one tool. */
        public Builder tool(ToolSpec value) {
            this.tools = tools.append(value);
            return this;
        }

        /** Output token limit per call; default none. */
        public Builder maxOutputTokens(int value) {
            this.maxOutputTokens = Option.some(value);
            return this;
        }

        /** Sampling temperature; default provider's. */
        public Builder temperature(double value) {
            this.temperature = Option.some(value);
            return this;
        }

        /** Whether the model may ask for several tools at once; default true. */
        public Builder parallelToolCalls(boolean value) {
            this.parallelToolCalls = value;
            return this;
        }

        /** Tool runs in flight at once; default 4. */
        public Builder maxParallelTools(int value) {
            this.maxParallelTools = value;
            return this;
        }

        /** Model call deadline; default 120 000 ms. */
        public Builder modelCallTimeoutMillis(long value) {
            this.modelCallTimeoutMillis = value;
            return this;
        }

        /** Tool run deadline; default 60 000 ms. */
        public Builder toolTimeoutMillis(long value) {
            this.toolTimeoutMillis = value;
            return this;
        }

        /** Retry policy; default {@link RetryPolicy#DEFAULT}. */
        public Builder retry(RetryPolicy value) {
            this.retry = value;
            return this;
        }

        /** Rounds per turn before the grace round; default 25. */
        public Builder maxRounds(int value) {
            this.maxRounds = value;
            return this;
        }

        /** Tool calls per turn; default 64. */
        public Builder maxToolCallsPerTurn(int value) {
            this.maxToolCallsPerTurn = value;
            return this;
        }

        /** Tool calls per turn for one tool; default unlimited (up to the per-turn limit). */
        public Builder maxCallsPerTool(String toolName, int value) {
            this.maxCallsPerTool = maxCallsPerTool.put(toolName, value);
            return this;
        }

        /** Permission policy; default allow all. */
        public Builder permissions(ToolPermissions value) {
            this.permissions = value;
            return this;
        }

        /** Approval expiry (ends the wait as a denial); default none, approvals wait forever. */
        public Builder approvalExpiryMillis(long value) {
            this.approvalExpiryMillis = Option.some(value);
            return this;
        }

        /** Budgets; default unlimited. */
        public Builder budget(BudgetPolicy value) {
            this.budget = value;
            return this;
        }

        /** Whether a failed tool ends the turn; default false (the model is told and goes on). */
        public Builder stopTurnOnToolFailure(boolean value) {
            this.stopTurnOnToolFailure = value;
            return this;
        }

        /** The grace round message; default {@link #DEFAULT_GRACE_ROUND_INSTRUCTION}. */
        public Builder graceRoundInstruction(String value) {
            this.graceRoundInstruction = value;
            return this;
        }

        /** The config; throws {@link IllegalArgumentException} naming the first invalid field. */
        public MachineConfig build() {
            return new MachineConfig(model, systemPrompt, tools, maxOutputTokens, temperature, parallelToolCalls,
                    maxParallelTools, modelCallTimeoutMillis, toolTimeoutMillis, retry, maxRounds,
                    maxToolCallsPerTurn, maxCallsPerTool, permissions, approvalExpiryMillis, budget,
                    stopTurnOnToolFailure, graceRoundInstruction);
        }
    }
}
