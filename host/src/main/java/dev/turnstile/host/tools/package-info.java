/**
 * Tools from plain Java: lambdas and annotated methods, with their JSON schemas generated and the
 * model's arguments bound to Java values. Adapter-neutral: every tool made here is a
 * {@link dev.turnstile.host.BlockingTool}, run by whichever runtime hosts it on its blocking executor.
 *
 * <pre>{@code
 * // a lambda with a hand-written schema
 * Tool clock = Tools.of("utc_now", "The current UTC time", Json.parse("{\"type\":\"object\"}"),
 *         args -> Instant.now().toString()).idempotent(true);
 *
 * // annotated methods: schema generated from the parameter types, arguments bound with Jackson
 * final class Weather {
 *     enum Unit { CELSIUS, FAHRENHEIT }
 *     record Place(@Param(description = "city name") String city, Optional<String> country) {}
 *
 *     @ToolMethod(description = "Current temperature at a place", idempotent = true)
 *     double temperature(@Param(name = "place") Place place, @Param(name = "unit") Unit unit) { ... }
 * }
 * List<Tool> weatherTools = Tools.fromObject(new Weather());
 * }</pre>
 *
 * <p>Supported parameter types: {@code String}; {@code boolean}; {@code byte}, {@code short},
 * {@code int}, {@code long} and {@code BigInteger} (JSON integers, range-checked); {@code float},
 * {@code double} and {@code BigDecimal}; enums (the values Jackson writes for the constants);
 * records of supported types (bound by their canonical constructor); {@code List<T>}; and
 * {@code Optional<T>}, the only way to make an argument or a record component optional. A
 * parameter of type {@link dev.turnstile.host.ToolInvocation} is not an argument: it receives the
 * run's invocation (idempotency key, labels, cancellation).
 *
 * <p>Return values: a {@code String} is the output as is, {@code void} or {@code null} an empty
 * output, anything else is written as JSON.
 */
package dev.turnstile.host.tools;
