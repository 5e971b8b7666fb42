package dev.turnstile.codec;

import dev.turnstile.machine.BudgetResource;
import dev.turnstile.machine.BudgetScope;
import dev.turnstile.machine.BudgetVerdict;
import dev.turnstile.machine.Decision;
import dev.turnstile.machine.Delivery;
import dev.turnstile.machine.PermissionVerdict;
import dev.turnstile.machine.ToolErrorKind;
import dev.turnstile.machine.Wake;
import dev.turnstile.model.FailureKind;
import dev.turnstile.model.FinishReason;
import dev.turnstile.model.ToolChoice;

/** The JSON names of every enum the codec writes. */
final class Enums {
    static final EnumNames<BudgetResource> BUDGET_RESOURCE = EnumNames.of(BudgetResource.class);
    static final EnumNames<BudgetScope> BUDGET_SCOPE = EnumNames.of(BudgetScope.class);
    static final EnumNames<BudgetVerdict> BUDGET_VERDICT = EnumNames.of(BudgetVerdict.class);
    static final EnumNames<Decision> DECISION = EnumNames.of(Decision.class);
    static final EnumNames<Delivery> DELIVERY = EnumNames.of(Delivery.class);
    static final EnumNames<FailureKind> FAILURE_KIND = EnumNames.of(FailureKind.class);
    static final EnumNames<FinishReason> FINISH_REASON = EnumNames.of(FinishReason.class);
    static final EnumNames<PermissionVerdict> PERMISSION_VERDICT = EnumNames.of(PermissionVerdict.class);
    static final EnumNames<ToolChoice> TOOL_CHOICE = EnumNames.of(ToolChoice.class);
    static final EnumNames<ToolErrorKind> TOOL_ERROR_KIND = EnumNames.of(ToolErrorKind.class);
    static final EnumNames<Wake.Reason> WAKE_REASON = EnumNames.of(Wake.Reason.class);

    private Enums() {}
}
