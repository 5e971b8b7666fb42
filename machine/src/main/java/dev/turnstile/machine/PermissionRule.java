package dev.turnstile.machine;

import java.util.Objects;

/**
 * A verdict for the tools whose names match a glob: {@code *} matches any run of characters,
 * {@code ?} any one character, everything else itself.
 */
public record PermissionRule(String toolNamePattern, PermissionVerdict verdict) {
    /** Validates fields. */
    public PermissionRule {
        Objects.requireNonNull(toolNamePattern, "toolNamePattern");
        Objects.requireNonNull(verdict, "verdict");
    }

    /** Whether {@code toolName} matches this rule's glob. */
    public boolean matches(String toolName) {
        return globMatches(toolNamePattern, 0, toolName, 0);
    }

    // Iterative glob match with single-star backtracking: linear in practice, no regex compilation
    // on the step path.
    private static boolean globMatches(String pattern, int p, String text, int t) {
        int starP = -1;
        int starT = -1;
        while (t < text.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))) {
                p++;
                t++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                starP = p++;
                starT = t;
            } else if (starP >= 0) {
                p = starP + 1;
                t = ++starT;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
