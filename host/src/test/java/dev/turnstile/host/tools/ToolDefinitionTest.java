package dev.turnstile.host.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Signatures that cannot become tools are refused when the tool is built, naming what is wrong. */
class ToolDefinitionTest {

    private static String refusal(Object target) {
        return assertThrows(IllegalArgumentException.class, () -> Tools.fromObject(target)).getMessage();
    }

    @Test
    void anObjectWithoutToolMethodsIsRefused() {
        assertEquals("java.lang.Object has no @ToolMethod methods", refusal(new Object()));
    }

    static final class Untyped {
        @ToolMethod(description = "d")
        String run(@Param(name = "value") Object value) {
            return "";
        }
    }

    @Test
    void anUnsupportedTypeNamesTheParameter() {
        assertEquals("unsupported type java.lang.Object for parameter \"value\" of Untyped.run: use String, boolean,"
                + " a number type, an enum, a record, List<T> or Optional<T>", refusal(new Untyped()));
    }

    static final class Mapped {
        @ToolMethod(description = "d")
        String run(@Param(name = "values") Map<String, String> values) {
            return "";
        }
    }

    @Test
    void mapsAreNotSupported() {
        assertEquals("unsupported type java.util.Map<java.lang.String, java.lang.String> for parameter \"values\" of "
                + "Mapped.run: use String, boolean, a number type, an enum, a record, List<T> or Optional<T>",
                refusal(new Mapped()));
    }

    record Node(String label, List<Node> children) {}

    static final class Recursive {
        @ToolMethod(description = "d")
        String run(@Param(name = "tree") Node tree) {
            return "";
        }
    }

    @Test
    void recursiveRecordsAreRefused() {
        assertEquals("unsupported type dev.turnstile.host.tools.ToolDefinitionTest$Node for component Node.children of"
                + " parameter \"tree\" of Recursive.run: record Node contains itself; recursive types have no finite"
                + " schema", refusal(new Recursive()));
    }

    static final class Unnamed {
        @ToolMethod(description = "d")
        String run(String text) {
            return text;
        }
    }

    @Test
    void aParameterWithoutANameIsRefused() {
        // The test classes are compiled without -parameters, so the parameter is called arg0.
        assertEquals("parameter arg0 of Unnamed.run has no name: annotate it with @Param(name = \"...\") or compile"
                + " with -parameters", refusal(new Unnamed()));
    }

    static final class Twice {
        @ToolMethod(name = "same", description = "d")
        void one() {}

        @ToolMethod(name = "same", description = "d")
        void two() {}
    }

    @Test
    void twoToolsWithOneNameAreRefused() {
        assertEquals("two @ToolMethod methods of " + Twice.class.getName() + " are named \"same\"", refusal(new Twice()));
    }

    static final class NestedOptional {
        @ToolMethod(description = "d")
        void run(@Param(name = "tags") List<Optional<String>> tags) {}
    }

    @Test
    void optionalInsideAListIsRefused() {
        assertEquals("unsupported type java.util.List<java.util.Optional<java.lang.String>> for parameter \"tags\" of "
                + "NestedOptional.run: a list cannot hold Optional values", refusal(new NestedOptional()));
    }

    record Renamed(@Param(name = "other") String value) {}

    static final class BadComponentName {
        @ToolMethod(description = "d")
        void run(@Param(name = "r") Renamed r) {}
    }

    @Test
    void aRecordComponentCannotBeRenamedWithParam() {
        assertEquals("@Param(name = \"other\") on record component Renamed.value would not be what Jackson binds "
                + "(\"value\"); rename the component, or use @JsonProperty to rename both",
                refusal(new BadComponentName()));
    }
}
