/** One class per subcommand: demo, run, replay, inspect, serve (and the demo's internal child). */
package dev.turnstile.cli.command;
