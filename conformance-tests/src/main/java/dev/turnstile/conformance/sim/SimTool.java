package dev.turnstile.conformance.sim;

import dev.turnstile.model.Json;
import dev.turnstile.model.ToolSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tool the simulated world offers: a name, typed parameters from which its JSON schema is built,
 * and whether the schema forbids unknown properties. The model's arguments are drawn from the
 * schema itself by {@link ArgumentGenerator}, as they are for tools of a user's own config.
 */
record SimTool(String name, List<Param> params, boolean closed) {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final Map<String, Json> SCHEMAS = new ConcurrentHashMap<>();

    /** The pool the config generator picks from; names are chosen so permission globs overlap. */
    static final List<SimTool> POOL = List.of(
            new SimTool("search", List.of(Param.text("query", true, 40), Param.integer("limit", false, 1, 20)), false),
            new SimTool("read_file", List.of(Param.text("path", true, 30)), true),
            new SimTool("write_file", List.of(Param.text("path", true, 30), Param.text("content", true, 60)), true),
            new SimTool("fetch_url", List.of(Param.text("url", true, 50), Param.oneOf("method", true, "GET", "HEAD")),
                    false),
            new SimTool("calc", List.of(Param.integer("a", true, -1000, 1000), Param.integer("b", true, -1000, 1000),
                    Param.oneOf("op", true, "add", "sub", "mul")), true),
            new SimTool("shell_exec", List.of(Param.text("command", true, 40), Param.flag("dry_run", false)), true),
            new SimTool("send_email", List.of(Param.text("to", true, 30), Param.text("body", true, 80)), false),
            new SimTool("db_query", List.of(Param.text("sql", true, 60), Param.integer("timeout", false, 1, 30)),
                    true));

    /** Glob patterns the permission rules are drawn from. */
    static final List<String> PATTERNS = List.of("*", "read_*", "write_*", "*_file", "send_*", "shell_?xec", "db_*",
            "calc", "search", "fetch_*", "nothing_matches_*");

    /** The tool's spec for a {@link dev.turnstile.machine.MachineConfig}. */
    ToolSpec spec(boolean idempotent) {
        Json schema = SCHEMAS.computeIfAbsent(name, n -> Json.parse(schemaText()));
        return new ToolSpec(name, "simulated tool " + name, schema, idempotent);
    }

    private String schemaText() {
        ObjectNode schema = MAPPER.createObjectNode();
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        var required = MAPPER.createArrayNode();
        for (Param p : params) {
            p.addSchema(properties.putObject(p.name()));
            if (p.required()) {
                required.add(p.name());
            }
        }
        schema.set("required", required);
        if (closed) {
            schema.put("additionalProperties", false);
        }
        return MAPPER.writeValueAsString(schema);
    }

    /** One parameter of a simulated tool. */
    record Param(String name, Kind kind, boolean required, long low, long high, List<String> choices) {

        enum Kind { TEXT, INTEGER, ONE_OF, FLAG }

        static Param text(String name, boolean required, int maxLength) {
            return new Param(name, Kind.TEXT, required, 1, maxLength, List.of());
        }

        static Param integer(String name, boolean required, long low, long high) {
            return new Param(name, Kind.INTEGER, required, low, high, List.of());
        }

        static Param oneOf(String name, boolean required, String... choices) {
            return new Param(name, Kind.ONE_OF, required, 0, 0, List.of(choices));
        }

        static Param flag(String name, boolean required) {
            return new Param(name, Kind.FLAG, required, 0, 0, List.of());
        }

        void addSchema(ObjectNode schema) {
            switch (kind) {
                case TEXT -> schema.put("type", "string").put("minLength", low).put("maxLength", high);
                case INTEGER -> schema.put("type", "integer").put("minimum", low).put("maximum", high);
                case ONE_OF -> {
                    var values = schema.put("type", "string").putArray("enum");
                    choices.forEach(values::add);
                }
                case FLAG -> schema.put("type", "boolean");
            }
        }
    }
}
