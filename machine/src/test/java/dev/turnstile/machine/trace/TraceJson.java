package dev.turnstile.machine.trace;

import dev.turnstile.codec.MachineCodec;
import dev.turnstile.machine.SessionState;
import dev.turnstile.machine.Wake;
import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON plumbing shared by the trace reader, writer and replayer. Values are encoded by
 * {@link MachineCodec}; fragments embedded in a trace line are normalised by one parse-and-write
 * through the same mapper, so a fragment read back from a file equals the fragment written.
 */
public final class TraceJson {

    /** The mapper for trace lines; floats are kept as exact decimals. */
    public static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private TraceJson() {}

    /** {@code json} parsed and written again compactly by {@link #MAPPER}. */
    public static String normalize(String json) {
        return MAPPER.writeValueAsString(MAPPER.readTree(json));
    }

    /** A tree for {@code json}. */
    public static JsonNode tree(String json) {
        return MAPPER.readTree(json);
    }

    /** The compact text of a tree. */
    public static String text(JsonNode node) {
        return MAPPER.writeValueAsString(node);
    }

    /** A wake as {@code {"at":"...","reason":"model_deadline"}}, or {@code null}. */
    public static String wake(Option<Wake> wake) {
        return wake.map(w -> "{\"at\":\"" + w.at() + "\",\"reason\":\"" + w.reason().name().toLowerCase(Locale.ROOT)
                + "\"}").getOrElse("null");
    }

    /** The lower-case hex SHA-256 of the state's canonical JSON. */
    public static String stateDigest(SessionState state) {
        try {
            byte[] json = MachineCodec.encodeState(state).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
