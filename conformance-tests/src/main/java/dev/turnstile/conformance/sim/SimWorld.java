package dev.turnstile.conformance.sim;

import dev.turnstile.conformance.sim.EventQueue.Origin;
import dev.turnstile.machine.BudgetVerdict;
import dev.turnstile.machine.Decision;
import dev.turnstile.machine.Delivery;
import dev.turnstile.machine.Effect;
import dev.turnstile.machine.EffectId;
import dev.turnstile.machine.Event;
import dev.turnstile.machine.Input;
import dev.turnstile.machine.MachineConfig;
import dev.turnstile.machine.Step;
import dev.turnstile.machine.ToolErrorKind;
import dev.turnstile.model.ToolSpec;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The simulated world around one session: it answers the machine's effects (late, twice, never),
 * decides approvals, answers the budget guard, sends user messages and cancels, crashes and recovers,
 * and sends answers to nothing. Everything it does is drawn from its dice and scheduled on the
 * {@link EventQueue}; it never looks at the machine's state, only at the effects it was given.
 */
final class SimWorld {

    private static final List<String> PRINCIPALS = List.of("alice", "bob", "ops-bot");

    private final MachineConfig config;
    private final WorldProfile profile;
    private final Dice dice;
    private final EventQueue queue;
    private final ModelBehaviour model;
    private final String sessionId;
    private final List<String> keysUsed = new ArrayList<>();
    private final List<String> approvalIds = new ArrayList<>();
    private int userMessagesLeft;
    private int userMessagesPending;
    private int messagesSent;
    private int recoveriesLeft;
    private long lastEffectIdSeen;

    SimWorld(MachineConfig config, WorldProfile profile, Dice dice, EventQueue queue, String sessionId) {
        this.config = config;
        this.profile = profile;
        this.dice = dice;
        this.queue = queue;
        this.model = new ModelBehaviour(config, profile, dice.split());
        this.sessionId = sessionId;
        this.userMessagesLeft = profile.userMessages();
        this.recoveriesLeft = profile.recoveries();
    }

    /** Schedules the first user message and the world's noise. */
    void begin(Instant start) {
        sendUserMessage(start.plusMillis(dice.between(0, 1_000)));
        for (int i = 0; i < profile.noiseInputs(); i++) {
            queue.schedule(start.plusMillis(dice.between(0, 120_000)), Origin.OUTSIDE, 0, this::noise);
        }
    }

    /** Called when a scheduled event is delivered, before the machine steps it. */
    void delivered(EventQueue.Scheduled event) {
        switch (event.origin) {
            case USER_MESSAGE -> userMessagesPending--;
            case RECOVERY -> forgetInFlight();
            case OUTSIDE, ANSWER, DECISION -> { }
        }
    }

    /** Reacts to one step's effects at {@code now}, the instant the step's input happened. */
    void react(Step step, Instant now) {
        Map<Long, Integer> rounds = new HashMap<>();
        for (Event e : step.events()) {
            if (e instanceof Event.ModelCallStarted m) {
                rounds.put(m.effectId().value(), m.round());
            }
        }
        for (Effect effect : step.effects()) {
            switch (effect) {
                case Effect.CallModel c -> {
                    seen(c.id());
                    if (!dice.chance(profile.modelHangRate())) {
                        answer(now.plusMillis(dice.latencyMillis(profile.modelLatencyMaxMillis())), c.id(),
                                model.answer(c, rounds.getOrDefault(c.id().value(), 1)));
                    }
                }
                case Effect.RunTool r -> runTool(r, now);
                case Effect.CheckBudget b -> checkBudget(b, now);
                case Effect.RequestApproval a -> decide(a, now);
                case Effect.Abandon a -> {
                    if (!dice.chance(profile.keepAfterAbandonRate())) {
                        queue.live(s -> s.origin == Origin.ANSWER && s.effectId == a.id().value())
                                .forEach(s -> s.cancelled = true);
                    }
                }
                case Effect.Emit(Event.TurnStarted t) -> turnStarted(now);
                case Effect.Emit e -> { }
                case Effect.SaveCheckpoint cp -> { }
            }
        }
        if (recoveriesLeft > 0 && !step.commands().isEmpty() && dice.chance(0.2)) {
            recoveriesLeft--;
            queue.schedule(now.plusMillis(dice.between(0, 2_000)), Origin.RECOVERY, 0, Input.Recovered::new);
        }
        if (!step.state().turnRunning() && userMessagesLeft > 0 && userMessagesPending == 0) {
            sendUserMessage(now.plusMillis(dice.latencyMillis(20_000)));
        }
    }

