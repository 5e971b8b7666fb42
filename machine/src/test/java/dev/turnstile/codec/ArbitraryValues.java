package dev.turnstile.codec;

import dev.turnstile.machine.Decision;
import dev.turnstile.machine.Delivery;
import dev.turnstile.machine.Effect;
import dev.turnstile.machine.Event;
import dev.turnstile.machine.Input;
import dev.turnstile.machine.Outcome;
import dev.turnstile.machine.Phase;
import dev.turnstile.machine.SessionState;
import dev.turnstile.machine.Step;
import dev.turnstile.machine.StopReason;
import dev.turnstile.machine.ToolSlot;
import io.vavr.collection.TreeSet;

/**
 * Arbitrary valid values of every type the codec maps, sealed hierarchies included, from a seed
 * (the same seed gives the same values). Each hierarchy's generator picks its subtypes uniformly;
 * the {@code ...OfKind(int)} variants pick one by index, so a test can cover every subtype.
 *
 * <pre>{@code
 * ArbitraryValues values = new ArbitraryValues(seed);
 * SessionState state = values.sessionState();
 * Input input = values.input();
 * }</pre>
 */
public class ArbitraryValues extends ArbitraryRecords {

    /** The number of {@link Input} subtypes, for {@link #inputOfKind(int)}. */
    public static final int INPUT_KINDS = Input.class.getPermittedSubclasses().length;
    /** The number of {@link Effect} subtypes. */
    public static final int EFFECT_KINDS = Effect.class.getPermittedSubclasses().length;
    /** The number of {@link Event} subtypes. */
    public static final int EVENT_KINDS = Event.class.getPermittedSubclasses().length;

    /** Values from {@code seed}. */
    public ArbitraryValues(long seed) {
        super(seed);
    }

    /** Any input. */
    public Input input() {
        return inputOfKind(s.below(INPUT_KINDS));
    }

    /** An input of the {@code kind}-th subtype, modulo the number of subtypes. */
    public Input inputOfKind(int kind) {
        return switch (kind % 10) {
            case 0 -> new Input.UserMessageReceived(s.instant(), s.string(), s.pick(Delivery.values()),
                    optionOf(s::string));
            case 1 -> new Input.ModelReplied(s.instant(), effectId(), modelReply());
            case 2 -> new Input.ModelFailed(s.instant(), effectId(), failureKind(), optionOf(s::anyLong), s.string(),
                    s.string());
            case 3 -> new Input.ToolSucceeded(s.instant(), effectId(), s.string());
            case 4 -> new Input.ToolFailed(s.instant(), effectId(), toolErrorKind(), s.string());
            case 5 -> new Input.ApprovalDecided(s.instant(), s.string(), s.pick(Decision.values()), s.string(),
                    s.string(), optionOf(s::argumentsText));
            case 6 -> new Input.BudgetChecked(s.instant(), effectId(), budgetVerdict(), s.string());
            case 7 -> new Input.CancelRequested(s.instant(), s.string());
            case 8 -> new Input.TimeAdvanced(s.instant());
            default -> new Input.Recovered(s.instant());
        };
    }

    /** Any effect; a {@code save_checkpoint} carries a whole session state. */
    public Effect effect() {
        return effectOfKind(s.below(EFFECT_KINDS));
    }

    /** An effect of the {@code kind}-th subtype, modulo the number of subtypes. */
    public Effect effectOfKind(int kind) {
        return switch (kind % 7) {
            case 0 -> new Effect.CallModel(effectId(), modelRequest(), s.instant(), s.anyInt(), labels());
            case 1 -> new Effect.RunTool(effectId(), toolCall(), s.string(), s.instant(), labels());
            case 2 -> new Effect.Abandon(effectId(), s.string());
            case 3 -> new Effect.RequestApproval(s.string(), toolCall(), s.string(), optionOf(s::instant), labels());
            case 4 -> new Effect.CheckBudget(effectId(), s.string(), usage(), s.anyLong(), s.instant(), labels());
            case 5 -> new Effect.SaveCheckpoint(sessionState());
            default -> new Effect.Emit(event());
        };
    }

    /** Any event. */
    public Event event() {
        return eventOfKind(s.below(EVENT_KINDS));
    }

