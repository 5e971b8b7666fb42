/**
 * The seeded simulator: property-based testing of the turn machine (and of your agent's
 * {@link dev.turnstile.machine.MachineConfig}) without threads, sleeps or a network.
 *
 * <p>One seed draws a whole world: a config ({@link dev.turnstile.conformance.sim.ConfigGenerator}),
 * how the world misbehaves ({@link dev.turnstile.conformance.sim.WorldProfile}), and then, step by
 * step, a model that replies, fails, hangs and answers late or twice, tools that fail and hang,
 * humans who approve, deny, edit or never decide, a budget guard, user messages and cancels, crash
 * recoveries and a skewed clock ({@link dev.turnstile.conformance.sim.SimWorld}). The session is
 * driven on a simulated clock ({@link dev.turnstile.conformance.sim.EventQueue}) and every step is
 * checked against the {@link dev.turnstile.conformance.sim.Invariant}s by an
 * {@link dev.turnstile.conformance.sim.InvariantChecker} that keeps its own books. A failure is
 * shrunk ({@link dev.turnstile.conformance.sim.Shrinker}) and written as a JSON Lines trace
 * ({@link dev.turnstile.conformance.sim.TraceFile}) that {@link dev.turnstile.conformance.sim.Replay}
 * re-checks.
 *
 * <pre>{@code
 * RunReport report = SimulationRunner.builder()
 *         .baseSeed(42).sessions(10_000)
 *         .config(seed -> myAgentConfig)
 *         .traceDirectory(Path.of("target/sim-failures"))
 *         .run();
 * assertTrue(report.passed(), report.summary());
 * }</pre>
 */
package dev.turnstile.conformance.sim;
