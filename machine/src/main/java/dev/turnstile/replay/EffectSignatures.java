package dev.turnstile.replay;

import dev.turnstile.codec.MachineCodec;
import dev.turnstile.machine.Effect;
import dev.turnstile.model.Message;
import dev.turnstile.model.ModelRequest;
import io.vavr.collection.Vector;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Short, readable signatures of a step's effects, stored in each journal record so that replay can
 * name the first divergent step and which effect differs, without storing the effects themselves.
 *
 * <p>A signature is {@code kind id digest}, e.g. {@code call_model e5 3fa2c01b9d7e}. The digest covers
 * the effect's canonical JSON, except that a model call's transcript is represented by its length and
 * its last {@value #MESSAGES_DIGESTED} messages: the transcript only ever grows, earlier content was
 * covered by earlier steps, and hashing the whole prompt at every call would make replay quadratic
 * in the session's length (and journals must grow only with each round's new content).
 */
public final class EffectSignatures {

    /** Trailing transcript messages covered by a model call's digest. */
    public static final int MESSAGES_DIGESTED = 4;

    private static final HexFormat HEX = HexFormat.of();

    private EffectSignatures() {}

    /** The signatures of a step's effects, in order. */
    public static Vector<String> of(Vector<Effect> effects) {
        return effects.map(EffectSignatures::of);
    }

    /** The signature of one effect. */
    public static String of(Effect effect) {
        return switch (effect) {
            case Effect.CallModel c -> "call_model " + c.id() + " " + digest(MachineCodec.encodeEffect(digestible(c)));
            case Effect.RunTool r -> "run_tool " + r.id() + " " + digest(MachineCodec.encodeEffect(r));
            case Effect.Abandon a -> "abandon " + a.id() + " " + digest(MachineCodec.encodeEffect(a));
            case Effect.RequestApproval r -> "request_approval " + r.approvalId() + " " + digest(MachineCodec.encodeEffect(r));
            case Effect.CheckBudget b -> "check_budget " + b.id() + " " + digest(MachineCodec.encodeEffect(b));
            // A checkpoint's snapshot is the state, which the next steps verify; its digest would
            // hash the whole transcript again.
            case Effect.SaveCheckpoint s -> "save_checkpoint - " + s.snapshot().transcript().size();
            case Effect.Emit e -> "emit " + e.event().getClass().getSimpleName() + " " + digest(MachineCodec.encodeEffect(e));
        };
    }

    private static Effect.CallModel digestible(Effect.CallModel call) {
        ModelRequest r = call.request();
        Vector<Message> messages = r.messages();
        Vector<Message> tail = messages.drop(Math.max(0, messages.size() - MESSAGES_DIGESTED));
        // The length joins the digest through the model name, which is otherwise a constant.
        ModelRequest reduced = new ModelRequest(r.model() + "#" + messages.size(), r.system(), tail, r.tools(),
                r.toolChoice(), r.parallelToolCalls(), r.maxOutputTokens(), r.temperature());
        return new Effect.CallModel(call.id(), reduced, call.deadline(), call.attempt(), call.labels());
    }

    private static String digest(String canonicalJson) {
        byte[] hash = sha256().digest(canonicalJson.getBytes(StandardCharsets.UTF_8));
        return HEX.formatHex(hash, 0, 6);
    }

    // Cloning a prototype skips the provider lookup of MessageDigest.getInstance on every effect; the
    // prototype itself is never updated, so sharing it is safe.
    private static final MessageDigest SHA_256_PROTOTYPE = newSha256();

    private static MessageDigest sha256() {
        try {
            return (MessageDigest) SHA_256_PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            return newSha256();
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
