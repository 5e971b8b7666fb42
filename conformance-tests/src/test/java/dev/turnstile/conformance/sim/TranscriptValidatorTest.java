package dev.turnstile.conformance.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.turnstile.model.AssistantMessage;
import dev.turnstile.model.Message;
import dev.turnstile.model.ToolCall;
import dev.turnstile.model.ToolResultMessage;
import dev.turnstile.model.UserMessage;
import io.vavr.collection.Vector;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The whole-transcript validator accepts valid transcripts and names what is wrong with invalid ones. */
class TranscriptValidatorTest {

    static final ToolCall A = new ToolCall("a", "search", "{}");
    static final ToolCall B = new ToolCall("b", "calc", "{}");
    static final Message ASK = new AssistantMessage("", Vector.of(A, B));
    static final Message RESULT_A = new ToolResultMessage("a", "search", "ok", false);
    static final Message RESULT_B = new ToolResultMessage("b", "calc", "ok", false);
    static final Message USER = new UserMessage("hi");
    static final Message DONE = AssistantMessage.text("done");

    @Test
    void aCompleteConversationIsValid() {
        assertEquals(Optional.empty(), valid(false, USER, ASK, RESULT_A, RESULT_B, USER, ASK, RESULT_A, RESULT_B, DONE));
    }

    @Test
    void aBatchInProgressMayBeUnansweredOnlyWhileItRuns() {
        assertEquals(Optional.empty(), valid(true, USER, ASK));
        assertTrue(valid(false, USER, ASK).isPresent());
        assertTrue(valid(true, USER, ASK, RESULT_A, RESULT_B).isPresent(), "a batch that runs has no results yet");
    }

    @Test
    void anEarlierUnansweredCallIsFoundNotJustTheLastRound() {
        assertTrue(valid(false, USER, ASK, RESULT_A, USER, ASK, RESULT_A, RESULT_B, DONE).get().contains("2 tool calls"));
    }

    @Test
    void resultsOutOfOrderTwiceOrWithoutACallAreInvalid() {
        assertTrue(valid(false, USER, ASK, RESULT_B, RESULT_A, DONE).get().contains("call order"));
        assertTrue(valid(false, USER, ASK, RESULT_A, RESULT_B, RESULT_B, DONE).isPresent());
        assertTrue(valid(false, USER, RESULT_A, DONE).get().contains("no assistant message"));
        assertTrue(valid(false, USER, ASK, RESULT_A, USER, RESULT_B, DONE).isPresent(), "results must follow at once");
    }

    private static Optional<String> valid(boolean batchOpen, Message... messages) {
        return TranscriptValidator.validate(Vector.of(messages), batchOpen);
    }
}
