package dev.turnstile.model;

/** Whether the model may, must or must not call tools. */
public enum ToolChoice {
    /** The model decides. */
    AUTO,
    /** The model must not call tools (used for the grace round at the round limit). */
    NONE,
    /** The model must call at least one tool. */
    REQUIRED
}
