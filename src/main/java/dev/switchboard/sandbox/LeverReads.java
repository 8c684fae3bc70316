package dev.switchboard.sandbox;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * The simulated Lever's opportunities, applications, postings and users under {@code /v1}
 * (hire.lever.co/developer/documentation, sections "Opportunities", "Applications",
 * "Postings" and "Users"). Lists take {@code limit} (1 to 100) and {@code offset}, the
 * opaque {@code next} of the page before, and answer {@code {"data": […], "hasNext", "next"}}
 * (section "Pagination"); a single object comes as {@code {"data": {…}}}; errors are
 * {@code {"code", "message"}} (section "Errors").
 */
final class LeverReads {

    private static final int MAX_LIMIT = 100;

    private final LeverWorld world;
    private final NoteBook notes;

    LeverReads(LeverWorld world, NoteBook notes) {
        this.world = world;
        this.notes = notes;
    }

    void register(BiConsumer<String, Handler> get, BiConsumer<String, Handler> post) {
        // "List all opportunities": email and posting_id among its filters.
        get.accept("/v1/opportunities", ctx -> page(ctx, world.opportunities.stream()
                .filter(opportunity -> matchesEmails(opportunity, ctx.queryParams("email")))
                .filter(opportunity -> ctx.queryParam("posting_id") == null
                        || world.applications.get((String) opportunity.get("id")).stream()
                                .anyMatch(application -> ctx.queryParam("posting_id").equals(application.get("posting"))))
                .toList()));
        // "Retrieve a single opportunity"; expand=applications gives the applications as objects
        // ("Customizing the Response").
        get.accept("/v1/opportunities/{id}", ctx -> world.find(world.opportunities, ctx.pathParam("id")).ifPresentOrElse(
                opportunity -> Simulator.json(ctx, 200, Map.of("data", expanded(opportunity, ctx.queryParams("expand")))),
                () -> Simulator.json(ctx, 404, error("ResourceNotFound", "Opportunity not found"))));
        post.accept("/v1/opportunities", this::createOpportunity);
        // "List all applications" of an opportunity; "Retrieve a single application".
        get.accept("/v1/opportunities/{id}/applications", ctx -> {
            var applications = world.applications.get(ctx.pathParam("id"));
            if (applications == null) {
                Simulator.json(ctx, 404, error("ResourceNotFound", "Opportunity not found"));
            } else {
                page(ctx, List.copyOf(applications));
            }
        });
        get.accept("/v1/opportunities/{id}/applications/{applicationId}", ctx -> one(ctx,
                world.applications.getOrDefault(ctx.pathParam("id"), List.of()), ctx.pathParam("applicationId"),
                "Application"));
        // "List all postings" (state filters them); "Retrieve a single posting".
        get.accept("/v1/postings", ctx -> page(ctx, world.postings.stream()
                .filter(posting -> ctx.queryParam("state") == null || ctx.queryParam("state").equals(posting.get("state")))
                .toList()));
        get.accept("/v1/postings/{id}", ctx -> one(ctx, world.postings, ctx.pathParam("id"), "Posting"));
        // "List all users" (includeDeactivated adds deactivated ones); "Retrieve a single user".
        get.accept("/v1/users", ctx -> page(ctx, world.users.stream()
                .filter(user -> "true".equals(ctx.queryParam("includeDeactivated")) || user.get("deactivatedAt") == null)
                .toList()));
        get.accept("/v1/users/{id}", ctx -> one(ctx, world.users, ctx.pathParam("id"), "User"));
    }

    @SuppressWarnings("unchecked")
    private static boolean matchesEmails(Map<String, Object> opportunity, List<String> wanted) {
        return wanted.isEmpty() || ((List<String>) opportunity.get("emails")).stream()
                .anyMatch(email -> wanted.stream().anyMatch(one -> one.equalsIgnoreCase(email)));
    }

    private Map<String, Object> expanded(Map<String, Object> opportunity, List<String> expand) {
        if (!expand.contains("applications")) {
            return opportunity;
        }
        var copy = new LinkedHashMap<>(opportunity);
        copy.put("applications", List.copyOf(world.applications.getOrDefault((String) opportunity.get("id"), List.of())));
        return copy;
    }

    private void one(Context ctx, List<Map<String, Object>> items, String id, String noun) {
        one(ctx, world, items, id, noun);
    }

