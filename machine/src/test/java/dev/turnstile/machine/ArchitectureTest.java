package dev.turnstile.machine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.turnstile.machine.archfixture.ForbiddenApisFixture;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The machine module's classes (main code only: every {@code dev.turnstile} package of this module)
 * obey {@link ArchitectureRules}; and each rule is shown to fire on {@link ForbiddenApisFixture}, a
 * test-only class that breaks all of them.
 */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("dev.turnstile");

    private static final JavaClasses FIXTURE = new ClassFileImporter().importClasses(ForbiddenApisFixture.class);

    @TestFactory
    Stream<DynamicTest> mainCodeObeysEveryRule() {
        return ArchitectureRules.ALL.toJavaStream()
                .map(rule -> DynamicTest.dynamicTest(rule.getDescription(), () -> rule.check(MAIN)));
    }

    @Test
    void theMainCodeIsActuallyImported() {
        assertTrue(MAIN.contain(TurnMachine.class), "TurnMachine must be among the checked classes");
        assertTrue(MAIN.stream().noneMatch(c -> c.getName().contains("archfixture")), "the fixture is test code");
        assertTrue(MAIN.size() > 50, "only " + MAIN.size() + " classes imported");
    }

    @TestFactory
    Stream<DynamicTest> everyRuleFiresOnTheForbiddenApisFixture() {
        return ArchitectureRules.ALL.toJavaStream().map(rule -> DynamicTest.dynamicTest(rule.getDescription(), () -> {
            EvaluationResult result = rule.evaluate(FIXTURE);
            assertTrue(result.hasViolation(), "the rule did not fire on the fixture: " + rule.getDescription());
        }));
    }

    @Test
    void theFixtureBreaksEachForbiddenApiSeparately() {
        String report = String.join("\n", ArchitectureRules.ALL.flatMap(r -> r.evaluate(FIXTURE).getFailureReport()
                .getDetails()).toJavaList());
        for (String needle : new String[] {"java.io.File", "java.nio.file.Path", "java.net.URI", "io.netty.util",
                "Instant.now()", "System.currentTimeMillis()", "System.nanoTime()", "java.time.Clock",
                "UUID.randomUUID()", "java.util.Random", "ThreadLocalRandom", "SecureRandom", "Math.random()",
                "Thread.sleep", "Executors.newSingleThreadExecutor", "java.util.HashMap", "java.util.HashSet",
                "Set.of", "Map.of", "Collectors.toSet", "System.out", "System.err", "parallelStream"}) {
            assertTrue(report.contains(needle), "no violation mentions " + needle + ":\n" + report);
        }
    }

}
