/** The built-in tools: sandboxed read-only file access and an exact calculator. */
package dev.turnstile.cli.tools;
