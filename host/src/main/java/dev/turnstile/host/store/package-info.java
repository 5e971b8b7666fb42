/**
 * The embedded durable store: per-session journals ({@link dev.turnstile.host.store.Journal}) and
 * checkpoints ({@link dev.turnstile.host.store.CheckpointStore}), with a file implementation
 * ({@link dev.turnstile.host.store.FileJournal}) and an in-memory one for tests ({@link
 * dev.turnstile.host.store.InMemoryJournal}). The store is string-level: it persists opaque JSON
 * objects that the session driver's codec produced and never depends on the machine's types.
 *
 * <h2>Write-ahead use</h2>
 *
 * <pre>{@code
 * long sequence = writer.append(codec.encode(input, effectsDigest)); // durable on return
 * Step step = machine.step(state, input);                            // only now
 * }</pre>
 *
 * <h2>Directory layout</h2>
 *
 * <pre>
 * &lt;store&gt;/store.lock                          OS lock: one FileJournal per directory
 * &lt;store&gt;/sessions/&lt;id&gt;/journal.jsonl          the session's journal
 * &lt;store&gt;/sessions/&lt;id&gt;/checkpoint-0000000000000000042.json
 * &lt;store&gt;/archive/&lt;id&gt;/…                     archived sessions, moved whole
 * &lt;store&gt;/tmp/                                sessions being created or deleted
 * </pre>
 *
 * <h2>Line format (schema version 1)</h2>
 *
 * Every file is UTF-8 JSON Lines; every line is one JSON object ending in a newline ({@code \n}).
 * A journal's first line is its header; each following line is one entry, numbered 1, 2, 3, …
 * without gaps:
 *
 * <pre>
 * {"schema":1,"session":"chat-42","header":{"seed":7},"crc":"54c44c29"}
 * {"seq":1,"entry":{"input":{"type":"UserMessageReceived","text":"hi"},"effects":"9f2c"},"crc":"0c1d51fb"}
 * </pre>
 *
 * <ul>
 *   <li>{@code header}, {@code entry} and checkpoint {@code snapshot} are the caller's JSON
 *       objects embedded verbatim as JSON values, never re-escaped as strings.
 *   <li>{@code crc} is the CRC32C (Castagnoli, as {@link java.util.zip.CRC32C}) of the line's
 *       UTF-8 bytes from the opening brace up to and including the comma before {@code
 *       "crc"}, written as 8 lower-case hex digits. Since {@code "crc":"hhhhhhhh"}} is always the
 *       last 17 bytes before the newline, to verify a line by hand: drop the newline, hash all but
 *       the last 17 bytes, compare with the 8 digits. In Python: {@code
 *       crc32c(line.rstrip(b"\n")[:-17])}.
 *   <li>{@code schema} is the first member of a header (and of a checkpoint), so a reader can
 *       check the version before anything else. A version newer than this build reads is refused
 *       with {@link dev.turnstile.host.store.UnsupportedSchemaVersionException}.
 *   <li>A checkpoint file holds a single line, e.g. {@code
 *       {"schema":1,"session":"chat-42","seq":1,"snapshot":{"phase":"AwaitingModel"},"crc":"9b18124e"}}
 *       where {@code seq} is the journal sequence the snapshot includes.
 * </ul>
 *
 * <h2>Damage</h2>
 *
 * A crash can only tear the last line of a journal (no newline, or a CRC or JSON that does not
 * check out): reading ignores it and opening for append truncates it, both with a logged notice.
 * Damage anywhere else, or a sequence number out of order, is {@link
 * dev.turnstile.host.store.JournalCorruptException} naming the file, the line and the reason; it
 * is never skipped or truncated. A damaged checkpoint is skipped with a logged warning in favour
 * of the previous one. Logging uses {@link java.lang.System.Logger} under the implementation
 * class names.
 */
package dev.turnstile.host.store;
