/**
 * Provider-neutral model vocabulary: messages, tool calls, tool specs, requests and replies.
 *
 * <p>These values are what the turn machine reasons about and what the wire codecs
 * ({@code dev.turnstile.wire.*}) translate to and from OpenAI chat completions and Anthropic
 * messages. All are immutable records with value equality; collections are Vavr persistent
 * collections so that appending to a transcript never copies it.
 */
package dev.turnstile.model;
