/**
 * The demo: a scripted OpenAI-compatible model served on loopback, the child JVM that runs the turn
 * and is killed with SIGKILL, the kill point read from the journal, and the closing summary.
 */
package dev.turnstile.cli.demo;
