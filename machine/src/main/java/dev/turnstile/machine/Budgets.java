package dev.turnstile.machine;

import dev.turnstile.model.ModelReply;
import dev.turnstile.model.Usage;
import io.vavr.control.Option;
import java.time.Duration;

/**
 * Budget accounting and enforcement: meters per turn and per session, soft thresholds reported
 * once, hard limits enforced before the model call or tool run that would cross them. See
 * {@link BudgetPolicy} for the estimate.
 */
final class Budgets {

    private static final BudgetScope[] SCOPES = BudgetScope.values();

    private Budgets() {}

    /** The stop reason if the next model call would cross a hard limit. */
    static Option<StopReason> beforeModelCall(StepContext cx) {
        long estimatedInput = cx.state.promptEstimate().estimatedTokens();
        long estimatedCost = cx.config.budget().costMicros(cx.config.model(), estimatedInput, 0);
        for (BudgetScope scope : SCOPES) {
            Meter meter = meter(cx, scope);
            BudgetLimits limits = cx.config.budget().limits(scope);
            Option<StopReason> stop = crossing(scope, limits, BudgetResource.ROUNDS, meter.rounds(), 1,
                    "the next model call would be round " + (meter.rounds() + 1))
                    .orElse(() -> crossing(scope, limits, BudgetResource.INPUT_TOKENS, meter.usage().inputTokens(),
                            estimatedInput, "the next prompt is estimated at " + estimatedInput + " tokens"))
                    .orElse(() -> crossing(scope, limits, BudgetResource.TOTAL_TOKENS, meter.usage().totalTokens(),
                            estimatedInput, "the next prompt is estimated at " + estimatedInput + " tokens"))
                    .orElse(() -> crossing(scope, limits, BudgetResource.COST_MICROS, meter.costMicros(),
                            estimatedCost, "the next prompt is estimated to cost " + estimatedCost + " micros"))
                    // Output is unknown before the call: the limit stops the turn once it is reached.
                    .orElse(() -> crossing(scope, limits, BudgetResource.OUTPUT_TOKENS, meter.usage().outputTokens(),
                            0, "the output token limit was reached"))
                    .orElse(() -> wallTime(cx, scope, limits));
            if (stop.isDefined()) {
                return stop;
            }
        }
        return Option.none();
    }

    /** The stop reason if starting {@code runs} more tool runs would cross a hard limit. */
    static Option<StopReason> beforeToolRuns(StepContext cx, int runs) {
        for (BudgetScope scope : SCOPES) {
            BudgetLimits limits = cx.config.budget().limits(scope);
            int used = meter(cx, scope).toolRuns();
            Option<StopReason> stop = crossing(scope, limits, BudgetResource.TOOL_CALLS, used, runs,
                    runs == 1 ? "the next tool run would be number " + (used + 1)
                            : "the next " + runs + " tool runs would reach number " + (used + runs))
                    .orElse(() -> wallTime(cx, scope, limits));
            if (stop.isDefined()) {
                return stop;
            }
        }
        return Option.none();
    }

    /** Accounts a reply's usage; from now on the reported numbers replace the estimate. */
    static void recordReply(StepContext cx, ModelReply reply) {
        Usage usage = reply.usage();
        long cost = cx.config.budget().costMicros(cx.config.model(), usage.inputTokens(), usage.outputTokens());
        String model = reply.model().isEmpty() ? cx.config.model() : reply.model();
        cx.setTurn(cx.turn().withMeter(cx.turn().meter().plusRound(usage, cost)));
        cx.state = cx.state.withSessionMeter(cx.state.sessionMeter().plusRound(usage, cost))
                .withUsageByModel(cx.state.usageByModel().put(model, usage, Usage::plus))
                .withPromptEstimate(PromptEstimate.reported(usage.inputTokens() + usage.outputTokens()));
        reportThresholds(cx);
    }

    static void recordToolRun(StepContext cx) {
        cx.setTurn(cx.turn().withMeter(cx.turn().meter().plusToolRun()));
        cx.state = cx.state.withSessionMeter(cx.state.sessionMeter().plusToolRun());
        reportThresholds(cx);
    }

    /** The instant the turn's wall-time budget runs out, if it has one. */
    static Option<java.time.Instant> turnDeadline(SessionState state, MachineConfig config) {
        return state.turnProgress().flatMap(t -> config.budget().turn().limit(BudgetResource.WALL_TIME_MILLIS)
                .map(t.startedAt()::plusMillis));
    }

    static StopReason wallTimeExhausted(StepContext cx) {
        long limit = cx.config.budget().turn().limit(BudgetResource.WALL_TIME_MILLIS).get();
        return new StopReason.BudgetExhausted(BudgetResource.WALL_TIME_MILLIS, BudgetScope.TURN, elapsedMillis(cx),
                limit, "the turn ran for " + elapsedMillis(cx) + " ms of its " + limit + " ms");
    }

    private static void reportThresholds(StepContext cx) {
        int percent = cx.config.budget().softThresholdPercent();
        for (BudgetScope scope : SCOPES) {
            for (var entry : cx.config.budget().limits(scope).limits()) {
                BudgetResource resource = entry._1;
                long limit = entry._2;
                Meter meter = meter(cx, scope);
                long used = resource == BudgetResource.WALL_TIME_MILLIS ? elapsedMillis(cx) : meter.used(resource);
                long threshold = Math.ceilDiv(Math.multiplyExact(limit, (long) percent), 100L);
                if (used >= threshold && !meter.thresholdsHit().contains(resource)) {
                    cx.emit(new Event.BudgetThresholdHit(cx.eventContext(), resource, scope, used, limit));
                    setMeter(cx, scope, meter.withThresholdHit(resource));
                }
            }
        }
    }

    private static Option<StopReason> crossing(BudgetScope scope, BudgetLimits limits, BudgetResource resource,
            long used, long adding, String detail) {
        return limits.limit(resource)
                .filter(limit -> adding == 0 ? used >= limit : used + adding > limit)
                .map(limit -> new StopReason.BudgetExhausted(resource, scope, used, limit,
                        detail + "; " + scope.name().toLowerCase(java.util.Locale.ROOT) + " " + resource + " used "
                                + used + " of " + limit));
    }

    private static Option<StopReason> wallTime(StepContext cx, BudgetScope scope, BudgetLimits limits) {
        if (scope != BudgetScope.TURN) {
            return Option.none();
        }
        return limits.limit(BudgetResource.WALL_TIME_MILLIS)
                .filter(limit -> elapsedMillis(cx) >= limit)
                .map(limit -> wallTimeExhausted(cx));
    }

    private static long elapsedMillis(StepContext cx) {
        return cx.state.turnProgress().map(t -> Duration.between(t.startedAt(), cx.state.now()).toMillis()).getOrElse(0L);
    }

    private static Meter meter(StepContext cx, BudgetScope scope) {
        return switch (scope) {
            case TURN -> cx.turn().meter();
            case SESSION -> cx.state.sessionMeter();
        };
    }

    private static void setMeter(StepContext cx, BudgetScope scope, Meter meter) {
        switch (scope) {
            case TURN -> cx.setTurn(cx.turn().withMeter(meter));
            case SESSION -> cx.state = cx.state.withSessionMeter(meter);
        }
    }
}
