package dev.switchboard.sandbox;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The simulated Ashby's candidate, application, job and user endpoints: RPC POSTs with a
 * JSON body, answered {@code {"success": true, "results": …}} or, for a failure,
 * HTTP 200 {@code {"success": false, "errorInfo": …}} (developers.ashbyhq.com/docs/responses).
 *
 * <p>Lists page as developers.ashbyhq.com/docs/pagination-and-incremental-sync says: the
 * body's {@code limit} (at most 100; the API caps longer pages) and {@code cursor}, the
 * answer's {@code moreDataAvailable} and {@code nextCursor}. The cursor is opaque; this one
 * names the page's last item, so items added meanwhile neither repeat nor go missing.
 */
final class AshbyReads {

    private static final int MAX_LIMIT = 100;

    private final AshbyWorld world;
    private final NoteBook notes;

    AshbyReads(AshbyWorld world, NoteBook notes) {
        this.world = world;
        this.notes = notes;
    }

    /** Path → handler, every one a POST. */
    Map<String, Handler> handlers() {
        var handlers = new LinkedHashMap<String, Handler>();
        // candidate.list: body {cursor?, syncToken?, limit?} (OpenAPI: /candidate.list).
        handlers.put("/candidate.list", ctx -> list(ctx, world.candidates, body -> item -> true));
        handlers.put("/candidate.info", ctx -> info(ctx, world.candidates, "id", "candidate_not_found"));
        handlers.put("/candidate.search", this::searchCandidates);
        handlers.put("/candidate.create", this::createCandidate);
        // application.list: status and jobId narrow the list (OpenAPI: /application.list).
        handlers.put("/application.list", ctx -> list(ctx, world.applications, body -> application ->
                (body.get("jobId") == null || body.get("jobId").equals(((Map<?, ?>) application.get("job")).get("id")))
                        && (body.get("status") == null || body.get("status").equals(application.get("status")))));
        handlers.put("/application.info", ctx -> info(ctx, world.applications, "applicationId", "application_not_found"));
        // job.list: open, closed and archived jobs; drafts only when status names Draft (OpenAPI: /job.list).
        handlers.put("/job.list", ctx -> list(ctx, world.jobs, body -> job -> body.get("status") instanceof List<?> wanted
                ? wanted.contains(job.get("status")) : !"Draft".equals(job.get("status"))));
        handlers.put("/job.info", ctx -> info(ctx, world.jobs, "id", "job_not_found"));
        // user.list: deactivated users only with includeDeactivated (OpenAPI: /user.list).
        handlers.put("/user.list", ctx -> list(ctx, world.users, body -> user ->
                Boolean.TRUE.equals(body.get("includeDeactivated")) || Boolean.TRUE.equals(user.get("isEnabled"))));
        handlers.put("/user.info", ctx -> info(ctx, world.users, "userId", "user_not_found"));
        return handlers;
    }

    void list(Context ctx, List<Map<String, Object>> items,
            java.util.function.Function<Map<String, Object>, Predicate<Map<String, Object>>> filter) {
        var body = Simulator.jsonObject(ctx).orElse(null);
        if (body == null) {
            Simulator.json(ctx, 200, AshbySimulator.failure("invalid_input", "Request body must be a JSON object"));
            return;
        }
        Object limitValue = body.get("limit");
        if (limitValue != null && !(limitValue instanceof Integer given && given >= 1)) {
            Simulator.json(ctx, 200, AshbySimulator.failure("invalid_input", "limit must be a positive integer"));
            return;
        }
        int limit = limitValue == null ? MAX_LIMIT : Math.min(MAX_LIMIT, (Integer) limitValue);
        List<Map<String, Object>> all = items.stream().filter(filter.apply(body)).toList();
        int from = from(all, body.get("cursor"));
        if (from < 0) {
            // Guess: the docs do not name the error for a cursor Ashby never gave.
            Simulator.json(ctx, 200, AshbySimulator.failure("invalid_input", "cursor is not a cursor this list gave"));
            return;
        }
        var page = new ArrayList<>(all.subList(Math.min(from, all.size()), Math.min(from + limit, all.size())));
        boolean more = from + limit < all.size();
        var answer = new LinkedHashMap<String, Object>();
        answer.put("success", true);
        answer.put("results", page);
        answer.put("moreDataAvailable", more);
        if (more) {
            answer.put("nextCursor", cursor(page.get(page.size() - 1)));
        } else {
            // The last page carries a syncToken for incremental sync (pagination-and-incremental-sync).
            answer.put("syncToken", "sync-" + all.size());
        }
        Simulator.json(ctx, 200, answer);
    }

