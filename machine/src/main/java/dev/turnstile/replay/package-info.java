/**
 * Journal records and deterministic replay, pure: strings in, states and verdicts out.
 *
 * <p>A journal is a header (session id, seed, start instant, labels, config) followed by one record
 * per input: the input and the signatures of the effects its step returned. Replaying feeds the
 * inputs to a fresh machine and compares signatures, naming the first divergent step.
 */
package dev.turnstile.replay;
