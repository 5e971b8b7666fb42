/**
 * A fake LLM provider HTTP server for tests: {@link dev.turnstile.conformance.provider.FakeProviderServer}
 * answers OpenAI Chat Completions and Anthropic Messages requests from a scripted list of
 * {@link dev.turnstile.conformance.provider.Rule}s, records every request (credentials redacted),
 * serves recorded fixtures, and injects faults: error statuses, resets, truncation, malformed
 * events, errors inside a 200 stream, and hangs whose end (the client's disconnect) it records.
 *
 * <p>The main types, by role:
 * <ul>
 *   <li>the server: {@link dev.turnstile.conformance.provider.FakeProviderServer},
 *       {@link dev.turnstile.conformance.provider.ServerLimits};</li>
 *   <li>scripting: {@link dev.turnstile.conformance.provider.Script},
 *       {@link dev.turnstile.conformance.provider.Rule},
 *       {@link dev.turnstile.conformance.provider.RequestMatcher};</li>
 *   <li>responses: {@link dev.turnstile.conformance.provider.Response} (with its
 *       {@link dev.turnstile.conformance.provider.Delivery} faults),
 *       {@link dev.turnstile.conformance.provider.Responses},
 *       {@link dev.turnstile.conformance.provider.OpenAiReply},
 *       {@link dev.turnstile.conformance.provider.AnthropicReply},
 *       {@link dev.turnstile.conformance.provider.OpenAiErrors},
 *       {@link dev.turnstile.conformance.provider.AnthropicErrors},
 *       {@link dev.turnstile.conformance.provider.Fixtures},
 *       {@link dev.turnstile.conformance.provider.Chunking},
 *       {@link dev.turnstile.conformance.provider.SseEvent};</li>
 *   <li>what was seen: {@link dev.turnstile.conformance.provider.RecordedRequest},
 *       {@link dev.turnstile.conformance.provider.ClientDisconnect},
 *       {@link dev.turnstile.conformance.provider.ProtocolError}.</li>
 * </ul>
 */
package dev.turnstile.conformance.provider;
