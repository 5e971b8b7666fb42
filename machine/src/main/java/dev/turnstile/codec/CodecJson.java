package dev.turnstile.codec;

import tools.jackson.core.SerializableString;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one Jackson factory and mapper the codec uses, configured once: creating them is costly,
 * using them is thread-safe.
 */
final class CodecJson {

    /**
     * Streaming factory for every document. Strings and names may be as long as a Java string
     * (a tool output or a model name is data, not an attack surface here: the input is already a
     * string in memory), and every UTF-16 surrogate is written as a {@code \}{@code uXXXX} escape.
     */
    static final JsonFactory FACTORY = JsonFactory.builder()
            .characterEscapes(new SurrogateEscapes())
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNameLength(Integer.MAX_VALUE)
                    .build())
            .build();

    /**
     * Reads and writes embedded {@link dev.turnstile.model.Json} values as trees. Floats are read as
     * {@code BigDecimal}, as {@code Json} itself does, so their digits survive exactly; trailing
     * tokens are allowed because a tree is read from the middle of a document.
     */
    static final JsonMapper TREES = JsonMapper.builder(FACTORY)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private CodecJson() {}

    /**
     * Escapes every surrogate, paired or not. A Java string may hold an unpaired surrogate (a tool
     * output cut in the middle of an emoji); written raw, it would turn into {@code ?} once the
     * document is stored as UTF-8, and a journal would no longer replay what was stepped. Escaped,
     * the document is plain well-formed text and the parser restores the exact chars. A character
     * escape cannot see its neighbour, so pairs are escaped too; they read back the same.
     */
    private static final class SurrogateEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private static final int[] ASCII = CharacterEscapes.standardAsciiEscapesForJSON();
        private static final SerializedString[] SURROGATES = new SerializedString[2048];

        static {
            for (int i = 0; i < SURROGATES.length; i++) {
                SURROGATES[i] = new SerializedString("\\u" + Integer.toHexString(Character.MIN_SURROGATE + i));
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ASCII;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (ch < Character.MIN_SURROGATE || ch > Character.MAX_SURROGATE) {
                return null;
            }
            return SURROGATES[ch - Character.MIN_SURROGATE];
        }
    }
}
