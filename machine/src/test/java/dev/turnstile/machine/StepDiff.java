package dev.turnstile.machine;

import io.vavr.collection.Vector;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Readable differences between an expected and an actual state or effect list: one line per
 * differing record component or list position instead of two pages of {@code toString}.
 */
public final class StepDiff {

    private StepDiff() {}

    /** The differing fields of two states, named {@code state.<field>}. */
    public static List<String> state(SessionState expected, SessionState actual) {
        return record("state", expected, actual, 1);
    }

    /** The differing positions of two effect lists, and a size difference. */
    public static List<String> effects(Vector<Effect> expected, Vector<Effect> actual) {
        List<String> out = new ArrayList<>();
        int n = Math.max(expected.size(), actual.size());
        for (int i = 0; i < n; i++) {
            Object e = i < expected.size() ? expected.get(i) : "(nothing)";
            Object a = i < actual.size() ? actual.get(i) : "(nothing)";
            if (!Objects.equals(e, a)) {
                out.addAll(record("effects[" + i + "]", e, a, 3));
            }
        }
        if (expected.size() != actual.size()) {
            out.add("effects: expected " + expected.size() + ", actual " + actual.size() + ":\n    "
                    + actual.mkString("\n    "));
        }
        return out;
    }

    /**
     * The differing components of two values, descending into records of the same type up to
     * {@code depth} levels, so that a wrong field deep in an event or a checkpoint is named by its path.
     */
    public static List<String> record(String path, Object expected, Object actual, int depth) {
        List<String> out = new ArrayList<>();
        if (Objects.equals(expected, actual)) {
            return out;
        }
        if (depth <= 0 || expected == null || actual == null || expected.getClass() != actual.getClass()
                || !expected.getClass().isRecord()) {
            out.add(path + ": expected " + expected + "\n          actual   " + actual);
            return out;
        }
        for (RecordComponent c : expected.getClass().getRecordComponents()) {
            Object e = read(c, expected);
            Object a = read(c, actual);
            out.addAll(record(path + "." + c.getName(), e, a, depth - 1));
        }
        return out;
    }

    private static Object read(RecordComponent c, Object value) {
        try {
            c.getAccessor().setAccessible(true);
            return c.getAccessor().invoke(value);
        } catch (ReflectiveOperationException ex) {
            throw new IllegalStateException("cannot read " + c + " of " + value.getClass(), ex);
        }
    }
}
