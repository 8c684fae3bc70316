package dev.switchboard.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/** A mapping cannot hang a worker, and a shared compiled mapping is safe across threads. */
class MappingBoundsTest {

    @Test
    void unboundedRecursionStopsAtTheDepthBound() throws Exception {
        Mapping recursive = Mapping.compile("test", "( $f := function($n) { $n > 0 ? 1 + $f($n - 1) : 0 }; $f(n) )");
        assertEquals(10, ((Number) recursive.evaluate(Map.of("n", 10)).orElseThrow()).intValue());
        var failure = assertThrows(MappingException.class, () -> recursive.evaluate(Map.of("n", 1_000_000)));
        assertTrue(failure.getMessage().startsWith("test: evaluation failed"), failure.getMessage());
    }

    @Test
    void aPageOfAHundredItemsWithListsOfObjectsIsNotTakenForRecursion() throws Exception {
        // The library's own depth count leaked a step per nested object, so pages this size failed.
        Mapping page = Mapping.compile("page", "{\"results\": [items.{\"id\": id, "
                + "\"emails\": [emails.{\"email\": value, \"type\": type}], \"tags\": [tags.{\"id\": id, \"name\": title}]}]}");
        var items = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < 100; i++) {
            items.add(Map.of("id", "c" + i, "emails", List.of(Map.of("value", i + "@example.com", "type", "Personal")),
                    "tags", List.of(Map.of("id", "t" + i, "title", "Referral"))));
        }
        @SuppressWarnings("unchecked")
        var results = (List<Map<String, Object>>) ((Map<String, Object>) page.evaluate(Map.of("items", items))
                .orElseThrow()).get("results");
        assertEquals(100, results.size());
        assertEquals(List.of(Map.of("email", "99@example.com", "type", "Personal")), results.get(99).get("emails"));
    }

    @Test
    void aLongRunningExpressionStopsAtTheTimeBound() throws Exception {
        Mapping slow = Mapping.compile("slow", "$count([1..n].($string($) & $string($)))");
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertThrows(MappingException.class, () -> slow.evaluate(Map.of("n", 10_000_000)));
        });
    }

    @Test
    void oneCompiledMappingGivesEachThreadItsOwnAnswer() throws Exception {
        Mapping mapping = Mapping.compile("shared", "( $x := value; {\"out\": $x & \"-\" & value} )");
        var pool = Executors.newFixedThreadPool(8);
        try {
            var futures = new ArrayList<Future<Object>>();
            for (int i = 0; i < 2_000; i++) {
                String value = "v" + i;
                futures.add(pool.submit(() -> mapping.evaluate(Map.of("value", value)).orElseThrow()));
            }
            for (int i = 0; i < futures.size(); i++) {
                assertEquals(Map.of("out", "v" + i + "-v" + i), futures.get(i).get());
            }
        } finally {
            pool.shutdown();
        }
    }
}
