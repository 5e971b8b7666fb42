/** The pure turn machine. */
package dev.turnstile.machine;
