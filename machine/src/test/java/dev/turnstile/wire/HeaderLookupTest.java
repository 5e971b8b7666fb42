package dev.turnstile.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vavr.control.Option;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Header lookup over a plain map. */
class HeaderLookupTest {

    @Test
    void names_match_case_insensitively() {
        HeaderLookup headers = HeaderLookup.of(Map.of("Retry-After", "5"));
        assertEquals(Option.some("5"), headers.first("retry-after"));
        assertEquals(Option.none(), headers.first("retry-after-ms"));
    }

    @Test
    void two_spellings_of_one_name_resolve_the_same_in_any_map_order() {
        Map<String, String> oneOrder = new LinkedHashMap<>();
        oneOrder.put("retry-after", "1");
        oneOrder.put("Retry-After", "2");
        Map<String, String> otherOrder = new LinkedHashMap<>();
        otherOrder.put("Retry-After", "2");
        otherOrder.put("retry-after", "1");
        // "Retry-After" sorts before "retry-after" (upper case first), so its value wins both times.
        assertEquals(Option.some("2"), HeaderLookup.of(oneOrder).first("retry-after"));
        assertEquals(Option.some("2"), HeaderLookup.of(otherOrder).first("retry-after"));
    }

    @Test
    void none_has_no_headers() {
        assertEquals(Option.none(), HeaderLookup.NONE.first("retry-after"));
    }
}
