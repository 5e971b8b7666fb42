package dev.turnstile.machine;

import static dev.turnstile.machine.Spec.*;

import dev.turnstile.model.AssistantMessage;
import dev.turnstile.model.FailureKind;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/**
 * Model failures and deadlines. Backoff delays are worked out by hand from {@link Spec#RETRY}
 * (1 s doubling, 10 % jitter) and SplitMix64 seeded with 0 (see {@link Spec#SEED}):
 * <ul>
 *   <li>after attempt 1: 1000 ms minus 0xE220A8397B1DCDAF mod 101 = 67, so 933 ms;</li>
 *   <li>after attempt 2: 2000 ms minus 0x6E789E6AA1B965F4 mod 201 = 48, so 1952 ms.</li>
 * </ul>
 * Each draw advances the PRNG by the golden gamma 0x9E3779B97F4A7C15; a retry-after draws nothing.
 */
final class RetryScenarios {

    private RetryScenarios() {}

    /** The PRNG after one draw from seed 0. */
    static final Prng AFTER_ONE_DRAW = new Prng(0x9E3779B97F4A7C15L);
    /** The PRNG after two draws from seed 0. */
    static final Prng AFTER_TWO_DRAWS = new Prng(0x3C6EF372FE94F82AL);

    static Vector<Scenario> all() {
        return Vector.of(backoffWithJitterThenSuccess(), retriesExhausted(), retryAfterHonoured(), retryAfterAboveCap(),
                fatalFailureStops(), contextOverflowStops(), cancelledCallStops(), modelDeadlineRetries(),
                lateReplyWithoutWakeUp(), modelDeadlineWithoutRetriesLeft());
    }

    static Scenario backoffWithJitterThenSuccess() {
        return Scenario.named("retry: two transient failures back off 933 ms then 1952 ms (jitter from the seeded "
                        + "PRNG), partial output is never committed, the third attempt succeeds")
                .firstTurn(1, "Hi")
                .given(new Input.ModelFailed(at(100), e(1), FailureKind.RETRYABLE, Option.none(),
                        "HTTP 503 Service Unavailable", "Hel"), (s, x) -> x
                        .state(s.withNow(at(100)).withPhase(new Phase.BackingOff(at(1_033), 2)).withPrng(AFTER_ONE_DRAW))
                        .effects(emit(new Event.RetryScheduled(x.ctx(1), e(1), FailureKind.RETRYABLE,
                                "HTTP 503 Service Unavailable", 2, 933)))
                        .wake(at(1_033), Wake.Reason.RETRY_BACKOFF)
                        .fired("AwaitingModel --ModelFailed--> BackingOff"))
                .given(tick(1_032), (s, x) -> x
                        .state(s.withNow(at(1_032)))
                        .effects()
                        .wake(at(1_033), Wake.Reason.RETRY_BACKOFF)
                        .fired("BackingOff --TimeAdvanced--> BackingOff"))
                .given(tick(1_033), (s, x) -> x
                        .state(s.withNow(at(1_033)).withLastEffectId(2)
                                .withPhase(new Phase.AwaitingModel(e(2), at(11_033), 2)))
                        .effects(x.callModel(e(2), transcript(user("Hi")), at(11_033), 2),
                                emit(new Event.ModelCallStarted(x.ctx(1), e(2), 1, 2)))
                        .wake(at(11_033), Wake.Reason.MODEL_DEADLINE)
                        .fired("BackingOff --TimeAdvanced--> AwaitingModel"))
                .given(modelFailed(1_100, e(2), FailureKind.RETRYABLE, "connection reset"), (s, x) -> x
                        .state(s.withNow(at(1_100)).withPhase(new Phase.BackingOff(at(3_052), 3)).withPrng(AFTER_TWO_DRAWS))
                        .effects(emit(new Event.RetryScheduled(x.ctx(1), e(2), FailureKind.RETRYABLE,
                                "connection reset", 3, 1952)))
                        .wake(at(3_052), Wake.Reason.RETRY_BACKOFF)
                        .fired("AwaitingModel --ModelFailed--> BackingOff"))
                .given(tick(3_052), (s, x) -> x
                        .state(s.withNow(at(3_052)).withLastEffectId(3)
                                .withPhase(new Phase.AwaitingModel(e(3), at(13_052), 3)))
                        .effects(x.callModel(e(3), transcript(user("Hi")), at(13_052), 3),
                                emit(new Event.ModelCallStarted(x.ctx(1), e(3), 1, 3)))
                        .wake(at(13_052), Wake.Reason.MODEL_DEADLINE)
                        .fired("BackingOff --TimeAdvanced--> AwaitingModel"))
                .given(replyText(3_100, e(3), "Hello!", 5, 2), (s, x) -> {
                    Outcome done = new Outcome.Completed("Hello!");
                    SessionState next = s.withNow(at(3_100)).withPhase(new Phase.AwaitingUser())
                            .withTurnProgress(Option.none())
                            .withTranscript(transcript(user("Hi"), AssistantMessage.text("Hello!")))
                            .withSessionMeter(meter(usage(5, 2), 0, 1, 0))
                            .withUsageByModel(byModel(usage(5, 2)))
                            .withPromptEstimate(new PromptEstimate(7, 0))
                            .withLastOutcome(Option.some(done));
                    x.state(next)
                            .effects(emit(new Event.TurnFinished(x.ctx(1), done, 1, usage(5, 2), 0)),
                                    new Effect.SaveCheckpoint(next))
                            .noWake()
                            .fired("AwaitingModel --ModelReplied--> AwaitingUser");
                });
    }

