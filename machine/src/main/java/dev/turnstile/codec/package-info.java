/**
 * JSON for the machine's values, as written to journals and checkpoints: {@link
 * dev.turnstile.codec.MachineCodec} encodes and decodes inputs, effects, events, session states,
 * configs, steps and the {@link dev.turnstile.codec.JournalHeader}.
 *
 * <p>The format, in short (the module README, section "Codec", has an example per family):
 * <ul>
 *   <li>records are objects whose fields are the record components in declaration order, named in
 *       snake_case; a record of a sealed hierarchy starts with a {@code "type"} tag, the simple
 *       class name in snake_case ({@code "user_message_received"});
 *   <li>enums are their constant names in lower case ({@code "next_boundary"}); {@code Instant}s
 *       are ISO-8601 strings ({@code Instant.toString()}, nanoseconds kept); {@code EffectId}s are
 *       numbers; embedded {@code Json} values are JSON, tool-call arguments are strings (they are
 *       the model's raw text, possibly invalid JSON);
 *   <li>an {@code Option} that is none is omitted (an explicit {@code null} also reads as none);
 *       {@code Vector}s and {@code TreeSet}s are arrays, {@code TreeMap}s objects, in their order;
 *   <li>every UTF-16 surrogate is written as a {@code \}{@code uXXXX} escape, so a string holding
 *       an unpaired surrogate survives storage as UTF-8; object keys (tool and model names) are
 *       the one exception: an unpaired surrogate in a key is written as U+FFFD.
 * </ul>
 *
 * <p>Encoding is canonical (equal values, identical text). Decoding ignores unknown fields, accepts
 * fields in any order, and reports any problem as a {@link dev.turnstile.codec.CodecException}
 * naming the JSON path at fault.
 */
package dev.turnstile.codec;
