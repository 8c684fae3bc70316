package dev.switchboard.mapping;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dashjoin.jsonata.EvaluatorPool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A request is a new virtual thread: its mappings must not build the library's per-thread
 * evaluator (and parser, under a lock every expression shares) afresh each time.
 */
class EvaluatorPoolTest {

    @Test
    void twoThousandRequestThreadsShareAFewEvaluatorsAndEachGetsItsOwnAnswer() throws Exception {
        List<Mapping> mappings = List.of(
                Mapping.compile("request", "{\"value\": body.body, \"secret\": body.visibility = \"private\"}"),
                Mapping.compile("path", "{\"opportunity_id\": body.candidate_id}"),
                Mapping.compile("response", "{\"id\": response.data.id, \"n\": $number(response.data.n) + 1}"));
        int before = EvaluatorPool.made();
        var answers = new ArrayList<Future<Boolean>>();
        try (var requests = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 2_000; i++) {
                int n = i;
                answers.add(requests.submit(() -> {
                    Map<String, Object> body = Map.of("body", Map.of("body", "note " + n, "candidate_id", "c" + n,
                            "visibility", n % 2 == 0 ? "private" : "public"));
                    var request = mappings.get(0).evaluate(body).orElseThrow();
                    var path = mappings.get(1).evaluate(body).orElseThrow();
                    var response = mappings.get(2).evaluate(Map.of("response", Map.of("data", Map.of("id", "id" + n, "n", n))))
                            .orElseThrow();
                    return request.equals(Map.of("value", "note " + n, "secret", n % 2 == 0))
                            && path.equals(Map.of("opportunity_id", "c" + n))
                            && response instanceof Map<?, ?> answer && answer.get("id").equals("id" + n)
                            && ((Number) answer.get("n")).longValue() == n + 1;
                }));
            }
            for (var answer : answers) {
                assertTrue(answer.get(), "each thread's answer is its own input's");
            }
        }
        int made = EvaluatorPool.made() - before;
        // Evaluations never block, so no more run at once than there are carrier threads.
        assertTrue(made <= 4 * Runtime.getRuntime().availableProcessors() + 8,
                made + " evaluators made for 6,000 evaluations on 2,000 threads");
    }
}
