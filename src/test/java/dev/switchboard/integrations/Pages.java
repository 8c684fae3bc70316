package dev.switchboard.integrations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.Harness;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Walks a candidate's activities page by page over HTTP, as a client following next_cursor does. */
final class Pages {

    private Pages() {
    }

    /** Every listed activity, in order, after following next_cursor to the end. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> walk(Harness harness, String account, String candidate, int limit) {
        var items = new ArrayList<Map<String, Object>>();
        String cursor = null;
        for (int page = 0; page < 100; page++) {
            var response = harness.get("/unified/ats/activities?integrated_account_id=" + account + "&candidate_id="
                    + candidate + "&limit=" + limit + (cursor == null ? ""
                    : "&next_cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
            assertEquals(200, response.statusCode(), response.body());
            var body = Harness.json(response);
            items.addAll((List<Map<String, Object>>) body.get("result"));
            cursor = (String) body.get("next_cursor");
            if (cursor == null) {
                return items;
            }
        }
        throw new AssertionError("more than 100 pages");
    }

    static List<Object> ids(List<Map<String, Object>> items) {
        return items.stream().map(item -> item.get("id")).toList();
    }
}
