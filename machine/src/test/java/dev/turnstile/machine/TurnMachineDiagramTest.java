package dev.turnstile.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vavr.collection.Vector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed state diagram ({@code machine/docs/turn-machine.dot}) is exactly what
 * {@link TurnMachineDiagram} renders from {@link Transitions#TABLE}; with
 * {@code -Dturnstile.diagram.update=true} the test writes it instead (then render the SVG with
 * Graphviz, see {@link TurnMachineDiagram#REGENERATE}). Graphviz is not needed to run the test.
 */
class TurnMachineDiagramTest {

    @Test
    void theCommittedDiagramMatchesTheTable() throws IOException {
        Path committed = Path.of(TurnMachineDiagram.DOT_PATH);
        String generated = TurnMachineDiagram.dot(Transitions.TABLE);
        if (Boolean.getBoolean("turnstile.diagram.update")) {
            Files.createDirectories(committed.getParent());
            Files.writeString(committed, generated, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(committed)) {
            fail(committed.toAbsolutePath() + " is missing. Generate it: " + TurnMachineDiagram.REGENERATE);
        }
        String onDisk = Files.readString(committed, StandardCharsets.UTF_8);
        if (!onDisk.equals(generated)) {
            fail(committed.toAbsolutePath() + " is out of date with Transitions.TABLE (first difference at line "
                    + firstDifferentLine(onDisk, generated) + "). Regenerate it: " + TurnMachineDiagram.REGENERATE);
        }
    }

    @Test
    void everyRowBecomesAnEdgeLabel() {
        String dot = TurnMachineDiagram.dot(Transitions.TABLE);
        for (Transitions.Row row : Transitions.TABLE) {
            assertTrue(dot.lines().anyMatch(l -> l.startsWith("  " + row.from() + " -> " + row.to() + " ")
                    && l.contains(row.trigger()) && l.contains(row.why())), () -> "no edge for " + row.key());
        }
    }

    @Test
    void aChangedTableGivesADifferentDiagram() {
        Vector<Transitions.Row> changed = Transitions.TABLE.append(
                new Transitions.Row("AwaitingUser", "Recovered", "AwaitingModel", "invented for this test"));
        assertTrue(!TurnMachineDiagram.dot(changed).equals(TurnMachineDiagram.dot(Transitions.TABLE)));
    }

    @Test
    void theTableNamesRealPhasesAndInputs() {
        Vector<String> phases = Vector.of(Phase.class.getPermittedSubclasses()).map(Class::getSimpleName);
        Vector<String> inputs = Vector.of(Input.class.getPermittedSubclasses()).map(Class::getSimpleName);
        for (Transitions.Row row : Transitions.TABLE) {
            assertTrue(phases.contains(row.from()) && phases.contains(row.to()), () -> "unknown phase in " + row.key());
            assertTrue(inputs.contains(row.trigger()), () -> "unknown input in " + row.key());
        }
        assertEquals(Transitions.TABLE.size(), Transitions.TABLE.map(Transitions.Row::key).distinct().size(),
                "a row is declared twice");
        assertEquals(phases.toSet(), Transitions.TABLE.map(Transitions.Row::from).toSet(), "a phase has no way out");
    }

    private static int firstDifferentLine(String a, String b) {
        String[] x = a.split("\n", -1);
        String[] y = b.split("\n", -1);
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            if (!x[i].equals(y[i])) {
                return i + 1;
            }
        }
        return Math.min(x.length, y.length) + 1;
    }
}
