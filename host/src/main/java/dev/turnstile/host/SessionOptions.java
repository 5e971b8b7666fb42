package dev.turnstile.host;

import dev.turnstile.machine.Labels;
import dev.turnstile.machine.MachineConfig;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * What a new session needs.
 *
 * @param sessionId chosen by the caller: letters, digits, {@code . _ -}
 * @param config the machine's policy; when its tool list is empty, every tool registered in the
 *     runtime is offered
 * @param labels identity labels carried on every event and effect
 * @param seed seeds retry jitter; when absent it is derived from the session id, so a session's
 *     behaviour depends only on what is journaled
 */
public record SessionOptions(String sessionId, MachineConfig config, Labels labels, Option<Long> seed) {
    /** Validates fields. */
    public SessionOptions {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(seed, "seed");
    }

    /** Options with no labels and a derived seed. */
    public static SessionOptions of(String sessionId, MachineConfig config) {
        return new SessionOptions(sessionId, config, Labels.NONE, Option.none());
    }

    /** With identity labels. */
    public SessionOptions withLabels(Labels value) {
        return new SessionOptions(sessionId, config, value, seed);
    }

    /** With an explicit seed. */
    public SessionOptions withSeed(long value) {
        return new SessionOptions(sessionId, config, labels, Option.some(value));
    }
}
