package dev.turnstile.conformance.aimock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.turnstile.conformance.aimock.Fixture.Chaos;
import dev.turnstile.machine.Event;
import dev.turnstile.machine.MachineConfig;
import dev.turnstile.machine.Outcome;
import dev.turnstile.machine.RetryPolicy;
import dev.turnstile.machine.StopReason;
import dev.turnstile.model.AssistantMessage;
import dev.turnstile.model.FailureKind;
import dev.turnstile.model.UserMessage;
import io.vavr.collection.Vector;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * aimock's fault injection, set per fixture (rate 1, on the first attempt only, so every run is the same):
 * each fault reaches the machine as a typed failure, never an exception; a {@code RetryScheduled} event
 * follows, and the retried attempt completes the turn. Faults on every attempt end the turn as
 * {@code Stopped(ModelFailed)}.
 */
class AimockChaosTest {

    @RegisterExtension
    static final AimockExtension AIMOCK = AimockExtension.plain();

    /** Three attempts, 1 ms backoff doubling, no jitter; retry-after honoured up to 2 s (aimock sends 1 s). */
    private static final RetryPolicy FAST = new RetryPolicy(3, 1, 10, 2_000, 0);
    private static final String QUESTION = "Is it flaky today?";
    private static final String ANSWER = "Second time lucky.";

    private static Turns.Run failOnceThenAnswer(Provider provider, String test, Fixture firstAttempt) throws Exception {
        String testId = test + "-" + provider;
        AIMOCK.server().addFixtures(List.of(
                firstAttempt,
                Fixture.forTest(testId).userMessage(QUESTION).attempt(1).replyText(ANSWER)));
        MachineConfig config = MachineConfig.builder(provider.model).retry(FAST).build();
        return Turns.run(testId, provider.client(AIMOCK.server(), testId, true), List.of(), config, QUESTION);
    }

    private static Fixture firstAttempt(Provider provider, String test) {
        return Fixture.forTest(test + "-" + provider).userMessage(QUESTION).attempt(0).replyText("never seen");
    }

    private static List<String> outcomes(Provider provider, String test) {
        return AIMOCK.server().journal(test + "-" + provider).stream().map(JournalEntry::outcome).toList();
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void aRateLimitIsRetriedAfterTheRetryAfterAimockSends(Provider provider) throws Exception {
        Turns.Run run = failOnceThenAnswer(provider, "rateLimit",
                firstAttempt(provider, "rateLimit").chaos(Chaos.RATE_LIMIT, 1));

        assertEquals(new Outcome.Completed(ANSWER), run.outcome());
        Event.RetryScheduled retry = run.retries().getFirst();
        assertEquals(List.of(retry), run.retries());
        assertEquals(FailureKind.RATE_LIMITED, retry.kind());
        assertEquals(1_000, retry.delayMillis(), "aimock's Retry-After: 1, honoured exactly");
        assertEquals(2, retry.nextAttempt());
        assertEquals(List.of("429 rateLimit", "200"), outcomes(provider, "rateLimit"));
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void aConnectionDroppedBeforeAnyByteIsRetried(Provider provider) throws Exception {
        Turns.Run run = failOnceThenAnswer(provider, "disconnect",
                firstAttempt(provider, "disconnect").chaos(Chaos.DISCONNECT, 1));

        assertEquals(new Outcome.Completed(ANSWER), run.outcome());
        assertEquals(List.of(FailureKind.RETRYABLE), run.retries().stream().map(Event.RetryScheduled::kind).toList());
        assertEquals(List.of("0 disconnect", "200"), outcomes(provider, "disconnect"));
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void malformedJsonInA200IsRetried(Provider provider) throws Exception {
        Turns.Run run = failOnceThenAnswer(provider, "malformed",
                firstAttempt(provider, "malformed").chaos(Chaos.MALFORMED, 1));

        assertEquals(new Outcome.Completed(ANSWER), run.outcome());
        Event.RetryScheduled retry = run.retries().getFirst();
        assertEquals(List.of(retry), run.retries());
        assertEquals(FailureKind.RETRYABLE, retry.kind());
        assertTrue(retry.message().contains("not a JSON object"), retry.message());
        assertEquals(List.of("200 malformed", "200"), outcomes(provider, "malformed"));
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void aDroppedRequestAnswered500IsRetried(Provider provider) throws Exception {
        Turns.Run run = failOnceThenAnswer(provider, "drop", firstAttempt(provider, "drop").chaos(Chaos.DROP, 1));

        assertEquals(new Outcome.Completed(ANSWER), run.outcome());
        Event.RetryScheduled retry = run.retries().getFirst();
        assertEquals(List.of(retry), run.retries());
        assertEquals(FailureKind.RETRYABLE, retry.kind());
        assertTrue(retry.message().contains("500"), retry.message());
        assertEquals(List.of("500 drop", "200"), outcomes(provider, "drop"));
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void aStreamCutMidwayIsRetriedAndItsPartialTextIsNeverCommitted(Provider provider) throws Exception {
        String cut = "This first attempt is cut off part way through its answer.";
        Turns.Run run = failOnceThenAnswer(provider, "cut",
                Fixture.forTest("cut-" + provider).userMessage(QUESTION).attempt(0).replyText(cut).cutAfterChunks(3, 4, 5));

        assertEquals(new Outcome.Completed(ANSWER), run.outcome());
        Event.RetryScheduled retry = run.retries().getFirst();
        assertEquals(List.of(retry), run.retries());
        assertEquals(FailureKind.RETRYABLE, retry.kind());
        // Observers may have seen some of the cut attempt (they are told to discard it); the transcript never does.
        assertTrue(cut.startsWith(run.liveText(retry.failedCall())), run.liveText(retry.failedCall()));
        assertEquals(Vector.of(new UserMessage(QUESTION), AssistantMessage.text(ANSWER)), run.state().transcript());
        assertEquals(List.of("200 cut: truncateAfterChunks", "200"), outcomes(provider, "cut"));
    }

    static Stream<Arguments> persistentFaults() {
        return Stream.of(Provider.values()).flatMap(p -> Stream.of(
                Arguments.of(p, Chaos.MALFORMED, "200 malformed"),
                Arguments.of(p, Chaos.DISCONNECT, "0 disconnect"),
                Arguments.of(p, Chaos.DROP, "500 drop")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("persistentFaults")
    void aFaultOnEveryAttemptEndsTheTurnAsATypedModelFailure(Provider provider, Chaos fault, String recorded)
            throws Exception {
        String testId = "always-" + fault + "-" + provider;
        AIMOCK.server().addFixtures(List.of(
                Fixture.forTest(testId).userMessage(QUESTION).replyText("never seen").chaos(fault, 1)));
        MachineConfig config = MachineConfig.builder(provider.model).retry(FAST).build();

        Turns.Run run = Turns.run(testId, provider.client(AIMOCK.server(), testId, true), List.of(), config, QUESTION);

        StopReason.ModelFailed failed = (StopReason.ModelFailed) ((Outcome.Stopped) run.outcome()).reason();
        assertEquals(FailureKind.RETRYABLE, failed.kind());
        assertTrue(failed.message().endsWith("(gave up after 3 attempts)"), failed.message());
        assertEquals(List.of(2, 3), run.retries().stream().map(Event.RetryScheduled::nextAttempt).toList());
        assertEquals(List.of(recorded, recorded, recorded), outcomes(provider, "always-" + fault));
        assertEquals(Optional.empty(), run.state().transcript().find(m -> m instanceof AssistantMessage).toJavaOptional());
    }
}
