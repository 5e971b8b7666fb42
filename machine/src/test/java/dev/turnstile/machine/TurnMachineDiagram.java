package dev.turnstile.machine;

import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Vector;

/**
 * Renders {@link Transitions#TABLE} as a Graphviz DOT state diagram: one node per phase, one edge per
 * (from, to) pair labelled with its triggers in table order; each edge's tooltip (shown by SVG
 * viewers) lists why each of its rows exists; edges that end a turn are red. The output is deterministic, so the committed
 * {@code machine/docs/turn-machine.dot} can be compared with it.
 */
public final class TurnMachineDiagram {

    /** Where the committed diagram lives, relative to the machine module. */
    public static final String DOT_PATH = "docs/turn-machine.dot";

    /** How to regenerate the committed files; repeated in the DOT header and in test failures. */
    public static final String REGENERATE = "mvn -B -pl machine test -Dtest=TurnMachineDiagramTest "
            + "-Dturnstile.diagram.update=true -Dsurefire.failIfNoSpecifiedTests=false, then "
            + "dot -Tsvg machine/docs/turn-machine.dot -o machine/docs/turn-machine.svg";

    private static final Vector<String> PHASES = Vector.of("AwaitingUser", "AwaitingBudgetGuard", "AwaitingModel",
            "BackingOff", "AwaitingTools", "AwaitingApproval");

    private TurnMachineDiagram() {}

    /** The DOT text for {@code table}. */
    public static String dot(Vector<Transitions.Row> table) {
        LinkedHashMap<Tuple2<String, String>, Vector<Transitions.Row>> edges = LinkedHashMap.empty();
        for (Transitions.Row row : table) {
            Tuple2<String, String> key = Tuple.of(row.from(), row.to());
            edges = edges.put(key, edges.get(key).getOrElse(Vector.empty()).append(row));
        }
        StringBuilder out = new StringBuilder();
        out.append("// Generated from dev.turnstile.machine.Transitions.TABLE by TurnMachineDiagram (machine tests).\n");
        out.append("// Do not edit. Regenerate: ").append(REGENERATE).append("\n");
        out.append("digraph TurnMachine {\n");
        out.append("  graph [rankdir=TB, fontname=\"Helvetica\", fontsize=16, labelloc=t, nodesep=0.9, ranksep=1.1,\n");
        out.append("         label=\"Turnstile turn machine: phases and the inputs that move between them\"];\n");
        out.append("  node [shape=box, style=\"rounded,filled\", fillcolor=\"#eaf1fb\", color=\"#4a6fa5\", "
                + "fontname=\"Helvetica-Bold\", fontsize=13, margin=\"0.25,0.12\"];\n");
        out.append("  edge [fontname=\"Helvetica\", fontsize=10, color=\"#555555\", arrowsize=0.7];\n");
        for (String phase : PHASES.appendAll(table.flatMap(r -> Vector.of(r.from(), r.to())).distinct().removeAll(PHASES))) {
            String fill = phase.equals("AwaitingUser") ? ", fillcolor=\"#e3f4e1\", color=\"#3c8d40\"" : "";
            out.append("  ").append(phase).append(" [label=\"").append(phase).append("\"").append(fill).append("];\n");
        }
        for (var edge : edges) {
            Vector<Transitions.Row> rows = edge._2;
            String label = rows.map(Transitions.Row::trigger).distinct().mkString("\\n");
            String tooltip = rows.map(r -> r.trigger() + ": " + r.why()).mkString("&#10;");
            // Edges that end a turn are drawn in red, so the way back to idle stands out.
            boolean endsTurn = edge._1._2.equals("AwaitingUser") && !edge._1._1.equals("AwaitingUser");
            out.append("  ").append(edge._1._1).append(" -> ").append(edge._1._2)
                    .append(" [label=\"").append(escape(label)).append("\", tooltip=\"").append(escape(tooltip))
                    .append(endsTurn ? "\", color=\"#b0413e\", fontcolor=\"#b0413e\"];\n" : "\"];\n");
        }
        out.append("}\n");
        return out.toString();
    }

    private static String escape(String s) {
        return s.replace("\"", "\\\"");
    }
}
