package dev.switchboard.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
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
