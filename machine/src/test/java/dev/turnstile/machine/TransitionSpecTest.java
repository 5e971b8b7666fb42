package dev.turnstile.machine;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The machine's behaviour, specified scenario by scenario: each dynamic test feeds a scenario's
 * inputs and checks every whole step against the one written by hand. The scenarios themselves
 * live in the {@code *Scenarios} classes, so that {@link UnvisitedTransitionTest} can run the same
 * list.
 */
class TransitionSpecTest {

    @TestFactory
    Stream<DynamicTest> basics() {
        return ScenarioRunner.tests(BasicScenarios.all());
    }

    @TestFactory
    Stream<DynamicTest> retriesAndModelDeadlines() {
        return ScenarioRunner.tests(RetryScenarios.all());
    }

    @TestFactory
    Stream<DynamicTest> cancellation() {
        return ScenarioRunner.tests(CancelScenarios.all());
    }

    @TestFactory
    Stream<DynamicTest> queuedInput() {
        return ScenarioRunner.tests(QueueScenarios.all());
    }

    @TestFactory
    Stream<DynamicTest> rejections() {
        return ScenarioRunner.tests(RejectionScenarios.all());
    }

    @TestFactory
    Stream<DynamicTest> approvals() {
        return ScenarioRunner.tests(ApprovalScenarios.all());
    }

    @TestFactory
    Stream<DynamicTest> toolFailuresAndDeadlines() {
        return ScenarioRunner.tests(ToolScenarios.all());
    }

    @TestFactory
    Stream<DynamicTest> limitsAndPermissions() {
        return ScenarioRunner.tests(LimitScenarios.all());
    }

    @TestFactory
    Stream<DynamicTest> budgets() {
        return ScenarioRunner.tests(BudgetScenarios.all());
    }

    @TestFactory
    Stream<DynamicTest> budgetGuard() {
        return ScenarioRunner.tests(GuardScenarios.all());
    }

    @TestFactory
    Stream<DynamicTest> recovery() {
        return ScenarioRunner.tests(RecoveryScenarios.all());
    }
}
