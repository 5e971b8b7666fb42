package dev.turnstile.machine;

import dev.turnstile.machine.Input.ApprovalDecided;
import dev.turnstile.machine.ToolSlot.AwaitingDecision;
import dev.turnstile.model.AssistantMessage;
import dev.turnstile.model.Message;
import dev.turnstile.model.ToolCall;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;

/**
 * Human approval of tool calls. The wait is part of the state, so it survives checkpoints and
 * recovery; timers never approve, and a configured expiry only ends the wait as a denial.
 */
final class Approvals {

    private Approvals() {}

    static ToolSlot request(StepContext cx, ToolSlot slot) {
        int number = cx.state.approvalsIssued() + 1;
        cx.state = cx.state.withApprovalsIssued(number);
        String approvalId = cx.state.sessionId() + ":approval:" + number;
        Option<Instant> expiresAt = cx.config.approvalExpiryMillis().map(ms -> cx.state.now().plusMillis(ms));
        String why = "the tool \"" + slot.call().name() + "\" requires approval";
        cx.command(new Effect.RequestApproval(approvalId, slot.call(), why, expiresAt, cx.state.labels()));
        cx.emit(new Event.ApprovalRequested(cx.eventContext(), approvalId, slot.call(), why));
        return slot.with(new AwaitingDecision(approvalId, expiresAt));
    }

    /** Re-announces a pending approval after recovery: the id and expiry are unchanged. */
    static void reannounce(StepContext cx, ToolSlot slot, AwaitingDecision waiting) {
        String why = "the tool \"" + slot.call().name() + "\" requires approval";
        cx.command(new Effect.RequestApproval(waiting.approvalId(), slot.call(), why, waiting.expiresAt(),
                cx.state.labels()));
    }

    static void decided(StepContext cx, ApprovalDecided decided) {
        Option<ToolSlot> found = ToolBatches.slots(cx).find(s -> s.state() instanceof AwaitingDecision d
                && d.approvalId().equals(decided.approvalId()));
        if (found.isEmpty()) {
            cx.reject(decided, Rejections.approvalNotPending(cx.state, decided));
            return;
        }
        ToolSlot slot = found.get();
        if (decided.decision() == Decision.DENY) {
            record(cx, slot, decided.decision(), decided.principal(), decided.reason(), false, Option.none());
            String by = decided.principal().isEmpty() ? "" : " by " + decided.principal();
            ToolBatches.answer(cx, slot, "denied" + by + ": " + decided.reason(), true, Option.none());
            ToolBatches.advance(cx);
            return;
        }
        ToolCall call = slot.call();
        if (decided.editedArgumentsJson().isDefined()) {
            Either<String, ToolCall> edited = cx.catalog.validate(
                    new ToolCall(call.id(), call.name(), decided.editedArgumentsJson().get()));
            if (edited.isLeft()) {
                cx.reject(decided, "edited arguments rejected, the approval is still pending: " + edited.getLeft());
                return;
            }
            call = edited.get();
            showEditToModel(cx, slot.index(), call);
        }
        Option<String> editedArguments = decided.editedArgumentsJson().isDefined()
                ? Option.some(call.argumentsJson())
                : Option.none();
        record(cx, slot, decided.decision(), decided.principal(), decided.reason(), false, editedArguments);
        ToolBatches.replace(cx, new ToolSlot(slot.index(), call, slot.idempotencyKey(), new ToolSlot.Queued()));
        ToolBatches.advance(cx);
    }

    static void expire(StepContext cx, ToolSlot slot, AwaitingDecision waiting) {
        String reason = "approval expired after " + cx.config.approvalExpiryMillis().getOrElse(0L)
                + " ms without a decision";
        record(cx, slot, Decision.DENY, "", reason, true, Option.none());
        ToolBatches.answer(cx, slot, "not run: " + reason, true, Option.none());
    }

    static void closeUndecided(StepContext cx, ToolSlot slot, AwaitingDecision waiting, String why) {
        record(cx, slot, Decision.DENY, "", why, false, Option.none());
        ToolBatches.answer(cx, slot, "not run: " + why, true, Option.none());
    }

    private static void record(StepContext cx, ToolSlot slot, Decision decision, String principal, String reason,
            boolean expired, Option<String> editedArgumentsJson) {
        String approvalId = ((AwaitingDecision) slot.state()).approvalId();
        cx.state = cx.state.withApprovals(cx.state.approvals().append(new ApprovalRecord(approvalId, cx.state.turn(),
                slot.call().id(), slot.call().name(), decision, principal, reason, expired, editedArgumentsJson,
                cx.state.now())));
        cx.emit(new Event.ApprovalResolved(cx.eventContext(), approvalId, decision, reason, principal, expired,
                editedArgumentsJson));
    }

    // The model must see the call that really ran: the batch's assistant message is still the last
    // transcript entry (results are appended when the batch completes), so its call is replaced there.
    private static void showEditToModel(StepContext cx, int callIndex, ToolCall edited) {
        Message last = cx.state.transcript().last();
        if (!(last instanceof AssistantMessage assistant)) {
            throw new IllegalStateException("invariant broken: a tool batch's assistant message is not the last"
                    + " transcript entry");
        }
        AssistantMessage updated = new AssistantMessage(assistant.text(),
                assistant.toolCalls().update(callIndex, edited));
        cx.state = cx.state.withTranscript(cx.state.transcript().update(cx.state.transcript().size() - 1, updated));
    }
}