    static Scenario retriesExhausted() {
        Outcome gaveUp = stopped(new StopReason.ModelFailed(FailureKind.RETRYABLE, "HTTP 500 (gave up after 2 attempts)"));
        return Scenario.named("retry: when the last attempt fails too, the turn stops ModelFailed")
                .config(BASIC.toBuilder().retry(new RetryPolicy(2, 1_000, 8_000, 5_000, 10)).build())
                .firstTurn(1, "Hi")
                .given(modelFailed(100, e(1), FailureKind.RETRYABLE, "HTTP 500"), (s, x) -> x
                        .state(s.withNow(at(100)).withPhase(new Phase.BackingOff(at(1_033), 2)).withPrng(AFTER_ONE_DRAW))
                        .effects(emit(new Event.RetryScheduled(x.ctx(1), e(1), FailureKind.RETRYABLE, "HTTP 500", 2, 933)))
                        .wake(at(1_033), Wake.Reason.RETRY_BACKOFF))
                .given(tick(1_040), (s, x) -> x
                        .state(s.withNow(at(1_040)).withLastEffectId(2)
                                .withPhase(new Phase.AwaitingModel(e(2), at(11_040), 2)))
                        .effects(x.callModel(e(2), transcript(user("Hi")), at(11_040), 2),
                                emit(new Event.ModelCallStarted(x.ctx(1), e(2), 1, 2)))
                        .wake(at(11_040), Wake.Reason.MODEL_DEADLINE))
                .given(modelFailed(1_100, e(2), FailureKind.RETRYABLE, "HTTP 500"), (s, x) -> {
                    SessionState next = s.withNow(at(1_100)).withPhase(new Phase.AwaitingUser())
                            .withTurnProgress(Option.none()).withLastOutcome(Option.some(gaveUp));
                    x.state(next)
                            .effects(emit(new Event.TurnFinished(x.ctx(1), gaveUp, 0, usage(0, 0), 0)),
                                    new Effect.SaveCheckpoint(next))
                            .noWake()
                            .fired("AwaitingModel --ModelFailed--> AwaitingUser");
                });
    }