    private void turnStarted(Instant now) {
        if (dice.chance(profile.cancelRate())) {
            queue.schedule(now.plusMillis(dice.latencyMillis(20_000)), Origin.OUTSIDE, 0,
                    at -> new Input.CancelRequested(at, "the user pressed stop"));
        }
        if (userMessagesLeft > 0 && dice.chance(profile.interjectionRate())) {
            sendUserMessage(now.plusMillis(dice.latencyMillis(10_000)));
        }
    }

    private void sendUserMessage(Instant at) {
        userMessagesLeft--;
        userMessagesPending++;
        int number = ++messagesSent;
        String text = "user message " + number + ": please look into item " + dice.between(0, 999);
        Delivery delivery = dice.chance(profile.afterTurnShare()) ? Delivery.AFTER_TURN : Delivery.NEXT_BOUNDARY;
        Option<String> key = Option.none();
        if (dice.chance(profile.idempotencyKeyRate())) {
            key = Option.some(!keysUsed.isEmpty() && dice.chance(profile.duplicateKeyRate())
                    ? dice.pick(keysUsed)
                    : "key-" + number);
            keysUsed.add(key.get());
        }
        Option<String> idempotencyKey = key;
        queue.schedule(at, Origin.USER_MESSAGE, 0,
                when -> new Input.UserMessageReceived(when, text, delivery, idempotencyKey));
    }

    private void runTool(Effect.RunTool run, Instant now) {
        seen(run.id());
        if (dice.chance(profile.toolHangRate())) {
            return;
        }
        Instant at = now.plusMillis(dice.latencyMillis(profile.toolLatencyMaxMillis()));
        EffectId id = run.id();
        if (dice.chance(profile.toolFailureRate())) {
            ToolErrorKind kind = dice.pick(List.of(ToolErrorKind.values()));
            answer(at, id, when -> new Input.ToolFailed(when, id, kind, "simulated " + kind + " in " + run.call().name()));
            return;
        }
        String output = dice.chance(0.05) ? "" : dice.chance(0.05) ? "x".repeat(3_000)
                : "result of " + run.call().name() + " #" + dice.between(0, 999) + " ✓";
        answer(at, id, when -> new Input.ToolSucceeded(when, id, output));
    }

    private void checkBudget(Effect.CheckBudget check, Instant now) {
        seen(check.id());
        if (dice.chance(profile.guardSilentRate())) {
            return;
        }
        double u = dice.unit();
        BudgetVerdict verdict = u < profile.guardDenyRate() ? BudgetVerdict.DENY
                : u < profile.guardDenyRate() + profile.guardSoftRate() ? BudgetVerdict.SOFT_LIMIT : BudgetVerdict.ALLOW;
        EffectId id = check.id();
        answer(now.plusMillis(dice.latencyMillis(profile.guardLatencyMaxMillis())), id,
                when -> new Input.BudgetChecked(when, id, verdict, "simulated guard: " + verdict));
    }

