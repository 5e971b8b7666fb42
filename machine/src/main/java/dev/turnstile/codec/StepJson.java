package dev.turnstile.codec;

import dev.turnstile.machine.Effect;
import dev.turnstile.machine.SessionState;
import dev.turnstile.machine.Step;
import dev.turnstile.machine.Wake;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.time.Instant;

/** A whole {@link Step}: next state, effects, wake-up. */
final class StepJson {

    private StepJson() {}

    static void writeStep(JsonOut out, Step step) {
        out.startObject();
        out.object("state", step.state(), StateJson::writeSessionState);
        out.array("effects", step.effects(), EffectJson::write);
        out.option("wake", step.wake(), StepJson::writeWake);
        out.endObject();
    }

    static Step readStep(JsonIn in) {
        in.startObject();
        SessionState state = null;
        Vector<Effect> effects = null;
        Option<Wake> wake = Option.none();
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "state" -> state = StateJson.readSessionState(in);
                case "effects" -> effects = in.vector(EffectJson::read);
                case "wake" -> wake = in.option(StepJson::readWake);
                default -> in.skip();
            }
        }
        return new Step(in.required(state, "state"), in.required(effects, "effects"), wake);
    }

    static void writeWake(JsonOut out, Wake wake) {
        out.startObject();
        out.instant("at", wake.at());
        out.enumeration("reason", Enums.WAKE_REASON, wake.reason());
        out.endObject();
    }

    static Wake readWake(JsonIn in) {
        in.startObject();
        Instant at = null;
        Wake.Reason reason = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "at" -> at = in.instant();
                case "reason" -> reason = in.enumeration(Enums.WAKE_REASON);
                default -> in.skip();
            }
        }
        return new Wake(in.required(at, "at"), in.required(reason, "reason"));
    }
}
