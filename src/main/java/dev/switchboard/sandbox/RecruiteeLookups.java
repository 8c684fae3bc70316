package dev.switchboard.sandbox;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/**
 * The simulated Recruitee's company settings that hiring refers to: departments, locations
 * (offices), candidate tags and disqualify reasons, each read whole from one list.
 *
 * <p>Sources: the paths {@code GET /c/{company_id}/departments}, {@code /locations},
 * {@code /tags} and {@code /disqualify_reasons} and their answers {@code {"departments": [...]}},
 * {@code {"locations": [...]}}, {@code {"tags": [...]}}, {@code {"disqualify_reasons": [...]}}
 * are those of a Recruitee client built on the slates library (listDepartments,
 * listLocations, listTags, listDisqualifyReasons; it cites apidocs.recruitee.com, the full
 * reference) and of a Recruitee MCP server's {@code _fetch_disqualify_reasons} and
 * {@code _fetch_tags} ({@code data.get("disqualify_reasons")}, {@code data.get("tags")}). The fields are
 * the ones those clients read: a department's {@code id, name}; a location's {@code id,
 * full_address, city, country_code, state_code} (a {@code name} is a guess); a tag's
 * {@code id, name, taggings_count}; a reason's {@code id, name, position}. No source says these
 * lists page, so each is answered whole.
 */
final class RecruiteeLookups {

    static final List<Map<String, Object>> DEPARTMENTS = List.of(
            Map.of("id", 288442L, "name", "Engineering"), Map.of("id", 288443L, "name", "Design"),
            Map.of("id", 288444L, "name", "Operations"), Map.of("id", 288445L, "name", "Sales"),
            Map.of("id", 288446L, "name", "People"));
    static final List<Map<String, Object>> LOCATIONS = List.of(
            location(51001, "Amsterdam office", "Herengracht 1, 1015 BA Amsterdam, Netherlands", "Amsterdam", "NL", null),
            location(51002, "Warsaw office", "ul. Prosta 20, 00-850 Warszawa, Poland", "Warszawa", "PL", null),
            location(51003, "New York office", "1 Broadway, New York, NY 10004, United States", "New York", "US", "NY"),
            location(51004, "Lisbon hub", "Rua Augusta 10, 1100-053 Lisboa, Portugal", "Lisboa", "PT", null));
    static final List<Map<String, Object>> TAGS = List.of(
            tag(9001, "referral", 12), tag(9002, "senior", 30), tag(9003, "relocation", 4), tag(9004, "silver medalist", 2),
            tag(9005, "contractor", 7), tag(9006, "returning", 1), tag(9007, "needs visa", 5));
    static final List<Map<String, Object>> DISQUALIFY_REASONS = List.of(
            reason(6101, "Wrong skill set", 1), reason(6102, "Salary expectations", 2),
            reason(6103, "Position closed", 3), reason(6104, "Withdrew", 4), reason(6105, "No show", 5));

    private RecruiteeLookups() {
    }

    static void departments(Context ctx) {
        answer(ctx, "departments", DEPARTMENTS);
    }

    static void locations(Context ctx) {
        answer(ctx, "locations", LOCATIONS);
    }

    static void tags(Context ctx) {
        answer(ctx, "tags", TAGS);
    }

    static void disqualifyReasons(Context ctx) {
        answer(ctx, "disqualify_reasons", DISQUALIFY_REASONS);
    }

    static java.util.Optional<Map<String, Object>> reason(long id) {
        return DISQUALIFY_REASONS.stream().filter(r -> ((Number) r.get("id")).longValue() == id).findFirst();
    }

    private static void answer(Context ctx, String key, List<Map<String, Object>> items) {
        if (RecruiteeSimulator.COMPANY_ID.equals(ctx.pathParam("company"))) {
            Simulator.json(ctx, 200, Map.of(key, items));
        } else {
            Simulator.json(ctx, 404, Map.of("error", List.of("Not found")));
        }
    }

    private static Map<String, Object> location(long id, String name, String address, String city, String country,
            String state) {
        var location = new java.util.LinkedHashMap<String, Object>();
        location.put("id", id);
        location.put("name", name);
        location.put("full_address", address);
        location.put("city", city);
        location.put("country_code", country);
        location.put("state_code", state);
        return java.util.Collections.unmodifiableMap(location);
    }

    private static Map<String, Object> tag(long id, String name, int count) {
        return Map.of("id", id, "name", name, "taggings_count", count);
    }

    private static Map<String, Object> reason(long id, String name, int position) {
        return Map.of("id", id, "name", name, "position", position);
    }
}
