/** The provider options shared by run, demo and serve, and the model clients they build. */
package dev.turnstile.cli.provider;
