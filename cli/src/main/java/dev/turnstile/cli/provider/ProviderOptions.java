package dev.turnstile.cli.provider;

import dev.turnstile.cli.Console;
import dev.turnstile.cli.args.ArgParser;
import dev.turnstile.cli.args.OptionSpec;
import dev.turnstile.cli.args.ParsedArgs;
import dev.turnstile.host.ModelClient;
import dev.turnstile.netty.http.NettyHttpClient;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Which model provider to call: {@code --provider openai|anthropic}, {@code --base-url},
 * {@code --model}, {@code --api-key-env}. Builds the matching model client of either adapter.
 *
 * <p>The key is read from the environment variable named by {@code --api-key-env}. Without it, the
 * provider's usual variable ({@code OPENAI_API_KEY}, {@code ANTHROPIC_API_KEY}) is used only when
 * the base URL is the provider's own, so that a key is never sent to another server (a local model
 * server, a proxy) unless asked for; local servers usually need no key.
 *
 * @param provider {@code openai} (any OpenAI-compatible server) or {@code anthropic}
 * @param baseUrl the base URL, e.g. {@code http://localhost:11434/v1}
 * @param model the model name
 * @param apiKeyVariable the environment variable holding the key, if one is to be sent
 */
public record ProviderOptions(String provider, String baseUrl, String model, Optional<String> apiKeyVariable) {

    /** {@code --provider} values. */
    public static final List<String> PROVIDERS = List.of("openai", "anthropic");

    /** The options, for command specs. */
    public static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.value("provider", "NAME", "openai (any OpenAI-compatible server) or anthropic; default openai"),
            OptionSpec.value("base-url", "URL", "the provider's base URL; default https://api.openai.com/v1 or "
                    + "https://api.anthropic.com/v1"),
            OptionSpec.value("model", "NAME", "the model name, e.g. gpt-4o-mini, claude-sonnet-4-5, llama3.2"),
            OptionSpec.value("api-key-env", "VAR", "environment variable holding the API key; default "
                    + "OPENAI_API_KEY/ANTHROPIC_API_KEY, sent only to the provider's own base URL"));

    private static final String OPENAI_URL = "https://api.openai.com/v1";
    private static final String ANTHROPIC_URL = "https://api.anthropic.com/v1";

    /** Validates fields. */
    public ProviderOptions {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(apiKeyVariable, "apiKeyVariable");
    }

    /** Whether any provider option was given (the demo then talks to a real server). */
    public static boolean given(ParsedArgs args) {
        return OPTIONS.stream().anyMatch(o -> args.has(o.name()));
    }

    /**
     * The options of {@code command}'s arguments; {@code --model} is required, and so is
     * {@code --base-url} when {@code baseUrlRequired}.
     */
    public static ProviderOptions from(String command, ParsedArgs args, boolean baseUrlRequired) {
        String provider = args.choice("provider", PROVIDERS, "openai");
        if (baseUrlRequired && !args.has("base-url")) {
            throw ArgParser.usageError(command, "--base-url is required");
        }
        String baseUrl = args.value("base-url", provider.equals("anthropic") ? ANTHROPIC_URL : OPENAI_URL);
        URI uri;
        try {
            uri = URI.create(baseUrl);
        } catch (IllegalArgumentException e) {
            throw ArgParser.usageError(command, "--base-url is not a URL: " + baseUrl);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw ArgParser.usageError(command, "--base-url must be an http:// or https:// URL, got \"" + baseUrl + "\"");
        }
        String model = args.required("model");
        return new ProviderOptions(provider, baseUrl, model, args.value("api-key-env"));
    }

    /** The key to send, if any; a usage error when a named variable is unset. */
    public Optional<String> apiKey(String command, Console console) {
        if (apiKeyVariable.isPresent()) {
            String value = console.env().apply(apiKeyVariable.get());
            if (value == null || value.isBlank()) {
                throw ArgParser.usageError(command, "environment variable " + apiKeyVariable.get()
                        + " (from --api-key-env) is not set");
            }
            return Optional.of(value.strip());
        }
        String own = provider.equals("anthropic") ? ANTHROPIC_URL : OPENAI_URL;
        if (!stripSlash(baseUrl).equals(own)) {
            return Optional.empty();
        }
        String variable = provider.equals("anthropic") ? "ANTHROPIC_API_KEY" : "OPENAI_API_KEY";
        String value = console.env().apply(variable);
        if (value == null || value.isBlank()) {
            throw ArgParser.usageError(command, variable + " is not set; " + provider
                    + " needs an API key (or name another variable with --api-key-env)");
        }
        return Optional.of(value.strip());
    }

    /** A model client of the blocking adapter (JDK HttpClient). */
    public ModelClient blockingClient(String command, Console console) {
        Optional<String> key = apiKey(command, console);
        if (provider.equals("anthropic")) {
            var b = dev.turnstile.blocking.http.AnthropicMessagesClient.builder().baseUrl(baseUrl);
            key.ifPresent(b::apiKey);
            return b.build();
        }
        var b = dev.turnstile.blocking.http.OpenAiChatClient.builder().baseUrl(baseUrl);
        key.ifPresent(b::apiKey);
        return b.build();
    }

    /** A model client of the Netty adapter, on the runtime's own transport. */
    public ModelClient nettyClient(String command, Console console, NettyHttpClient http) {
        Optional<String> key = apiKey(command, console);
        if (provider.equals("anthropic")) {
            var b = dev.turnstile.netty.http.AnthropicMessagesClient.builder().baseUrl(baseUrl).httpClient(http);
            key.ifPresent(b::apiKey);
            return b.build();
        }
        var b = dev.turnstile.netty.http.OpenAiChatClient.builder().baseUrl(baseUrl).httpClient(http);
        key.ifPresent(b::apiKey);
        return b.build();
    }

    /** {@code openai model gpt-4o at https://…} for messages; never the key. */
    public String describe() {
        return provider + " model " + model + " at " + baseUrl + apiKeyVariable.map(v -> " (key from $" + v + ")")
                .orElse("");
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
