/**
 * The {@code turnstile} command line: {@link dev.turnstile.cli.Main} is the process entry,
 * {@link dev.turnstile.cli.Cli} picks the subcommand and maps failures to {@link dev.turnstile.cli.ExitCode}s.
 * See {@code cli/README.md}.
 */
package dev.turnstile.cli;
