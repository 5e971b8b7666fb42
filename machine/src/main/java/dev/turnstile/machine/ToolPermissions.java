package dev.turnstile.machine;

import io.vavr.collection.Vector;
import java.util.Objects;

/**
 * The tool permission policy: rules by tool-name pattern and a default. When several rules match,
 * deny beats allow beats ask, so a broad {@code ask *} never weakens a specific {@code deny}, and a
 * specific {@code allow} lifts a broad {@code ask}.
 */
public record ToolPermissions(Vector<PermissionRule> rules, PermissionVerdict defaultVerdict) {

    /** Every tool allowed. */
    public static final ToolPermissions ALLOW_ALL = new ToolPermissions(Vector.empty(), PermissionVerdict.ALLOW);

    /** Validates fields. */
    public ToolPermissions {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(defaultVerdict, "defaultVerdict");
    }

    /** The verdict for a tool name. */
    public PermissionVerdict verdictFor(String toolName) {
        boolean allow = false;
        boolean ask = false;
        for (PermissionRule rule : rules) {
            if (rule.matches(toolName)) {
                switch (rule.verdict()) {
                    case DENY -> {
                        return PermissionVerdict.DENY;
                    }
                    case ALLOW -> allow = true;
                    case ASK -> ask = true;
                }
            }
        }
        if (allow) {
            return PermissionVerdict.ALLOW;
        }
        return ask ? PermissionVerdict.ASK : defaultVerdict;
    }
}
