package dev.turnstile.cli.tools;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The calculator evaluates arithmetic exactly and refuses everything else with a clear reason. */
class CalculatorTest {

    @Test
    void arithmeticWithPrecedenceParenthesesAndSigns() throws Exception {
        assertEquals("68.97", Calculator.evaluate("3 * 19.99 + 2 * 4.50"));
        assertEquals("54", Calculator.evaluate("45.00 + 4 * 2.25"));
        assertEquals("20", Calculator.evaluate("(2 + 3) * 4"));
        assertEquals("14", Calculator.evaluate("2 + 3 * 4"));
        assertEquals("-1", Calculator.evaluate("-(2 - 1)"));
        assertEquals("1", Calculator.evaluate("--1"));
        assertEquals("0.3", Calculator.evaluate("0.1 + 0.2"));
        assertEquals("0.5", Calculator.evaluate(".5"));
        assertEquals("0.3333333333333333", Calculator.evaluate("1 / 3"));
        assertEquals("2", Calculator.evaluate("8 / 2 / 2"));
        assertEquals("0", Calculator.evaluate("1 - 1.0"));
        assertEquals("1000000000000000000000", Calculator.evaluate("1000000000 * 1000000000000"));
    }

    @Test
    void badInputIsRefusedNamingWhatAndWhere() {
        assertRefused("the expression is empty", "  ");
        assertRefused("division by zero (the \"/\" at position 3)", "1 / (2 - 2)");
        assertRefused("unexpected \"x\" at position 3; only numbers, + - * / and parentheses are allowed", "2 x 3");
        assertRefused("unexpected \"a\" at position 1; only numbers, + - * / and parentheses are allowed", "abs(1)");
        assertRefused("missing \")\" for the \"(\" at position 1", "(1 + 2");
        assertRefused("unexpected \")\" at position 6; only numbers, + - * / and parentheses are allowed", "1 + 2)");
        assertRefused("the expression ends where a number or \"(\" was expected", "1 +");
        assertRefused("\"1.2.3\" at position 1 is not a number", "1.2.3");
        assertRefused("unexpected \"^\" at position 2; only numbers, + - * / and parentheses are allowed", "2^8");
        assertRefused("unexpected \"٣\" at position 1; only numbers, + - * / and parentheses are allowed", "٣");
    }

    @Test
    void sizeIsBoundedSoNoExpressionExhaustsTheStackOrTheHeap() {
        assertRefused("the expression is longer than 500 characters", "1+".repeat(250) + "1");
        assertRefused("the expression is nested more than 64 levels deep", "(".repeat(100) + "1" + ")".repeat(100));
        assertRefused("the number at position 1 has more than 60 digits", "1".repeat(61));
        // The biggest product that fits in the length bound stays a few hundred digits.
        String n = "9".repeat(60);
        String product = String.join("*", java.util.Collections.nCopies(8, n));
        assertEquals(480, assertDoesNotThrow(() -> Calculator.evaluate(product)).length());
    }

    private static void assertRefused(String message, String expression) {
        ToolRefusedException e = assertThrows(ToolRefusedException.class, () -> Calculator.evaluate(expression));
        assertEquals(message, e.getMessage());
    }
}