    static void one(Context ctx, LeverWorld world, List<Map<String, Object>> items, String id, String noun) {
        world.find(items, id).ifPresentOrElse(item -> Simulator.json(ctx, 200, Map.of("data", item)),
                () -> Simulator.json(ctx, 404, error("ResourceNotFound", noun + " not found")));
    }

    static void page(Context ctx, List<Map<String, Object>> all) {
        String limitText = ctx.queryParam("limit");
        if (limitText != null && !limitText.matches("[1-9]\\d{0,8}")) {
            Simulator.json(ctx, 400, error("BadRequestError", "limit must be a number from 1 to 100"));
            return;
        }
        int limit = limitText == null ? MAX_LIMIT : Math.min(MAX_LIMIT, Integer.parseInt(limitText));
        int from = LeverPageTokens.start(all, ctx.queryParam("offset"));
        if (from < 0) {
            Simulator.json(ctx, 400, error("BadRequestError", "Invalid offset"));
            return;
        }
        var page = new ArrayList<>(all.subList(Math.min(from, all.size()), Math.min(from + limit, all.size())));
        boolean hasNext = from + limit < all.size();
        var answer = new LinkedHashMap<String, Object>();
        answer.put("data", page);
        answer.put("hasNext", hasNext);
        if (hasNext) {
            answer.put("next", LeverPageTokens.after(page.get(page.size() - 1)));
        }
        Simulator.json(ctx, 200, answer);
    }

    /**
     * "Create an opportunity": perform_as (required) names the user it is created as, who
     * becomes its owner; the body may carry name, headline, location, emails, phones
     * ({value, type}), links, tags, sources, origin and postings (posting ids). The answer
     * is {@code 201 {"data": {opportunity}}}.
     */
    private void createOpportunity(Context ctx) {
        String performAs = ctx.queryParam("perform_as");
        if (performAs == null || performAs.isBlank()) {
            Simulator.json(ctx, 400, error("BadRequestError", "perform_as is required"));
            return;
        }
        if (!world.isUser(performAs)) {
            Simulator.json(ctx, 400, error("BadRequestError", "perform_as must be the id of an active user"));
            return;
        }
        var body = Simulator.jsonObject(ctx).orElse(null);
        String problem = body == null ? "Request body must be a JSON object" : createProblem(body);
        if (problem != null) {
            Simulator.json(ctx, 400, error("BadRequestError", problem));
            return;
        }
        String id = UUID.randomUUID().toString();
        long createdAt = body.get("createdAt") instanceof Number n ? n.longValue() : System.currentTimeMillis();
        var opportunity = world.addOpportunity(id, body, performAs, createdAt);
        notes.add(id);
        Simulator.json(ctx, 201, Map.of("data", opportunity));
    }

    private String createProblem(Map<String, Object> body) {
        for (String text : List.of("name", "headline", "location", "origin")) {
            if (body.containsKey(text) && !(body.get(text) instanceof String)) {
                return text + " must be a string";
            }
        }
        for (String strings : List.of("emails", "links", "tags", "sources", "postings")) {
            if (body.containsKey(strings) && !(body.get(strings) instanceof List<?> list
                    && list.stream().allMatch(item -> item instanceof String))) {
                return strings + " must be an array of strings";
            }
        }
        if (body.get("emails") instanceof List<?> emails
                && emails.stream().anyMatch(email -> !((String) email).contains("@"))) {
            return "emails must be email addresses";
        }
        if (body.containsKey("phones") && !(body.get("phones") instanceof List<?> phones && phones.stream()
                .allMatch(phone -> phone instanceof Map<?, ?> map && map.get("value") instanceof String))) {
            return "phones must be an array of {value, type}";
        }
        if (body.get("postings") instanceof List<?> postings) {
            for (Object posting : postings) {
                if (world.find(world.postings, (String) posting).isEmpty()) {
                    return "posting " + posting + " not found";
                }
            }
        }
        if (body.get("origin") instanceof String origin && !List.of("agency", "applied", "internal", "referred",
                "sourced", "university").contains(origin.toLowerCase(Locale.ROOT))) {
            return "origin must be one of agency, applied, internal, referred, sourced, university";
        }
        return null;
    }

    static Map<String, Object> error(String code, String message) {
        return Map.of("code", code, "message", message);
    }
}
