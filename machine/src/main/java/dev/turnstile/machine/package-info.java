/**
 * The turn machine: a pure, deterministic state machine that runs LLM agent turns.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>Pure and total.</b> {@link dev.turnstile.machine.TurnMachine#step step(state, input)}
 *       reads only its config, the state and the input, and returns a {@link dev.turnstile.machine.Step}:
 *       the next state, the effects to execute, and the next wake-up. It never does IO, never reads a
 *       clock, never draws randomness of its own and never throws for any input in any phase.</li>
 *   <li><b>Time is an input.</b> Every {@link dev.turnstile.machine.Input} carries {@code at}, stamped by
 *       the adapter's clock; the machine keeps {@code now = max(now, at)}. Deadlines live in the state;
 *       {@link dev.turnstile.machine.Step#wake()} is the earliest, always strictly after {@code now}.
 *       When it passes, feed {@link dev.turnstile.machine.Input.TimeAdvanced}: every expired deadline
 *       fires at once; a wake-up with nothing expired changes nothing but {@code now}. Deadlines that
 *       passed before any other input arrived fire first, so a reply after its deadline is late.</li>
 *   <li><b>Ids and randomness come from the state.</b> Effect ids are a counter, approval ids derive
 *       from the session id and a counter, retry jitter comes from a {@link dev.turnstile.machine.Prng}
 *       seeded at {@link dev.turnstile.machine.TurnMachine#start start}. The same inputs give the same
 *       steps, bit for bit, on any JVM.</li>
 *   <li><b>Errors are data.</b> The world misbehaving (model failures, tool errors, timeouts, bad tool
 *       arguments) is an ordinary transition. An input that does not fit the state (a reply to an
 *       unknown, abandoned or answered effect; a second decision; an approval for nothing; a duplicate
 *       idempotency key) changes nothing but time and emits
 *       {@link dev.turnstile.machine.Event.InputRejected}. An exception means a broken invariant: a bug.</li>
 *   <li><b>Outcomes are final.</b> A turn ends once, with an {@link dev.turnstile.machine.Outcome}; its
 *       in-flight work is abandoned and late answers to it are rejected. The session then waits for the
 *       next user message (or starts the next queued one).</li>
 *   <li><b>Transitions are data.</b> {@link dev.turnstile.machine.Transitions#TABLE} declares every
 *       transition; the machine refuses to take an undeclared one. {@code machine/docs/turn-machine.svg}
 *       is generated from it.</li>
 * </ul>
 *
 * <h2>The driving loop</h2>
 * An adapter owns one session at a time per thread or event loop and repeats: take the next input
 * (from the user, an effect's result, or the wake timer), journal it, step, execute the effects, re-arm
 * the one wake timer. Results of effects come back later as new inputs.
 *
 * <pre>{@code
 * TurnMachine machine = new TurnMachine(MachineConfig.builder("gpt-4o").tool(addTool).build());
 * SessionState state = machine.start("session-1", seed, clock.instant());
 * Deque<Input> inbox = new ArrayDeque<>(List.of(Input.UserMessageReceived.of(clock.instant(), "What is 2 + 2?")));
 * Option<Wake> wake = Option.none();
 * while (!inbox.isEmpty() || wake.isDefined()) {
 *     if (inbox.isEmpty()) {                          // nothing to do until the one timer fires
 *         clock.sleepUntil(wake.get().at());
 *         inbox.add(new Input.TimeAdvanced(clock.instant()));
 *     }
 *     Input input = inbox.poll();
 *     journal.append(input);                          // write-ahead: durable before it is stepped
 *     Step step = machine.step(state, input);
 *     state = step.state();
 *     for (Effect effect : step.effects()) {
 *         switch (effect) {
 *             case Effect.CallModel c -> inbox.add(model.call(c, clock));   // a ModelReplied or a ModelFailed
 *             case Effect.RunTool r -> inbox.add(new Input.ToolSucceeded(clock.instant(), r.id(), tools.run(r.call())));
 *             case Effect.Emit e -> observers.publish(e.event());
 *             case Effect.SaveCheckpoint s -> checkpoints.save(s.snapshot());
 *             case Effect.RequestApproval a -> approvals.ask(a);   // answered later by ApprovalDecided
 *             case Effect.CheckBudget b -> inbox.add(new Input.BudgetChecked(clock.instant(), b.id(), BudgetVerdict.ALLOW, ""));
 *             case Effect.Abandon a -> inFlight.cancel(a.id());
 *         }
 *     }
 *     wake = step.wake();                             // re-arm the one timer after every step
 * }
 * }</pre>
 * Here every effect is answered at once, so an empty inbox means waiting for the timer; a real
 * adapter waits for whichever comes first, a result or the timer.
 * A complete, compiled version of this loop runs in the test {@code PackageDocDriverTest}.
 *
 * <h2>Vocabulary</h2>
 * A <em>session</em> is a conversation; a <em>turn</em> is one user request through to its outcome; a
 * <em>round</em> is one model call plus the tool batch it asked for. Inputs are past-tense facts,
 * effects imperative commands, events observable notifications.
 */
package dev.turnstile.machine;
