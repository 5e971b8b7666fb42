package dev.turnstile.conformance.sim;

import dev.turnstile.machine.Effect;
import dev.turnstile.machine.EffectId;
import dev.turnstile.machine.Input;
import dev.turnstile.machine.MachineConfig;
import dev.turnstile.machine.Step;
import dev.turnstile.model.AssistantMessage;
import dev.turnstile.model.ModelReply;
import dev.turnstile.model.ToolCall;
import io.vavr.collection.Vector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Shrinks a failing session to a small trace that breaks the same rule: delta debugging (ddmin)
 * over the input list, replaying each candidate through the pure machine from the same start. A
 * candidate "still fails" when its replay, drained as a quiet world would, breaks the rule with the
 * same {@link Violation#key()}.
 *
 * <p>Removing an input shifts the ids of every effect issued after it (ids are a counter), which
 * would turn the answers that follow into answers to nothing. So a candidate is replayed with its
 * answers re-addressed by provenance: an answer to "the second effect issued by input 7" is sent to
 * whatever id input 7's step issued second in the candidate (approval ids likewise). Answers to
 * effects of removed inputs keep their ids and are usually rejected, as stale answers are.
 *
 * <p>Between rounds of ddmin, model replies that ask for tools are simplified (no tools, one call
 * to an unknown tool that is answered at once, or only the first call), since every tool call
 * drags guard verdicts, approvals and results along with it.
 */
public final class Shrinker {

    /** Replays a shrink may spend before it settles for what it has. */
    public static final int DEFAULT_MAX_REPLAYS = 20_000;

    private Shrinker() {}

    /**
     * A shrunk trace.
     *
     * @param inputs the minimal failing inputs found
     * @param violation the rule they break (at its step in the shrunk trace)
     * @param originalSize how many inputs the failing session had
     * @param replays how many candidate replays the shrink ran
     */
    public record ShrinkResult(List<Input> inputs, Violation violation, int originalSize, int replays) {
        /** Freezes the list. */
        public ShrinkResult {
            inputs = List.copyOf(inputs);
        }
    }

    /** Shrinks a failed simulation. */
    public static ShrinkResult shrink(SimulationResult failed) {
        return shrink(failed.config(), failed.start(), failed.inputs(), failed.properties(),
                failed.violation().orElseThrow(() -> new IllegalArgumentException("the session did not fail")),
                DEFAULT_MAX_REPLAYS);
    }

    /**
     * Shrinks {@code inputs}, which break {@code target} when replayed from {@code start} under
     * {@code config}.
     */
    public static ShrinkResult shrink(MachineConfig config, SessionStart start, List<Input> inputs,
            List<Property> properties, Violation target, int maxReplays) {
        Attempts attempts = new Attempts(config, start, properties, target, maxReplays);
        Candidate current = attempts.failing(new Candidate(inputs, List.of(), null), indexes(inputs.size()))
                .orElseThrow(() -> new IllegalArgumentException("the inputs do not break " + target.key()
                        + " when replayed"));
        while (true) {
            current = ddmin(attempts, current);
            Optional<Candidate> simpler = simplifyReplies(attempts, current);
            if (simpler.isEmpty() || attempts.exhausted()) {
                break;
            }
            current = simpler.get();
        }
        return new ShrinkResult(current.inputs, current.violation, inputs.size(), attempts.replays);
    }

    /** Delta debugging: removes ever smaller chunks of inputs while the candidate still fails. */
    private static Candidate ddmin(Attempts attempts, Candidate start) {
        Candidate current = start;
        int n = 2;
        while (current.size() >= 2 && !attempts.exhausted()) {
            List<List<Integer>> chunks = split(current.size(), n);
            Optional<Candidate> smaller = Optional.empty();
            for (int i = 0; i < chunks.size() && smaller.isEmpty(); i++) {
                smaller = attempts.failing(current, without(chunks, i));
                if (smaller.isPresent()) {
                    n = Math.max(n - 1, 2);
                }
            }
            for (int i = 0; i < chunks.size() && smaller.isEmpty() && n > 2; i++) {
                smaller = attempts.failing(current, chunks.get(i));
                if (smaller.isPresent()) {
                    n = 2;
                }
            }
            if (smaller.isPresent()) {
                current = smaller.get();
            } else if (n >= current.size()) {
                break;
            } else {
                n = Math.min(2 * n, current.size());
            }
        }
        return current;
    }

    /**
     * Simplifies one model reply that asks for several tools (or any tools): no tools at all, one
     * call to an unknown tool (answered at once, so the batch needs no further inputs), or only its
     * first call. Returns the first simpler candidate that still fails.
     */
    private static Optional<Candidate> simplifyReplies(Attempts attempts, Candidate current) {
        for (int i = 0; i < current.size() && !attempts.exhausted(); i++) {
            if (!(current.inputs.get(i) instanceof Input.ModelReplied r) || !r.reply().message().hasToolCalls()) {
                continue;
            }
            var message = r.reply().message();
            var first = message.toolCalls().head();
            List<Vector<ToolCall>> options = List.of(
                    Vector.empty(),
                    Vector.of(new ToolCall(first.id(), "shrunk_unknown_tool", "{}")),
                    Vector.of(first));
            for (var calls : options) {
                if (calls.equals(message.toolCalls()) || (calls.size() == 1 && message.toolCalls().size() == 1
                        && calls.head().name().equals(first.name()))) {
                    continue;
                }
                var reply = new ModelReply(
                        new AssistantMessage(message.text(), calls), r.reply().usage(),
                        r.reply().finishReason(), r.reply().model());
                List<Input> changed = new ArrayList<>(current.inputs);
                changed.set(i, new Input.ModelReplied(r.at(), r.effectId(), reply));
                Optional<Candidate> simpler = attempts.failing(new Candidate(changed, current.issued, current.violation),
                        indexes(changed.size()));
                if (simpler.isPresent()) {
                    return simpler;
                }
            }
        }
        return Optional.empty();
    }

    /** A failing trace, with what each of its steps issued (to re-address answers in smaller candidates). */
    private record Candidate(List<Input> inputs, List<Issued> issued, Violation violation) {
        int size() {
            return inputs.size();
        }
    }

    /** The effect ids and approval ids one step issued, in order. */
    private record Issued(List<Long> effectIds, List<String> approvalIds) {
        static final Issued NOTHING = new Issued(List.of(), List.of());

        static Issued of(Step step) {
            List<Long> ids = new ArrayList<>();
            List<String> approvals = new ArrayList<>();
            for (Effect e : step.effects()) {
                switch (e) {
                    case Effect.CallModel c -> ids.add(c.id().value());
                    case Effect.RunTool r -> ids.add(r.id().value());
                    case Effect.CheckBudget b -> ids.add(b.id().value());
                    case Effect.RequestApproval a -> approvals.add(a.approvalId());
                    case Effect.Abandon a -> { }
                    case Effect.SaveCheckpoint cp -> { }
                    case Effect.Emit em -> { }
                }
            }
            return new Issued(ids, approvals);
        }
    }

    private static List<Integer> indexes(int size) {
        List<Integer> all = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            all.add(i);
        }
        return all;
    }

    private static List<List<Integer>> split(int size, int n) {
        List<List<Integer>> chunks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int from = i * size / n;
            int to = (i + 1) * size / n;
            if (to > from) {
                List<Integer> chunk = new ArrayList<>(to - from);
                for (int k = from; k < to; k++) {
                    chunk.add(k);
                }
                chunks.add(chunk);
            }
        }
        return chunks;
    }

    private static List<Integer> without(List<List<Integer>> chunks, int skipped) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            if (i != skipped) {
                out.addAll(chunks.get(i));
            }
        }
        return out;
    }

    /** Replays candidates (re-addressing their answers) and counts them. */
    private static final class Attempts {
        private final MachineConfig config;
        private final SessionStart start;
        private final List<Property> properties;
        private final Violation target;
        private final int maxReplays;
        private int replays;

        Attempts(MachineConfig config, SessionStart start, List<Property> properties, Violation target, int maxReplays) {
            this.config = config;
            this.start = start;
            this.properties = properties;
            this.target = target;
            this.maxReplays = maxReplays;
        }

        boolean exhausted() {
            return replays >= maxReplays;
        }

        /** The candidate made of {@code base}'s inputs at {@code keep}, if it still breaks the target rule. */
        Optional<Candidate> failing(Candidate base, List<Integer> keep) {
            replays++;
            Replay replay = new Replay(config, start, properties);
            Map<Long, Long> ids = new HashMap<>();
            Map<String, String> approvals = new HashMap<>();
            List<Input> inputs = new ArrayList<>(keep.size());
            List<Issued> issued = new ArrayList<>(keep.size());
            Optional<Violation> violation = Optional.empty();
            for (int k : keep) {
                Input input = Readdress.input(base.inputs.get(k), ids, approvals);
                inputs.add(input);
                int before = replay.stepsTaken();
                violation = replay.feed(input);
                Issued now = replay.stepsTaken() > before ? Issued.of(replay.lastStep().get()) : Issued.NOTHING;
                issued.add(now);
                Issued then = k < base.issued.size() ? base.issued.get(k) : Issued.NOTHING;
                zip(then.effectIds(), now.effectIds(), ids);
                zip(then.approvalIds(), now.approvalIds(), approvals);
                if (violation.isPresent()) {
                    break;
                }
            }
            if (violation.isEmpty()) {
                replay.drain();
                violation = replay.result().violation();
            }
            Optional<Violation> same = violation.filter(target::sameRule);
            return same.map(v -> new Candidate(inputs, issued, v));
        }

        private static <T> void zip(List<T> then, List<T> now, Map<T, T> map) {
            for (int i = 0; i < Math.min(then.size(), now.size()); i++) {
                map.put(then.get(i), now.get(i));
            }
        }
    }

    /** Points an answer at the effect (or approval) that corresponds to its original target. */
    private static final class Readdress {
        private Readdress() {}

        static Input input(Input input, Map<Long, Long> ids, Map<String, String> approvals) {
            return switch (input) {
                case Input.ModelReplied r -> new Input.ModelReplied(r.at(), id(r.effectId(), ids), r.reply());
                case Input.ModelFailed f -> new Input.ModelFailed(f.at(), id(f.effectId(), ids), f.kind(),
                        f.retryAfterMillis(), f.message(), f.partialText());
                case Input.ToolSucceeded s -> new Input.ToolSucceeded(s.at(), id(s.effectId(), ids), s.output());
                case Input.ToolFailed f -> new Input.ToolFailed(f.at(), id(f.effectId(), ids), f.kind(), f.message());
                case Input.BudgetChecked b -> new Input.BudgetChecked(b.at(), id(b.effectId(), ids), b.verdict(),
                        b.reason());
                case Input.ApprovalDecided d -> new Input.ApprovalDecided(d.at(),
                        approvals.getOrDefault(d.approvalId(), d.approvalId()), d.decision(), d.reason(), d.principal(),
                        d.editedArgumentsJson());
                case Input.UserMessageReceived m -> m;
                case Input.CancelRequested c -> c;
                case Input.TimeAdvanced t -> t;
                case Input.Recovered r -> r;
            };
        }

        private static EffectId id(EffectId id, Map<Long, Long> ids) {
            Long mapped = ids.get(id.value());
            return mapped == null ? id : new EffectId(mapped);
        }
    }
}
