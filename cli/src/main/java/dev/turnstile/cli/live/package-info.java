/** Following a running session by cursor: the plain-text display, JSON events, approval prompts. */
package dev.turnstile.cli.live;
