package dev.turnstile.conformance.aimock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.turnstile.conformance.aimock.Fixture.Chaos;
import dev.turnstile.machine.Event;
import dev.turnstile.machine.MachineConfig;
import dev.turnstile.machine.Outcome;
import dev.turnstile.machine.RetryPolicy;
import dev.turnstile.machine.StopReason;
import dev.turnstile.model.FailureKind;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * aimock started with {@code --chaos-ratelimit 1}: every request is answered 429 with {@code Retry-After: 1}
 * (aimock's fixed value for chaos; it cannot be set lower) unless its fixture overrides the rate. The
 * machine's retry policy decides: a retry-after within the cap is honoured exactly and the retry succeeds;
 * one above the cap, or attempts running out, end the turn as {@code ModelFailed(RATE_LIMITED)}.
 */
class AimockRateLimitFlagTest {

    @RegisterExtension
    static final AimockExtension AIMOCK = AimockExtension.withFlags("--chaos-ratelimit", "1");

    private static final String QUESTION = "Are you busy?";
    private static final String ANSWER = "Not any more.";

    private static Turns.Run ask(Provider provider, String testId, RetryPolicy retry, List<Fixture> fixtures)
            throws Exception {
        AIMOCK.server().addFixtures(fixtures);
        MachineConfig config = MachineConfig.builder(provider.model).retry(retry).build();
        return Turns.run(testId, provider.client(AIMOCK.server(), testId, true), List.of(), config, QUESTION);
    }

    private static List<String> outcomes(String testId) {
        return AIMOCK.server().journal(testId).stream().map(JournalEntry::outcome).toList();
    }

    private static StopReason.ModelFailed modelFailed(Turns.Run run) {
        return (StopReason.ModelFailed) ((Outcome.Stopped) run.outcome()).reason();
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void theMachineWaitsOutAimocksRetryAfterAndTheRetrySucceeds(Provider provider) throws Exception {
        String testId = "flagRecovered-" + provider;
        // The first attempt gets the server-wide 429; the second one's fixture turns the rate down to 0.
        Turns.Run run = ask(provider, testId, new RetryPolicy(3, 1, 10, 2_000, 0), List.of(
                Fixture.forTest(testId).userMessage(QUESTION).attempt(0).replyText("never seen"),
                Fixture.forTest(testId).userMessage(QUESTION).attempt(1).replyText(ANSWER).chaos(Chaos.RATE_LIMIT, 0)));

        assertEquals(new Outcome.Completed(ANSWER), run.outcome());
        Event.RetryScheduled retry = run.retries().getFirst();
        assertEquals(List.of(retry), run.retries());
        assertEquals(FailureKind.RATE_LIMITED, retry.kind());
        assertEquals(1_000, retry.delayMillis(), "aimock's Retry-After: 1, within the 2 s cap, honoured exactly");
        assertEquals(List.of("429 rateLimit", "200"), outcomes(testId));
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void aRetryAfterAboveTheCapEndsTheTurnWithoutWaiting(Provider provider) throws Exception {
        String testId = "flagOverCap-" + provider;
        Turns.Run run = ask(provider, testId, new RetryPolicy(3, 1, 10, 500, 0), List.of(
                Fixture.forTest(testId).userMessage(QUESTION).replyText("never seen")));

        StopReason.ModelFailed failed = modelFailed(run);
        assertEquals(FailureKind.RATE_LIMITED, failed.kind());
        assertTrue(failed.message().endsWith("(server asked to retry after 1000 ms, more than the cap of 500 ms)"),
                failed.message());
        assertEquals(List.of(), run.retries());
        assertEquals(List.of("429 rateLimit"), outcomes(testId));
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void aRateLimitOnEveryAttemptEndsTheTurnWhenAttemptsRunOut(Provider provider) throws Exception {
        String testId = "flagExhausted-" + provider;
        Turns.Run run = ask(provider, testId, new RetryPolicy(2, 1, 10, 2_000, 0), List.of(
                Fixture.forTest(testId).userMessage(QUESTION).replyText("never seen")));

        StopReason.ModelFailed failed = modelFailed(run);
        assertEquals(FailureKind.RATE_LIMITED, failed.kind());
        assertTrue(failed.message().endsWith("(gave up after 2 attempts)"), failed.message());
        assertEquals(List.of(1_000L), run.retries().stream().map(Event.RetryScheduled::delayMillis).toList());
        assertEquals(List.of("429 rateLimit", "429 rateLimit"), outcomes(testId));
    }
}
