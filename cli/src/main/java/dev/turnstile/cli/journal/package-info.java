/** Finding, reading (with the store's checks) and presenting journals for replay and inspect. */
package dev.turnstile.cli.journal;