    private void decide(Effect.RequestApproval request, Instant now) {
        if (!approvalIds.contains(request.approvalId())) {
            approvalIds.add(request.approvalId());
        }
        if (dice.chance(profile.neverDecideRate())) {
            return;
        }
        Instant at = now.plusMillis(dice.latencyMillis(profile.decisionDelayMaxMillis()));
        boolean invalidEdit = scheduleDecision(request, at);
        if (invalidEdit || dice.chance(profile.doubleDecisionRate())) {
            scheduleDecision(request, at.plusMillis(dice.latencyMillis(profile.decisionDelayMaxMillis())));
        }
    }

    /** Schedules one decision; true when it carries invalid edited arguments (so a human will try again). */
    private boolean scheduleDecision(Effect.RequestApproval request, Instant at) {
        boolean approve = dice.chance(profile.approveRate());
        Option<String> edited = Option.none();
        boolean invalid = false;
        Option<ToolSpec> spec = config.tools().find(t -> t.name().equals(request.call().name()));
        if (approve && spec.isDefined() && dice.chance(profile.editRate())) {
            invalid = dice.chance(profile.invalidEditRate());
            edited = Option.some(invalid
                    ? (dice.chance(0.5) ? ArgumentGenerator.malformed(dice)
                            : ArgumentGenerator.violation(spec.get().inputSchema(), dice))
                    : ArgumentGenerator.valid(spec.get().inputSchema(), dice));
        }
        Decision decision = approve ? Decision.APPROVE : Decision.DENY;
        String principal = dice.pick(PRINCIPALS);
        Option<String> arguments = edited;
        String id = request.approvalId();
        queue.schedule(at, Origin.DECISION, 0, when -> new Input.ApprovalDecided(when, id, decision,
                approve ? "looks fine" : "not allowed right now", principal, arguments));
        return invalid;
    }

    private void answer(Instant at, EffectId id, Function<Instant, Input> input) {
        queue.schedule(at, Origin.ANSWER, id.value(), input);
        if (dice.chance(profile.duplicateRate())) {
            queue.schedule(at.plusMillis(dice.between(0, 3_000)), Origin.ANSWER, id.value(), input);
        }
    }

    /** After a crash, every answer in flight is lost, except the few stale ones the world still delivers. */
    private void forgetInFlight() {
        queue.live(s -> s.origin == Origin.ANSWER || s.origin == Origin.DECISION).forEach(s -> {
            if (!dice.chance(profile.staleAfterRecoveryRate())) {
                s.cancelled = true;
            }
        });
    }

    private void seen(EffectId id) {
        lastEffectIdSeen = Math.max(lastEffectIdSeen, id.value());
    }

    /** An answer to nothing in particular: unknown or wrong effects, unknown or old approvals, a stray cancel. */
    private Input noise(Instant at) {
        EffectId id = new EffectId(dice.between(1L, lastEffectIdSeen + 3));
        return switch (dice.between(0, 6)) {
            case 0 -> new Input.ModelReplied(at, id, new dev.turnstile.model.ModelReply(
                    dev.turnstile.model.AssistantMessage.text("stray reply"), dev.turnstile.model.Usage.of(3, 3),
                    dev.turnstile.model.FinishReason.END_TURN, config.model()));
            case 1 -> new Input.ModelFailed(at, id, dev.turnstile.model.FailureKind.FATAL, Option.none(), "stray", "");
            case 2 -> new Input.ToolSucceeded(at, id, "stray output");
            case 3 -> new Input.ToolFailed(at, id, ToolErrorKind.TOOL_ERROR, "stray failure");
            case 4 -> new Input.BudgetChecked(at, id, BudgetVerdict.ALLOW, "stray verdict");
            case 5 -> new Input.ApprovalDecided(at, !approvalIds.isEmpty() && dice.chance(0.5) ? dice.pick(approvalIds)
                    : sessionId + ":approval:" + dice.between(900, 999), Decision.APPROVE, "stray decision",
                    "mallory", Option.none());
            default -> new Input.CancelRequested(at, "a stray cancel");
        };
    }
}
