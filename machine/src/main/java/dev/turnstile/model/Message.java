package dev.turnstile.model;

/**
 * One entry of a conversation transcript. The system prompt is not a message: it is part of the
 * request ({@link ModelRequest#system()}), since providers disagree on where it goes.
 */
public sealed interface Message permits UserMessage, AssistantMessage, ToolResultMessage {}