    /** An event of the {@code kind}-th subtype, modulo the number of subtypes. */
    public Event eventOfKind(int kind) {
        return switch (kind % 14) {
            case 0 -> new Event.TurnStarted(eventContext(), s.string());
            case 1 -> new Event.UserMessageQueued(eventContext(), s.pick(Delivery.values()), s.anyInt());
            case 2 -> new Event.ModelCallStarted(eventContext(), effectId(), s.anyInt(), s.anyInt());
            case 3 -> new Event.RetryScheduled(eventContext(), effectId(), failureKind(), s.string(), s.anyInt(),
                    s.anyLong());
            case 4 -> new Event.ToolCallStarted(eventContext(), effectId(), toolCall());
            case 5 -> new Event.ToolCallFinished(eventContext(), optionOf(this::effectId), toolCall(),
                    toolResultMessage());
            case 6 -> new Event.ApprovalRequested(eventContext(), s.string(), toolCall(), s.string());
            case 7 -> new Event.ApprovalResolved(eventContext(), s.string(), s.pick(Decision.values()), s.string(),
                    s.string(), s.random().nextBoolean(), optionOf(s::argumentsText));
            case 8 -> new Event.BudgetThresholdHit(eventContext(), budgetResource(), budgetScope(), s.anyLong(),
                    s.anyLong());
            case 9 -> new Event.BudgetGuardAnswered(eventContext(), effectId(), s.string(), budgetVerdict(),
                    s.string(), s.random().nextBoolean());
            case 10 -> new Event.InputRejected(eventContext(), s.string(), s.string());
            case 11 -> new Event.CancelIgnored(eventContext(), s.string());
            case 12 -> new Event.SessionRecovered(eventContext(), s.anyInt(), s.anyInt(), s.anyInt(), s.anyInt());
            default -> new Event.TurnFinished(eventContext(), outcome(), s.anyInt(), usage(), s.anyLong());
        };
    }

    /** Any outcome. */
    public Outcome outcome() {
        return s.oneIn(2) ? new Outcome.Completed(s.string()) : new Outcome.Stopped(stopReason());
    }

    /** Any stop reason. */
    public StopReason stopReason() {
        return stopReasonOfKind(s.below(StopReason.class.getPermittedSubclasses().length));
    }

    /** A stop reason of the {@code kind}-th subtype, modulo the number of subtypes. */
    public StopReason stopReasonOfKind(int kind) {
        return switch (kind % 8) {
            case 0 -> new StopReason.Cancelled(s.string());
            case 1 -> new StopReason.MaxRounds(s.anyInt());
            case 2 -> new StopReason.BudgetExhausted(budgetResource(), budgetScope(), s.anyLong(), s.anyLong(),
                    s.string());
            case 3 -> new StopReason.GuardDenied(s.string(), s.string(), s.random().nextBoolean());
            case 4 -> new StopReason.ModelFailed(failureKind(), s.string());
            case 5 -> new StopReason.ContextOverflow(s.string());
            case 6 -> new StopReason.ToolFailed(s.string(), s.string());
            default -> new StopReason.Incomplete(s.string());
        };
    }

    /** Any phase. */
    public Phase phase() {
        return phaseOfKind(s.below(Phase.class.getPermittedSubclasses().length));
    }

    /** A phase of the {@code kind}-th subtype, modulo the number of subtypes. */
    public Phase phaseOfKind(int kind) {
        return switch (kind % 6) {
            case 0 -> new Phase.AwaitingUser();
            case 1 -> new Phase.AwaitingBudgetGuard(effectId(), s.instant(), s.anyInt());
            case 2 -> new Phase.AwaitingModel(effectId(), s.instant(), s.anyInt());
            case 3 -> new Phase.BackingOff(s.instant(), s.anyInt());
            case 4 -> new Phase.AwaitingTools(vectorOf(this::toolSlot, 64));
            default -> new Phase.AwaitingApproval(vectorOf(this::toolSlot, 64));
        };
    }

    /** A tool slot in any state. */
    public ToolSlot toolSlot() {
        return new ToolSlot(s.anyInt(), toolCall(), s.string(), slotState());
    }

    /** Any tool slot state. */
    public ToolSlot.State slotState() {
        return slotStateOfKind(s.below(ToolSlot.State.class.getPermittedSubclasses().length));
    }

    /** A tool slot state of the {@code kind}-th subtype, modulo the number of subtypes. */
    public ToolSlot.State slotStateOfKind(int kind) {
        return switch (kind % 5) {
            case 0 -> new ToolSlot.Queued();
            case 1 -> new ToolSlot.CheckingBudget(effectId(), s.instant());
            case 2 -> new ToolSlot.AwaitingDecision(s.string(), optionOf(s::instant));
            case 3 -> new ToolSlot.Running(effectId(), s.instant());
            default -> new ToolSlot.Answered(toolResultMessage());
        };
    }

    /** A session state; its transcript is occasionally long. */
    public SessionState sessionState() {
        TreeSet<String> keys = TreeSet.ofAll(vectorOf(s::string, 200));
        return new SessionState(s.string(), labels(), s.instant(), prng(), s.count(), s.anyInt(), s.anyInt(), phase(),
                optionOf(this::turnProgress), vectorOf(this::message, 200), vectorOf(this::queuedMessage, 50), keys,
                meter(), stringMapOf(s::key, this::usage), promptEstimate(), vectorOf(this::approvalRecord, 50),
                optionOf(this::outcome));
    }

    /** A step: a state, a few effects and maybe a wake-up. */
    public Step step() {
        return new Step(sessionState(), vectorOf(this::effect, 12), optionOf(this::wake));
    }

    /** A journal header in a supported schema version. */
    public JournalHeader journalHeader() {
        return new JournalHeader(1 + s.below(MachineCodec.SCHEMA_VERSION), s.string(), s.anyLong(), s.instant(),
                labels(), machineConfig(), s.string());
    }
}
