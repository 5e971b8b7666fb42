package dev.turnstile.conformance.sim;

import dev.turnstile.machine.Labels;
import dev.turnstile.machine.MachineConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A seeded simulation of one session: a whole world drawn from one seed (the machine config, unless
 * you bring your own, a misbehaving model, tools, humans, budget guard, crashes and clock), run
 * against the pure {@link dev.turnstile.machine.TurnMachine} on a simulated clock, with every
 * {@link Invariant} checked after every step.
 *
 * <pre>{@code
 * SimulationResult r = new Simulator(42).run();                        // a generated config
 * SimulationResult mine = Simulator.forConfig(42, myConfig)            // your agent's config
 *         .withProperty(Property.of("at most 3 rounds", s -> ...))
 *         .run();
 * if (!mine.passed()) {
 *     ShrinkResult small = Shrinker.shrink(mine);                      // a minimal failing trace
 *     TraceFile.write(Path.of("target/sim-failures"), mine, small);    // JSON Lines, ready to commit
 * }
 * }</pre>
 *
 * The same seed always gives the same session, on any JVM and any number of threads.
 */
public final class Simulator {

    private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
    private static final List<String> TENANTS = List.of("acme", "globex", "initech");
    private static final List<String> PRINCIPALS = List.of("user-1", "user-2", "service-account");

    private final long seed;
    private final MachineConfig config;
    private final WorldProfile profile;
    private final SessionStart start;
    private final long worldSeed;
    private final List<Property> properties;
    private final boolean recordSteps;

    /** A simulation whose machine config is drawn from {@code seed} too. */
    public Simulator(long seed) {
        this(seed, null, List.of(), false);
    }

    /** A simulation of {@code config} in a world drawn from {@code seed}. */
    public static Simulator forConfig(long seed, MachineConfig config) {
        return new Simulator(seed, Objects.requireNonNull(config, "config"), List.of(), false);
    }

    private Simulator(long seed, MachineConfig givenConfig, List<Property> properties, boolean recordSteps) {
        this.seed = seed;
        Dice root = new Dice(seed);
        // Each part of the world draws from its own stream, so bringing your own config does not shift
        // the world's draws, and running twice gives the same session.
        Dice configDice = new Dice(root.nextLong());
        this.profile = WorldProfile.draw(new Dice(root.nextLong()));
        this.worldSeed = root.nextLong();
        Dice startDice = new Dice(root.nextLong());
        this.config = givenConfig != null ? givenConfig : ConfigGenerator.draw(configDice);
        this.start = new SessionStart("sim-" + Long.toHexString(seed), startDice.nextLong(),
                EPOCH.plusMillis(startDice.between(0L, 1_000_000_000L)),
                new Labels(startDice.pick(TENANTS), startDice.pick(PRINCIPALS), "sim-agent",
                        "corr-" + Long.toHexString(startDice.nextLong())));
        this.properties = properties;
        this.recordSteps = recordSteps;
    }

    /** This simulation with an extra property checked after every step. */
    public Simulator withProperty(Property property) {
        List<Property> more = new ArrayList<>(properties);
        more.add(Objects.requireNonNull(property, "property"));
        return new Simulator(seed, config, List.copyOf(more), recordSteps);
    }

    /** This simulation keeping every {@link dev.turnstile.machine.Step} in its result (for replay checks). */
    public Simulator recordingSteps() {
        return new Simulator(seed, config, properties, true);
    }

    /** The seed. */
    public long seed() {
        return seed;
    }

    /** The machine config the session runs under. */
    public MachineConfig config() {
        return config;
    }

    /** How the session starts. */
    public SessionStart start() {
        return start;
    }

    /** The extra properties checked. */
    public List<Property> properties() {
        return properties;
    }

    /** Runs the session to the end (the world drained) or to the first broken rule. */
    public SimulationResult run() {
        return new SimulationLoop(config, profile, start, new Dice(worldSeed), properties, recordSteps).run(seed);
    }
}
