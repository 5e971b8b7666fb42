package dev.turnstile.netty.server;

import dev.turnstile.machine.MachineConfig;
import dev.turnstile.machine.PermissionRule;
import dev.turnstile.machine.PermissionVerdict;
import dev.turnstile.machine.ToolPermissions;
import dev.turnstile.model.ToolSpec;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * Turns a create-session request into a machine config: the server's defaults with the request's
 * model, system prompt, tool selection and approval rules applied. Every other policy (limits,
 * budgets, timeouts) is the operator's, never the client's.
 *
 * <p>The defaults' tool list is the catalogue clients choose from. An explicit empty selection keeps
 * the catalogue offered but denies every call by policy: the host runtime offers every registered tool
 * when a config names none, so "no tools" can only be expressed as "none allowed".
 */
final class SessionTemplate {

    private final MachineConfig defaults;

    SessionTemplate(MachineConfig defaults) {
        this.defaults = Objects.requireNonNull(defaults, "defaults");
    }

    MachineConfig defaults() {
        return defaults;
    }

    MachineConfig configFor(Option<String> model, Option<String> systemPrompt, Option<Vector<String>> toolNames,
            Option<Vector<String>> approvalRequired) {
        Vector<ToolSpec> tools = toolNames.map(this::select).getOrElse(defaults.tools());
        ToolPermissions permissions = defaults.permissions();
        if (toolNames.exists(Vector::isEmpty)) {
            permissions = new ToolPermissions(permissions.rules().append(new PermissionRule("*", PermissionVerdict.DENY)),
                    PermissionVerdict.DENY);
            tools = defaults.tools();
        }
        for (String pattern : approvalRequired.getOrElse(Vector.empty())) {
            if (pattern.isEmpty()) {
                throw Problem.badRequest("\"approval_required\" patterns must not be empty");
            }
            permissions = new ToolPermissions(permissions.rules().append(new PermissionRule(pattern,
                    PermissionVerdict.ASK)), permissions.defaultVerdict());
        }
        MachineConfig d = defaults;
        try {
            return new MachineConfig(model.getOrElse(d.model()), systemPrompt.getOrElse(d.systemPrompt()), tools,
                    d.maxOutputTokens(), d.temperature(), d.parallelToolCalls(), d.maxParallelTools(),
                    d.modelCallTimeoutMillis(), d.toolTimeoutMillis(), d.retry(), d.maxRounds(),
                    d.maxToolCallsPerTurn(), d.maxCallsPerTool(), permissions, d.approvalExpiryMillis(), d.budget(),
                    d.stopTurnOnToolFailure(), d.graceRoundInstruction());
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest(e.getMessage());
        }
    }

    private Vector<ToolSpec> select(Vector<String> names) {
        Vector<String> unknown = names.filter(n -> defaults.tools().find(t -> t.name().equals(n)).isEmpty());
        if (!unknown.isEmpty()) {
            throw Problem.badRequest("unknown tools: " + unknown.mkString(", ") + "; available: "
                    + (defaults.tools().isEmpty() ? "(none)" : defaults.tools().map(ToolSpec::name).mkString(", ")));
        }
        return names.distinct().map(n -> defaults.tools().find(t -> t.name().equals(n)).get());
    }
}
