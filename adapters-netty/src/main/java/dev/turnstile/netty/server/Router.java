package dev.turnstile.netty.server;

import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import java.util.ArrayList;
import java.util.List;

/** Matches a method and path to a {@link Route}, telling "no such path" (404) from "wrong method" (405). */
final class Router {

    private Router() {}

    /** The result of matching. */
    sealed interface Match {
        /** A route matched; {@code params} holds the captured segments. */
        record Found(Route route, TreeMap<String, String> params) implements Match {}

        /** No route has this path. */
        record NoSuchPath() implements Match {}

        /** Routes have this path, but not this method. */
        record MethodNotAllowed(TreeSet<String> allowed) implements Match {}
    }

    static Match match(String method, String path) {
        List<String> parts = segments(path);
        TreeSet<String> allowed = TreeSet.empty();
        for (Route route : Route.values()) {
            TreeMap<String, String> params = capture(route.segments(), parts);
            if (params == null) {
                continue;
            }
            if (route.method().equals(method)) {
                return new Match.Found(route, params);
            }
            allowed = allowed.add(route.method());
        }
        return allowed.isEmpty() ? new Match.NoSuchPath() : new Match.MethodNotAllowed(allowed);
    }

    private static TreeMap<String, String> capture(List<String> template, List<String> parts) {
        if (template.size() != parts.size()) {
            return null;
        }
        TreeMap<String, String> params = TreeMap.empty();
        for (int i = 0; i < template.size(); i++) {
            String t = template.get(i);
            if (t.startsWith("{") && t.endsWith("}")) {
                if (parts.get(i).isEmpty()) {
                    return null;
                }
                params = params.put(t.substring(1, t.length() - 1), parts.get(i));
            } else if (!t.equals(parts.get(i))) {
                return null;
            }
        }
        return params;
    }

    /** The non-empty segments of a path; a trailing slash is ignored. */
    static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        for (String part : path.split("/")) {
            if (!part.isEmpty()) {
                out.add(part);
            }
        }
        return out;
    }
}
