package dev.turnstile.conformance.provider;

import java.util.Objects;
import java.util.function.Predicate;

/** A {@link RequestMatcher} that carries a description for error messages. */
record DescribedMatcher(String description, Predicate<RecordedRequest> predicate) implements RequestMatcher {

    DescribedMatcher {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(predicate, "predicate");
    }

    @Override
    public boolean matches(RecordedRequest request) {
        return predicate.test(request);
    }

    @Override
    public String toString() {
        return description;
    }
}