    static Scenario retryAfterHonoured() {
        return Scenario.named("retry: a 429 with retry-after 2000 ms waits exactly that long (no jitter drawn), "
                        + "then the retry succeeds")
                .firstTurn(1, "Hi")
                .given(rateLimited(100, e(1), 2_000), (s, x) -> x
                        .state(s.withNow(at(100)).withPhase(new Phase.BackingOff(at(2_100), 2)))
                        .effects(emit(new Event.RetryScheduled(x.ctx(1), e(1), FailureKind.RATE_LIMITED,
                                "HTTP 429 Too Many Requests", 2, 2_000)))
                        .wake(at(2_100), Wake.Reason.RETRY_BACKOFF)
                        .fired("AwaitingModel --ModelFailed--> BackingOff"))
                .given(tick(2_100), (s, x) -> x
                        .state(s.withNow(at(2_100)).withLastEffectId(2)
                                .withPhase(new Phase.AwaitingModel(e(2), at(12_100), 2)))
                        .effects(x.callModel(e(2), transcript(user("Hi")), at(12_100), 2),
                                emit(new Event.ModelCallStarted(x.ctx(1), e(2), 1, 2)))
                        .wake(at(12_100), Wake.Reason.MODEL_DEADLINE)
                        .fired("BackingOff --TimeAdvanced--> AwaitingModel"))
                .given(replyText(2_200, e(2), "Hello!", 5, 2), (s, x) -> x
                        .phase(new Phase.AwaitingUser())
                        .field("outcome", SessionState::lastOutcome, Option.some(new Outcome.Completed("Hello!")))
                        .field("prng", SessionState::prng, new Prng(SEED))
                        .effects(emit(new Event.TurnFinished(x.ctx(1), new Outcome.Completed("Hello!"), 1, usage(5, 2), 0)),
                                new Effect.SaveCheckpoint(s.withNow(at(2_200)).withPhase(new Phase.AwaitingUser())
                                        .withTurnProgress(Option.none())
                                        .withTranscript(transcript(user("Hi"), AssistantMessage.text("Hello!")))
                                        .withSessionMeter(meter(usage(5, 2), 0, 1, 0))
                                        .withUsageByModel(byModel(usage(5, 2)))
                                        .withPromptEstimate(new PromptEstimate(7, 0))
                                        .withLastOutcome(Option.some(new Outcome.Completed("Hello!")))))
                        .noWake());
    }

    static Scenario retryAfterAboveCap() {
        Outcome stop = stopped(new StopReason.ModelFailed(FailureKind.RATE_LIMITED, "HTTP 429 Too Many Requests (server "
                + "asked to retry after 6000 ms, more than the cap of 5000 ms)"));
        return stopsAtOnce("retry: a retry-after above the cap stops the turn instead of waiting",
                rateLimited(100, e(1), 6_000), stop);
    }

    static Scenario fatalFailureStops() {
        return stopsAtOnce("model failure: a fatal error stops the turn without retrying",
                modelFailed(100, e(1), FailureKind.FATAL, "HTTP 401 invalid api key"),
                stopped(new StopReason.ModelFailed(FailureKind.FATAL, "HTTP 401 invalid api key")));
    }

    static Scenario contextOverflowStops() {
        return stopsAtOnce("model failure: context overflow stops the turn ContextOverflow",
                modelFailed(100, e(1), FailureKind.CONTEXT_OVERFLOW, "prompt is too long: 210000 > 200000 tokens"),
                stopped(new StopReason.ContextOverflow("prompt is too long: 210000 > 200000 tokens")));
    }

    static Scenario cancelledCallStops() {
        return stopsAtOnce("model failure: a call cancelled by the adapter stops the turn ModelFailed(CANCELLED)",
                modelFailed(100, e(1), FailureKind.CANCELLED, "shutting down"),
                stopped(new StopReason.ModelFailed(FailureKind.CANCELLED, "shutting down")));
    }

    private static Scenario stopsAtOnce(String name, Input.ModelFailed failure, Outcome outcome) {
        return Scenario.named(name)
                .firstTurn(1, "Hi")
                .given(failure, (s, x) -> {
                    SessionState next = s.withNow(failure.at()).withPhase(new Phase.AwaitingUser())
                            .withTurnProgress(Option.none()).withLastOutcome(Option.some(outcome));
                    x.state(next)
                            .effects(emit(new Event.TurnFinished(x.ctx(1), outcome, 0, usage(0, 0), 0)),
                                    new Effect.SaveCheckpoint(next))
                            .noWake()
                            .fired("AwaitingModel --ModelFailed--> AwaitingUser");
                });
    }

