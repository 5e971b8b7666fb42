package dev.turnstile.wire;

import java.util.Objects;

/**
 * A live piece of a streamed model reply, for observers (token-by-token display). Deltas are not
 * journaled and never decide anything: the machine only receives the assembled reply, so a delta
 * that a later correction supersedes (see the accumulators' deviation rules) does no harm.
 *
 * <p>{@code index} is the position of the tool call in the final reply's tool-call list (0 for the
 * first call started, 1 for the next…), not the provider's index: OpenAI-compatible servers reuse an
 * index for a new call and Anthropic counts text blocks too.
 */
public sealed interface StreamDelta {

    /** Assistant text to append to what was shown so far. */
    record TextDelta(String text) implements StreamDelta {
        /** Validates fields. */
        public TextDelta {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * Model reasoning ({@code reasoning_content} from xAI and others, Anthropic {@code thinking}). Shown
     * to observers only; it is never part of the reply text.
     */
    record ReasoningDelta(String text) implements StreamDelta {
        /** Validates fields. */
        public ReasoningDelta {
            Objects.requireNonNull(text, "text");
        }
    }

    /** The model started tool call number {@code index}. The name may be empty if the server sent it late. */
    record ToolCallStarted(int index, String id, String name) implements StreamDelta {
        /** Validates fields. */
        public ToolCallStarted {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
        }
    }

    /** Raw argument text to append to tool call number {@code index}; fragments need not be valid JSON. */
    record ToolArgumentsDelta(int index, String fragment) implements StreamDelta {
        /** Validates fields. */
        public ToolArgumentsDelta {
            Objects.requireNonNull(fragment, "fragment");
        }
    }
}
