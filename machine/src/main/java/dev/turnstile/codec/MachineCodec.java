package dev.turnstile.codec;

import dev.turnstile.machine.Effect;
import dev.turnstile.machine.Event;
import dev.turnstile.machine.Input;
import dev.turnstile.machine.MachineConfig;
import dev.turnstile.machine.SessionState;
import dev.turnstile.machine.Step;
import io.vavr.collection.Vector;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;

/**
 * JSON for the machine's values: the journal's inputs and header, checkpoints (session states),
 * effects, events, configs and whole steps. Static, stateless and thread-safe; the Jackson
 * machinery behind it is created once.
 *
 * <p>The encoding of a value is canonical: equal values give identical strings, so journals can be
 * compared byte for byte across adapters and {@link #effectsDigest} is stable. Every {@code decode}
 * method accepts exactly one JSON value, ignores fields it does not know, and throws
 * {@link CodecException} (naming the JSON path at fault) and nothing else for any input string.
 * The format is described in the module README, section "Codec".
 *
 * <pre>{@code
 * String line = MachineCodec.encodeInput(input);   // {"type":"time_advanced","at":"2026-01-01T00:00:00Z"}
 * Input again = MachineCodec.decodeInput(line);    // equals input
 * String digest = MachineCodec.effectsDigest(step.effects());
 * }</pre>
 */
public final class MachineCodec {

    /** The journal format version this Turnstile writes, and the newest it reads. */
    public static final int SCHEMA_VERSION = 1;

    private MachineCodec() {}

    /** The canonical JSON of an input. */
    public static String encodeInput(Input input) {
        return encode(input, InputJson::write);
    }

    /** The input encoded in {@code json}; throws {@link CodecException} if it is not one. */
    public static Input decodeInput(String json) {
        return JsonIn.decode(json, InputJson::read);
    }

    /** The canonical JSON of an effect. */
    public static String encodeEffect(Effect effect) {
        return encode(effect, EffectJson::write);
    }

    /** The effect encoded in {@code json}; throws {@link CodecException} if it is not one. */
    public static Effect decodeEffect(String json) {
        return JsonIn.decode(json, EffectJson::read);
    }

    /** The canonical JSON of a step's effects: an array of effects, in order. */
    public static String encodeEffects(Vector<Effect> effects) {
        return encode(effects, (out, list) -> out.array(list, EffectJson::write));
    }

    /** The effects encoded in {@code json} by {@link #encodeEffects}; throws {@link CodecException} otherwise. */
    public static Vector<Effect> decodeEffects(String json) {
        return JsonIn.decode(json, in -> in.vector(EffectJson::read));
    }

    /**
     * A digest of a step's effects, for the journal to detect replay divergence: the lower-case hex
     * SHA-256 of the UTF-8 bytes of {@link #encodeEffects}{@code (effects)}. Equal effects give equal
     * digests on every JVM; any change in any effect changes it.
     */
    public static String effectsDigest(Vector<Effect> effects) {
        byte[] canonical = encodeEffects(effects).getBytes(StandardCharsets.UTF_8);
        return HexFormat.of().formatHex(sha256().digest(canonical));
    }

    /** The canonical JSON of an event. */
    public static String encodeEvent(Event event) {
        return encode(event, EventJson::write);
    }

    /** The event encoded in {@code json}; throws {@link CodecException} if it is not one. */
    public static Event decodeEvent(String json) {
        return JsonIn.decode(json, EventJson::read);
    }

    /** The canonical JSON of a session state (a checkpoint's snapshot). */
    public static String encodeState(SessionState state) {
        return encode(state, StateJson::writeSessionState);
    }

    /** The session state encoded in {@code json}; throws {@link CodecException} if it is not one. */
    public static SessionState decodeState(String json) {
        return JsonIn.decode(json, StateJson::readSessionState);
    }

    /** The canonical JSON of a machine configuration. */
    public static String encodeConfig(MachineConfig config) {
        return encode(config, ConfigJson::writeConfig);
    }

    /**
     * The configuration encoded in {@code json}; throws {@link CodecException} if it is not one,
     * including when the values break the config's own rules (the message says which).
     */
    public static MachineConfig decodeConfig(String json) {
        return JsonIn.decode(json, ConfigJson::readConfig);
    }

    /** The canonical JSON of a whole step (state, effects, wake), for traces and replay reports. */
    public static String encodeStep(Step step) {
        return encode(step, StepJson::writeStep);
    }

    /** The step encoded in {@code json}; throws {@link CodecException} if it is not one. */
    public static Step decodeStep(String json) {
        return JsonIn.decode(json, StepJson::readStep);
    }

    /** The canonical JSON of a journal header; its {@code schema} field comes first. */
    public static String encodeHeader(JournalHeader header) {
        return encode(header, HeaderJson::write);
    }

    /**
     * The journal header encoded in {@code json}. A header from a newer schema version is refused
     * with a {@link CodecException} that says so, before any other field is looked at.
     */
    public static JournalHeader decodeHeader(String json) {
        return JsonIn.decode(json, HeaderJson::read);
    }

    /** The canonical JSON of {@code value} as {@code writer} writes it. */
    static <T> String encode(T value, JsonOut.Writer<T> writer) {
        Objects.requireNonNull(value, "value");
        StringWriter text = new StringWriter(256);
        try (JsonGenerator g = CodecJson.FACTORY.createGenerator(ObjectWriteContext.empty(), text)) {
            writer.write(new JsonOut(g), value);
        }
        return text.toString();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
