package dev.turnstile.conformance.aimock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * aimock checks inbound keys ({@code AIMOCK_API_KEYS}): the right key, in the provider's own header, gets an
 * answer; a wrong one gets aimock's 401, which Turnstile turns into a typed, non-retried failure whose
 * message does not carry the key.
 */
class AimockApiKeyTest {

    @RegisterExtension
    static final AimockExtension AIMOCK = AimockExtension.plain();

    private static final String QUESTION = "Who am I?";

    @ParameterizedTest
    @EnumSource(Provider.class)
    void theConfiguredKeyIsSentInTheProvidersHeaderAndAccepted(Provider provider) throws Exception {
        String testId = "rightKey-" + provider;
        AIMOCK.server().addFixtures(List.of(Fixture.forTest(testId).userMessage(QUESTION).replyText("A known caller.")));
        MachineConfig config = MachineConfig.builder(provider.model).retry(new RetryPolicy(1, 1, 1, 0, 0)).build();

        Turns.Run run = Turns.run(testId, provider.client(AIMOCK.server(), testId, true), List.of(), config, QUESTION);

        assertEquals(new Outcome.Completed("A known caller."), run.outcome());
        assertEquals(List.of("200 " + provider.keyHeader + "=[REDACTED]"), AIMOCK.server().journal(testId).stream()
                .map(e -> e.status() + " " + provider.keyHeader + "=" + e.header(provider.keyHeader).orElse("(none)"))
                .toList());
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void aRejectedKeyEndsTheTurnAsAFatalModelFailureWithoutTheKey(Provider provider) throws Exception {
        String testId = "wrongKey-" + provider;
        String wrongKey = "sk-wrong-key-that-must-not-leak-5d1e";
        AIMOCK.server().addFixtures(List.of(Fixture.forTest(testId).userMessage(QUESTION).replyText("never seen")));
        MachineConfig config = MachineConfig.builder(provider.model).retry(new RetryPolicy(3, 1, 10, 2_000, 0)).build();

        Turns.Run run = Turns.run(testId, provider.client(AIMOCK.server(), testId, true, wrongKey), List.of(), config,
                QUESTION);

        StopReason.ModelFailed failed = (StopReason.ModelFailed) ((Outcome.Stopped) run.outcome()).reason();
        assertEquals(FailureKind.FATAL, failed.kind());
        assertTrue(failed.message().contains("401"), failed.message());
        assertFalse(failed.message().contains(wrongKey), failed.message());
        assertEquals(List.of(), run.retries(), "a bad key is not retried");
        assertEquals(List.of(), AIMOCK.server().journal(testId), "aimock rejects before routing, so records nothing");
    }
}
