package dev.turnstile.codec;

import dev.turnstile.machine.ApprovalRecord;
import dev.turnstile.machine.BudgetLimits;
import dev.turnstile.machine.BudgetPolicy;
import dev.turnstile.machine.BudgetResource;
import dev.turnstile.machine.BudgetScope;
import dev.turnstile.machine.BudgetVerdict;
import dev.turnstile.machine.Decision;
import dev.turnstile.machine.Delivery;
import dev.turnstile.machine.EffectId;
import dev.turnstile.machine.EventContext;
import dev.turnstile.machine.Labels;
import dev.turnstile.machine.MachineConfig;
import dev.turnstile.machine.Meter;
import dev.turnstile.machine.PermissionRule;
import dev.turnstile.machine.PermissionVerdict;
import dev.turnstile.machine.Price;
import dev.turnstile.machine.Prng;
import dev.turnstile.machine.PromptEstimate;
import dev.turnstile.machine.QueuedMessage;
import dev.turnstile.machine.RetryPolicy;
import dev.turnstile.machine.ToolErrorKind;
import dev.turnstile.machine.ToolPermissions;
import dev.turnstile.machine.TurnProgress;
import dev.turnstile.machine.Wake;
import dev.turnstile.model.AssistantMessage;
import dev.turnstile.model.FailureKind;
import dev.turnstile.model.FinishReason;
import dev.turnstile.model.Message;
import dev.turnstile.model.ModelReply;
import dev.turnstile.model.ModelRequest;
import dev.turnstile.model.ToolCall;
import dev.turnstile.model.ToolChoice;
import dev.turnstile.model.ToolResultMessage;
import dev.turnstile.model.ToolSpec;
import dev.turnstile.model.Usage;
import dev.turnstile.model.UserMessage;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Arbitrary valid values of the plain records the codec maps (model vocabulary, machine records,
 * config), from a seed: the same seed gives the same values. Collections are usually small,
 * sometimes empty, occasionally large; every field meets its record's validation and nothing else
 * is assumed (values need not be reachable by the machine). {@link ArbitraryValues} adds the sealed
 * hierarchies and is the class to use.
 */
public class ArbitraryRecords {

    /** The scalar generator, for this class and its subclasses. */
    protected final ArbitraryScalars s;

    /** Values from {@code seed}. */
    public ArbitraryRecords(long seed) {
        this.s = new ArbitraryScalars(new SplittableRandom(seed));
    }

    /** The scalar generator underneath, sharing the same random stream. */
    public final ArbitraryScalars scalars() {
        return s;
    }

    /** A vector of 0 to a few values, rarely {@code large} of them. */
    public <T> Vector<T> vectorOf(Supplier<T> element, int large) {
        int n = s.oneIn(50) ? large : s.below(4);
        return Vector.fill(n, element);
    }

    /** An option that is none a third of the time. */
    public <T> Option<T> optionOf(Supplier<T> value) {
        return s.oneIn(3) ? Option.none() : Option.some(value.get());
    }

    /** A string-keyed tree map of 0 to a few entries. */
    public <V> TreeMap<String, V> stringMapOf(Supplier<String> key, Supplier<V> value) {
        TreeMap<String, V> map = TreeMap.empty();
        for (int i = s.below(4); i > 0; i--) {
            map = map.put(key.get(), value.get());
        }
        return map;
    }

    // Model vocabulary

    /** A tool call; its arguments are often not valid JSON. */
    public ToolCall toolCall() {
        return new ToolCall(s.string(), s.string(), s.argumentsText());
    }

    /** A tool spec with a JSON object schema (occasionally any JSON value). */
    public ToolSpec toolSpec() {
        return new ToolSpec(s.oneIn(3) ? s.string() + "x" : s.word(), s.string(),
                s.oneIn(10) ? s.json() : s.jsonObject(), s.random().nextBoolean());
    }

    /** Token counts, each zero to {@code Long.MAX_VALUE}. */
    public Usage usage() {
        return new Usage(s.count(), s.count(), s.count(), s.count());
    }

    /** A user message. */
    public UserMessage userMessage() {
        return new UserMessage(s.string());
    }

    /** An assistant message with 0 to a few tool calls. */
    public AssistantMessage assistantMessage() {
        return new AssistantMessage(s.string(), vectorOf(this::toolCall, 40));
    }

    /** A tool result. */
    public ToolResultMessage toolResultMessage() {
        return new ToolResultMessage(s.string(), s.string(), s.string(), s.random().nextBoolean());
    }

    /** Any message. */
    public Message message() {
        return switch (s.below(3)) {
            case 0 -> userMessage();
            case 1 -> assistantMessage();
            default -> toolResultMessage();
        };
    }

    /** A model request. */
    public ModelRequest modelRequest() {
        return new ModelRequest(s.string(), s.string(), vectorOf(this::message, 200), vectorOf(this::toolSpec, 30),
                s.pick(ToolChoice.values()), s.random().nextBoolean(), optionOf(s::anyInt), optionOf(s::anyDouble));
    }

