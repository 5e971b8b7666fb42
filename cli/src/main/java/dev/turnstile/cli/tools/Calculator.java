package dev.turnstile.cli.tools;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * A small, safe arithmetic evaluator for the {@code calculator} tool: decimal numbers, {@code + - * /},
 * unary minus and parentheses, nothing else (no names, no functions, no code). Exact decimal arithmetic
 * ({@link BigDecimal}); division is rounded to 16 significant digits. Input length, nesting and number
 * size are bounded so that no expression can exhaust the stack or the heap.
 *
 * <pre>
 * expression := term (("+" | "-") term)*
 * term       := factor (("*" | "/") factor)*
 * factor     := ("+" | "-") factor | number | "(" expression ")"
 * number     := digits ["." digits] | "." digits
 * </pre>
 */
public final class Calculator {

    /** The longest expression accepted, in characters. */
    public static final int MAX_LENGTH = 500;
    /** The deepest nesting of parentheses and signs accepted. */
    public static final int MAX_DEPTH = 64;
    /** The most digits in one number. */
    public static final int MAX_NUMBER_DIGITS = 60;

    // Products and sums of at most MAX_LENGTH characters of literals have at most about as many
    // digits (there is no exponent operator), so results stay small without a separate bound.
    private static final MathContext DIVISION = MathContext.DECIMAL64;

    private final String text;
    private int pos;
    private int depth;

    private Calculator(String text) {
        this.text = text;
    }

    /**
     * The value of {@code expression}, as plain decimal text without trailing zeros ({@code "68.97"},
     * {@code "54"}, {@code "0.3333333333333333"}).
     *
     * @throws ToolRefusedException naming the problem and its position: an empty or too long
     *     expression, an unexpected character, a missing parenthesis, division by zero
     */
    public static String evaluate(String expression) throws ToolRefusedException {
        if (expression == null || expression.isBlank()) {
            throw new ToolRefusedException("the expression is empty");
        }
        if (expression.length() > MAX_LENGTH) {
            throw new ToolRefusedException("the expression is longer than " + MAX_LENGTH + " characters");
        }
        Calculator calculator = new Calculator(expression);
        BigDecimal value = calculator.expression();
        calculator.skipSpaces();
        if (calculator.pos < expression.length()) {
            throw calculator.unexpected();
        }
        return format(value);
    }

    /** Plain decimal text: no exponent, no trailing zeros, {@code 0} for zero. */
    static String format(BigDecimal value) {
        if (value.signum() == 0) {
            return "0";
        }
        return value.stripTrailingZeros().toPlainString();
    }

    private BigDecimal expression() throws ToolRefusedException {
        BigDecimal value = term();
        while (true) {
            skipSpaces();
            if (peek('+')) {
                pos++;
                value = value.add(term());
            } else if (peek('-')) {
                pos++;
                value = value.subtract(term());
            } else {
                return value;
            }
        }
    }

    private BigDecimal term() throws ToolRefusedException {
        BigDecimal value = factor();
        while (true) {
            skipSpaces();
            if (peek('*')) {
                pos++;
                value = value.multiply(factor());
            } else if (peek('/')) {
                int at = pos++;
                BigDecimal divisor = factor();
                if (divisor.signum() == 0) {
                    throw new ToolRefusedException("division by zero (the \"/\" at position " + (at + 1) + ")");
                }
                value = value.divide(divisor, DIVISION);
            } else {
                return value;
            }
        }
    }

    private BigDecimal factor() throws ToolRefusedException {
        skipSpaces();
        if (++depth > MAX_DEPTH) {
            throw new ToolRefusedException("the expression is nested more than " + MAX_DEPTH + " levels deep");
        }
        try {
            if (pos >= text.length()) {
                throw new ToolRefusedException("the expression ends where a number or \"(\" was expected");
            }
            char c = text.charAt(pos);
            if (c == '-' || c == '+') {
                pos++;
                BigDecimal operand = factor();
                return c == '-' ? operand.negate() : operand;
            }
            if (c == '(') {
                int open = pos++;
                BigDecimal inner = expression();
                skipSpaces();
                if (!peek(')')) {
                    throw new ToolRefusedException("missing \")\" for the \"(\" at position " + (open + 1));
                }
                pos++;
                return inner;
            }
            if (isAsciiDigit(c) || c == '.') {
                return number();
            }
            throw unexpected();
        } finally {
            depth--;
        }
    }

    private BigDecimal number() throws ToolRefusedException {
        int start = pos;
        while (pos < text.length() && (isAsciiDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
            pos++;
        }
        String literal = text.substring(start, pos);
        if (literal.chars().filter(ch -> ch == '.').count() > 1 || literal.equals(".")) {
            throw new ToolRefusedException("\"" + literal + "\" at position " + (start + 1) + " is not a number");
        }
        if (literal.length() > MAX_NUMBER_DIGITS) {
            throw new ToolRefusedException("the number at position " + (start + 1) + " has more than "
                    + MAX_NUMBER_DIGITS + " digits");
        }
        return new BigDecimal(literal);
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private ToolRefusedException unexpected() {
        if (pos >= text.length()) {
            return new ToolRefusedException("the expression ends unexpectedly");
        }
        return new ToolRefusedException("unexpected \"" + text.charAt(pos) + "\" at position " + (pos + 1)
                + "; only numbers, + - * / and parentheses are allowed");
    }
}
