package dev.turnstile.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.turnstile.host.store.InMemoryJournal;
import dev.turnstile.machine.MachineConfig;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

/** The registry's cap on open sessions parks idle sessions to the store and refuses when all are busy. */
class SessionRetentionTest {

    private final ManualEnvironment env = new ManualEnvironment();
    private final InMemoryJournal journal = new InMemoryJournal();
    private final ScriptedModelClient model = new ScriptedModelClient();
    private final HostRuntime runtime = new HostRuntime(env, journal, journal.checkpoints(),
            new EffectPorts(model, TreeMap.empty(), Option.none(), (id, request) -> { }), 64, 2);
    private final MachineConfig config = MachineConfig.builder("m").build();

    @Test
    void atTheCapTheLeastRecentlyActiveIdleSessionIsParkedAndCanBeResumed() {
        runtime.open(SessionOptions.of("a", config));
        runtime.open(SessionOptions.of("b", config));
        env.runAll();

        runtime.open(SessionOptions.of("c", config));
        env.runAll();

        assertEquals(Vector.of("b", "c"), runtime.openSessions());
        assertTrue(runtime.find("a").isEmpty(), "the parked session is no longer open");
        assertEquals(Vector.of("a", "b", "c"), runtime.storedSessions(), "its journal stays in the store");

        Session a = runtime.resume("a");
        env.runAll();
        assertEquals("a", a.id());
        assertEquals(Vector.of("a", "c"), runtime.openSessions(), "resuming parks the next idlest (b)");
    }

    @Test
    void whenEveryOpenSessionIsMidTurnOpeningAnotherIsRefused() {
        runtime.open(SessionOptions.of("a", config)).send("hello");
        runtime.open(SessionOptions.of("b", config)).send("hello");
        env.runAll();
        assertEquals(2, model.calls.size(), "both sessions wait for their model");

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> runtime.open(SessionOptions.of("c", config)));
        assertTrue(refused.getMessage().contains("mid-turn"), refused.getMessage());
        assertEquals(Vector.of("a", "b"), runtime.openSessions());
    }
}