    /** A model reply. */
    public ModelReply modelReply() {
        return new ModelReply(assistantMessage(), usage(), s.pick(FinishReason.values()), s.string());
    }

    // Machine records

    /** An effect id from 1 to {@code Long.MAX_VALUE}. */
    public EffectId effectId() {
        return new EffectId(s.positiveLong());
    }

    /** Identity labels, often empty. */
    public Labels labels() {
        return s.oneIn(4) ? Labels.NONE : new Labels(s.string(), s.string(), s.string(), s.string());
    }

    /** An event context. */
    public EventContext eventContext() {
        return new EventContext(s.string(), s.anyInt(), s.instant(), labels());
    }

    /** A PRNG in any state. */
    public Prng prng() {
        return new Prng(s.anyLong());
    }

    /** A wake-up. */
    public Wake wake() {
        return new Wake(s.instant(), s.pick(Wake.Reason.values()));
    }

    /** A meter with counts from zero to their maximum. */
    public Meter meter() {
        TreeSet<BudgetResource> hit = TreeSet.empty();
        for (BudgetResource r : BudgetResource.values()) {
            hit = s.oneIn(3) ? hit.add(r) : hit;
        }
        return new Meter(usage(), s.count(), s.smallCount(), s.smallCount(), hit);
    }

    /** A running turn's counters. */
    public TurnProgress turnProgress() {
        return new TurnProgress(s.instant(), s.positiveInt(), s.random().nextBoolean(),
                stringMapOf(s::key, s::smallCount), meter());
    }

    /** A prompt size estimate. */
    public PromptEstimate promptEstimate() {
        return new PromptEstimate(s.count(), s.count());
    }

    /** An approval audit record. */
    public ApprovalRecord approvalRecord() {
        return new ApprovalRecord(s.string(), s.anyInt(), s.string(), s.string(), s.pick(Decision.values()),
                s.string(), s.string(), s.random().nextBoolean(), optionOf(s::argumentsText), s.instant());
    }

    /** A queued user message. */
    public QueuedMessage queuedMessage() {
        return new QueuedMessage(s.string(), s.pick(Delivery.values()), s.instant());
    }

    // Config

    /** A valid retry policy. */
    public RetryPolicy retryPolicy() {
        long base = s.count();
        long max = base == Long.MAX_VALUE || s.oneIn(3) ? base : s.random().nextLong(base, Long.MAX_VALUE);
        return new RetryPolicy(s.positiveInt(), base, max, s.count(), s.below(101));
    }

    /** A permission rule with any glob. */
    public PermissionRule permissionRule() {
        return new PermissionRule(s.pick("*", "?", "read_*", "") + s.string(), s.pick(PermissionVerdict.values()));
    }

    /** A permission policy. */
    public ToolPermissions toolPermissions() {
        return new ToolPermissions(vectorOf(this::permissionRule, 100), s.pick(PermissionVerdict.values()));
    }

    /** Positive limits; {@code allowWallTime} is false for session limits, which may not limit wall time. */
    public BudgetLimits budgetLimits(boolean allowWallTime) {
        BudgetLimits limits = BudgetLimits.NONE;
        for (BudgetResource r : BudgetResource.values()) {
            if ((allowWallTime || r != BudgetResource.WALL_TIME_MILLIS) && s.oneIn(2)) {
                limits = limits.with(r, s.positiveLong());
            }
        }
        return limits;
    }

    /** A price. */
    public Price price() {
        return new Price(s.count(), s.count());
    }

    /** A valid budget policy. */
    public BudgetPolicy budgetPolicy() {
        return new BudgetPolicy(budgetLimits(true), budgetLimits(false), 1 + s.below(100),
                stringMapOf(s::key, this::price), optionOf(s::positiveLong));
    }

    /** A valid machine configuration with tools of distinct names. */
    public MachineConfig machineConfig() {
        Vector<ToolSpec> tools = vectorOf(this::toolSpec, 60).distinctBy(ToolSpec::name);
        return new MachineConfig(s.string(), s.string(), tools, optionOf(s::anyInt), optionOf(s::anyDouble),
                s.random().nextBoolean(), s.positiveInt(), s.positiveLong(),
                s.positiveLong(), retryPolicy(), s.positiveInt(), s.positiveInt(),
                stringMapOf(s::key, s::anyInt), toolPermissions(), optionOf(s::positiveLong), budgetPolicy(),
                s.random().nextBoolean(), s.string());
    }

    /** A budget scope. */
    public BudgetScope budgetScope() {
        return s.pick(BudgetScope.values());
    }

    /** A budget resource. */
    public BudgetResource budgetResource() {
        return s.pick(BudgetResource.values());
    }

    /** A guard verdict. */
    public BudgetVerdict budgetVerdict() {
        return s.pick(BudgetVerdict.values());
    }

    /** A model failure kind. */
    public FailureKind failureKind() {
        return s.pick(FailureKind.values());
    }

    /** A tool failure kind. */
    public ToolErrorKind toolErrorKind() {
        return s.pick(ToolErrorKind.values());
    }
}
