package dev.turnstile.machine;

/** How a tool run failed, as the adapter observed it. */
public enum ToolErrorKind {
    /** The tool ran and reported an error, or threw. */
    TOOL_ERROR,
    /** The host could not bind the arguments to the tool's parameters. */
    INVALID_ARGUMENTS,
    /** The tool is not registered in the host, though the machine's config lists it. */
    UNAVAILABLE,
    /** The run was cancelled (abandon, shutdown). */
    CANCELLED
}
