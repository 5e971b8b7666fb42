package dev.turnstile.conformance.provider;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ordered rules a {@link FakeProviderServer} answers from. For each request the script picks
 * the first rule, in the order added, that still has uses left and whose matcher accepts the
 * request, and uses it once. So a reply is chosen by what the request says; the order only
 * decides between rules that match the same request (e.g. a plain queue of
 * {@code RequestMatcher.any()} rules answers in order). Because the first match wins, add
 * specific rules (e.g. "has a tool result for call_1") before general ones (e.g. "last user
 * text is …", which still holds once tool results follow that message). Thread-safe.
 */
public final class Script {

    private static final class Entry {
        final Rule rule;
        int uses;

        Entry(Rule rule) {
            this.rule = rule;
        }

        boolean usable() {
            return rule.maxUses() == Rule.UNLIMITED || uses < rule.maxUses();
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    /** An empty script: every request goes unmatched until rules are added. */
    public Script() {}

    /** A script with these rules, in order. */
    public static Script of(Rule... rules) {
        Script script = new Script();
        for (Rule rule : rules) {
            script.add(rule);
        }
        return script;
    }

    /** Appends a rule. */
    public synchronized Script add(Rule rule) {
        entries.add(new Entry(rule));
        return this;
    }

    /**
     * Finds the rule for a request and uses it once. A matcher that throws propagates to the
     * caller (the server answers 500 and records the request as unmatched).
     */
    synchronized Optional<Rule> take(RecordedRequest request) {
        for (Entry entry : entries) {
            if (entry.usable() && entry.rule.matcher().matches(request)) {
                entry.uses++;
                return Optional.of(entry.rule);
            }
        }
        return Optional.empty();
    }

    /** All rules, in order. */
    public synchronized List<Rule> rules() {
        return entries.stream().map(e -> e.rule).toList();
    }

    /**
     * The rules that are not used up: counted rules with uses left, and {@link Rule#always()}
     * rules that never answered. Empty at the end of a test means every scripted reply was asked for.
     */
    public synchronized List<Rule> unusedRules() {
        return entries.stream()
                .filter(e -> e.rule.maxUses() == Rule.UNLIMITED ? e.uses == 0 : e.uses < e.rule.maxUses())
                .map(e -> e.rule).toList();
    }

    /** How many requests the rule at {@code index} has answered. */
    public synchronized int usesOf(int index) {
        return entries.get(index).uses;
    }
}
