package dev.turnstile.machine;

import io.vavr.collection.Vector;

/**
 * Every scenario of the suite, in one list: what the transition tests check group by group, and
 * what {@link UnvisitedTransitionTest}, {@link DeterminismTest} and {@link IdentityLabelsTest} run
 * as a whole. Add a new group here and to {@link TransitionSpecTest}.
 */
public final class Scenarios {

    private Scenarios() {}

    /** All scenarios; names are unique. */
    public static Vector<Scenario> all() {
        return BasicScenarios.all()
                .appendAll(RetryScenarios.all())
                .appendAll(CancelScenarios.all())
                .appendAll(QueueScenarios.all())
                .appendAll(RejectionScenarios.all())
                .appendAll(ApprovalScenarios.all())
                .appendAll(ToolScenarios.all())
                .appendAll(LimitScenarios.all())
                .appendAll(BudgetScenarios.all())
                .appendAll(GuardScenarios.all())
                .appendAll(RecoveryScenarios.all());
    }
}
