/** Hand-written argument parsing and help texts for the subcommands. */
package dev.turnstile.cli.args;