    static Scenario modelDeadlineRetries() {
        String timedOut = "model call timed out after 10000 ms";
        return Scenario.named("model deadline: the call is abandoned and retried after backoff; its late reply is rejected")
                .firstTurn(1, "Hi")
                .given(tick(10_001), (s, x) -> x
                        .state(s.withNow(at(10_001)).withPhase(new Phase.BackingOff(at(10_934), 2)).withPrng(AFTER_ONE_DRAW))
                        .effects(new Effect.Abandon(e(1), timedOut),
                                emit(new Event.RetryScheduled(x.ctx(1), e(1), FailureKind.RETRYABLE, timedOut, 2, 933)))
                        .wake(at(10_934), Wake.Reason.RETRY_BACKOFF)
                        .fired("AwaitingModel --TimeAdvanced--> BackingOff"))
                .given(replyText(10_500, e(1), "late", 5, 2), (s, x) -> x
                        .rejected("effect e1 is not awaited in phase BackingOff: it was already answered, abandoned, "
                                + "timed out, or belongs to a finished turn"))
                .given(tick(10_934), (s, x) -> x
                        .state(s.withNow(at(10_934)).withLastEffectId(2)
                                .withPhase(new Phase.AwaitingModel(e(2), at(20_934), 2)))
                        .effects(x.callModel(e(2), transcript(user("Hi")), at(20_934), 2),
                                emit(new Event.ModelCallStarted(x.ctx(1), e(2), 1, 2)))
                        .wake(at(20_934), Wake.Reason.MODEL_DEADLINE)
                        .fired("BackingOff --TimeAdvanced--> AwaitingModel"))
                .given(replyText(11_000, e(2), "Hello!", 5, 2), (s, x) -> x
                        .phase(new Phase.AwaitingUser())
                        .field("transcript", SessionState::transcript,
                                transcript(user("Hi"), AssistantMessage.text("Hello!")))
                        .effects(emit(new Event.TurnFinished(x.ctx(1), new Outcome.Completed("Hello!"), 1, usage(5, 2), 0)),
                                new Effect.SaveCheckpoint(s.withNow(at(11_000)).withPhase(new Phase.AwaitingUser())
                                        .withTurnProgress(Option.none())
                                        .withTranscript(transcript(user("Hi"), AssistantMessage.text("Hello!")))
                                        .withSessionMeter(meter(usage(5, 2), 0, 1, 0))
                                        .withUsageByModel(byModel(usage(5, 2)))
                                        .withPromptEstimate(new PromptEstimate(7, 0))
                                        .withLastOutcome(Option.some(new Outcome.Completed("Hello!")))))
                        .noWake());
    }

    static Scenario lateReplyWithoutWakeUp() {
        String timedOut = "model call timed out after 10000 ms";
        return Scenario.named("model deadline: a reply stamped after the deadline finds the call already timed out, "
                        + "even if the wake-up never came")
                .firstTurn(1, "Hi")
                .given(replyText(10_002, e(1), "late", 5, 2), (s, x) -> x
                        .state(s.withNow(at(10_002)).withPhase(new Phase.BackingOff(at(10_935), 2)).withPrng(AFTER_ONE_DRAW))
                        .effects(new Effect.Abandon(e(1), timedOut),
                                emit(new Event.RetryScheduled(x.ctx(1), e(1), FailureKind.RETRYABLE, timedOut, 2, 933)),
                                emit(new Event.InputRejected(x.ctx(1), "ModelReplied", "effect e1 is not awaited in phase "
                                        + "BackingOff: it was already answered, abandoned, timed out, or belongs to a "
                                        + "finished turn")))
                        .wake(at(10_935), Wake.Reason.RETRY_BACKOFF)
                        .fired("AwaitingModel --TimeAdvanced--> BackingOff"));
    }

    static Scenario modelDeadlineWithoutRetriesLeft() {
        String timedOut = "model call timed out after 10000 ms";
        Outcome stop = stopped(new StopReason.ModelFailed(FailureKind.RETRYABLE, timedOut + " (gave up after 1 attempt)"));
        return Scenario.named("model deadline: with no attempts left the timed-out call stops the turn")
                .config(BASIC.toBuilder().retry(new RetryPolicy(1, 1_000, 8_000, 5_000, 10)).build())
                .firstTurn(1, "Hi")
                .given(tick(10_001), (s, x) -> {
                    SessionState next = s.withNow(at(10_001)).withPhase(new Phase.AwaitingUser())
                            .withTurnProgress(Option.none()).withLastOutcome(Option.some(stop));
                    x.state(next)
                            .effects(new Effect.Abandon(e(1), timedOut),
                                    emit(new Event.TurnFinished(x.ctx(1), stop, 0, usage(0, 0), 0)),
                                    new Effect.SaveCheckpoint(next))
                            .noWake()
                            .fired("AwaitingModel --TimeAdvanced--> AwaitingUser");
                });
    }
}