    void info(Context ctx, List<Map<String, Object>> items, String idKey, String notFound) {
        var body = Simulator.jsonObject(ctx).orElse(Map.of());
        if (!Simulator.isNonBlankString(body.get(idKey))) {
            Simulator.json(ctx, 200, AshbySimulator.failure("invalid_input", idKey + " is required"));
            return;
        }
        world.find(items, (String) body.get(idKey)).ifPresentOrElse(
                item -> Simulator.json(ctx, 200, Map.of("success", true, "results", item)),
                () -> Simulator.json(ctx, 200, AshbySimulator.failure(notFound, "Not found")));
    }

    /** candidate.search: email and/or name, combined with AND; at most 100 results (OpenAPI: /candidate.search). */
    @SuppressWarnings("unchecked")
    private void searchCandidates(Context ctx) {
        var body = Simulator.jsonObject(ctx).orElse(Map.of());
        Object email = body.get("email");
        Object name = body.get("name");
        if (!Simulator.isNonBlankString(email) && !Simulator.isNonBlankString(name)) {
            Simulator.json(ctx, 200, AshbySimulator.failure("invalid_input", "email or name is required"));
            return;
        }
        var found = world.candidates.stream()
                .filter(candidate -> email == null || ((List<Map<String, Object>>) candidate.get("emailAddresses"))
                        .stream().anyMatch(address -> ((String) address.get("value")).equalsIgnoreCase((String) email)))
                .filter(candidate -> name == null || ((String) candidate.get("name")).toLowerCase(Locale.ROOT)
                        .contains(((String) name).toLowerCase(Locale.ROOT)))
                .limit(MAX_LIMIT).toList();
        Simulator.json(ctx, 200, Map.of("success", true, "results", found));
    }

    /**
     * candidate.create: name is required; email, phoneNumber, alternateEmailAddresses and
     * createdAt are among the documented fields (OpenAPI: /candidate.create). The answer's
     * results is the new candidate, as candidate.info gives it.
     */
    private void createCandidate(Context ctx) {
        var body = Simulator.jsonObject(ctx).orElse(null);
        String problem = body == null ? "Request body must be a JSON object" : createProblem(body);
        if (problem != null) {
            Simulator.json(ctx, 200, AshbySimulator.failure("invalid_input", problem));
            return;
        }
        var emails = new ArrayList<String>();
        if (body.get("email") instanceof String email) {
            emails.add(email);
        }
        if (body.get("alternateEmailAddresses") instanceof List<?> alternates) {
            alternates.forEach(alternate -> emails.add((String) alternate));
        }
        Instant createdAt = body.containsKey("createdAt") ? AshbySimulator.createdAt(body.get("createdAt")) : Instant.now();
        String id = UUID.randomUUID().toString();
        var candidate = world.addCandidate(id, ((String) body.get("name")).trim(), emails,
                (String) body.get("phoneNumber"), createdAt);
        notes.add(id);
        Simulator.json(ctx, 200, Map.of("success", true, "results", candidate));
    }

    private static String createProblem(Map<String, Object> body) {
        if (!Simulator.isNonBlankString(body.get("name"))) {
            return "name is required";
        }
        for (String field : List.of("email", "phoneNumber")) {
            if (body.containsKey(field) && !Simulator.isNonBlankString(body.get(field))) {
                return field + " must be a non-empty string";
            }
        }
        if (body.get("email") instanceof String email && !email.contains("@")) {
            return "email must be an email address";
        }
        if (body.containsKey("alternateEmailAddresses") && !(body.get("alternateEmailAddresses") instanceof List<?> list
                && list.stream().allMatch(item -> item instanceof String text && text.contains("@")))) {
            return "alternateEmailAddresses must be an array of email addresses";
        }
        if (body.containsKey("createdAt") && AshbySimulator.createdAt(body.get("createdAt")) == null) {
            return "createdAt must be an ISO 8601 date-time";
        }
        return null;
    }

    private static String cursor(Map<String, Object> last) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("after:" + last.get("id")).getBytes(StandardCharsets.UTF_8));
    }

    /** Where a page starts: after the item the cursor names; 0 without one; -1 for a cursor never given. */
    private static int from(List<Map<String, Object>> all, Object cursor) {
        if (cursor == null) {
            return 0;
        }
        if (!(cursor instanceof String text)) {
            return -1;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            for (int i = 0; i < all.size(); i++) {
                if (decoded.equals("after:" + all.get(i).get("id"))) {
                    return i + 1;
                }
            }
        } catch (IllegalArgumentException notBase64) {
            return -1;
        }
        return -1;
    }
}
