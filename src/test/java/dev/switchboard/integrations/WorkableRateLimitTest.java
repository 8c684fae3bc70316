package dev.switchboard.integrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every Workable candidate walked by next URL within Workable's 10 calls in 10 seconds, which
 * Switchboard keeps to itself. It waits on that limit by design, in a class of its own and
 * world of its own, so the other Workable classes can run with the limit off.
 */
class WorkableRateLimitTest {

    @RegisterExtension
    static final SandboxAccount account = SandboxAccount.perClass("workable");

    @ParameterizedTest
    @ValueSource(ints = {7, 100})
    void everyCandidateComesBackOnceWithItsEmailAndCreationTime(int limit) {
        List<String> world = account.sandbox().workable().candidateIds();
        assertTrue(world.size() >= 120, "a page of 100 needs two Workable pages");
        int refusedBefore = account.sandbox().workable().rateLimited();
        var listed = account.walk("candidates", "", limit);
        List<Object> ids = listed.stream().map(item -> item.get("id")).toList();
        assertEquals(world.size(), new HashSet<>(ids).size(), "no candidate twice");
        assertEquals(world, ids, "each once, in Workable's order");
        for (var candidate : listed) {
            assertNotNull(candidate.get("created_at"), candidate.toString());
            assertTrue(candidate.get("emails") instanceof List<?> emails && emails.size() == 1, candidate.toString());
            assertEquals(List.of(Map.of("id", candidate.get("id"))), candidate.get("applications"),
                    "a Workable candidate is its one job's application, by the same id");
        }
        assertEquals(refusedBefore, account.sandbox().workable().rateLimited(), "Workable never had to refuse a call");
    }
}
