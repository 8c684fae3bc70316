package dev.switchboard.sandbox;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The simulated Recruitee's candidate and offer endpoints, over {@link RecruiteeWorld}.
 *
 * <p>Sources: docs.recruitee.com/reference/candidates-get (limit and offset; with neither, every
 * candidate comes back), docs.recruitee.com/reference/candidates-post (the body
 * {@code {"candidate": {...}, "offers": [ids]}}, or one {@code offer_id}),
 * docs.recruitee.com/reference/offers-get, and recorded answers (repository
 * miguelpetete/capstoneproject, responses.py) for the shapes: {@code {"candidates": [...],
 * "references": [...]}}, {@code {"candidate": {...}, "references": [...]}}, {@code {"offer": {...}}}.
 * The list is newest first, as third-party clients describe Recruitee's default order (sort
 * {@code by_date}); a 422's text for a blank name follows Rails' validation messages.
 */
final class RecruiteeCandidates {

    private final RecruiteeWorld world;
    private final NoteBook notes;
    private final AtomicInteger created = new AtomicInteger();
    private final AtomicBoolean failNextAfterWriting = new AtomicBoolean();

    RecruiteeCandidates(RecruiteeWorld world, NoteBook notes) {
        this.world = world;
        this.notes = notes;
    }

    int created() {
        return created.get();
    }

    /** The next create writes the candidate and then answers 500, as a provider failing mid-way does. */
    void failNextAfterWriting() {
        failNextAfterWriting.set(true);
    }

    /** GET /c/{company}/candidates: a page by limit and offset, or all of them when neither is given. */
    void list(Context ctx) {
        if (!company(ctx)) {
            return;
        }
        List<Map<String, Object>> all = world.candidates();
        Integer offset = number(ctx.queryParam("offset"));
        Integer limit = number(ctx.queryParam("limit"));
        if ((ctx.queryParam("offset") != null && offset == null) || (ctx.queryParam("limit") != null && limit == null)) {
            Simulator.json(ctx, 400, Map.of("error", "limit and offset must be whole numbers"));
            return;
        }
        int from = Math.min(offset == null ? 0 : offset, all.size());
        int to = limit == null ? all.size() : Math.min(all.size(), from + limit);
        var page = all.subList(from, to).stream().map(RecruiteeWorld::listed).toList();
        var answer = new LinkedHashMap<String, Object>();
        answer.put("candidates", page);
        answer.put("generated_at", java.time.Instant.now().toString());
        answer.put("references", RecruiteeWorld.references(page));
        Simulator.json(ctx, 200, answer);
    }

    /** GET /c/{company}/candidates/{id}: {"candidate", "references"}. */
    void get(Context ctx) {
        if (!company(ctx)) {
            return;
        }
        var candidate = world.candidate(ctx.pathParam("id")).orElse(null);
        if (candidate == null) {
            Simulator.json(ctx, 404, Map.of("error", "Not found"));
            return;
        }
        Simulator.json(ctx, 200, Map.of("candidate", candidate, "references", RecruiteeWorld.references(List.of(candidate))));
    }

    /** POST /c/{company}/candidates: the candidate, placed on the offers given, answered as a get answers it. */
    @SuppressWarnings("unchecked")
    void create(Context ctx) {
        if (!company(ctx)) {
            return;
        }
        var body = Simulator.jsonObject(ctx).orElse(null);
        if (body == null || !(body.get("candidate") instanceof Map<?, ?> given)) {
            Simulator.json(ctx, 422, Map.of("errors", List.of("candidate is missing")));
            return;
        }
        var fields = (Map<String, Object>) given;
        if (!Simulator.isNonBlankString(fields.get("name"))) {
            Simulator.json(ctx, 422, Map.of("errors", List.of("Name can't be blank")));
            return;
        }
        var offers = new ArrayList<Long>();
        Object listed = body.containsKey("offers") ? body.get("offers") : body.get("offer_id") == null ? List.of()
                : List.of(body.get("offer_id"));
        for (Object offer : listed instanceof List<?> many ? many : List.of(listed)) {
            if (!(offer instanceof Number id) || world.offer(String.valueOf(id.longValue())).isEmpty()) {
                Simulator.json(ctx, 422, Map.of("errors", List.of("Offer " + offer + " does not exist")));
                return;
            }
            offers.add(id.longValue());
        }
        var candidate = world.add((String) fields.get("name"), strings(fields.get("emails")), strings(fields.get("phones")),
                strings(fields.get("links")), strings(fields.get("tags")), offers);
        notes.add(String.valueOf(candidate.get("id")));
        created.incrementAndGet();
        if (failNextAfterWriting.getAndSet(false)) {
            Simulator.json(ctx, 500, Map.of("error", "Internal server error"));
            return;
        }
        Simulator.json(ctx, 201, Map.of("candidate", candidate, "references", RecruiteeWorld.references(List.of(candidate))));
    }

    /** GET /c/{company}/offers: every offer at once. */
    void offers(Context ctx) {
        if (company(ctx)) {
            Simulator.json(ctx, 200, Map.of("offers", world.offers()));
        }
    }

    /**
     * GET /c/{company}/admins: the company's users, {"admins": [...]}, as the Recruitee Node library
     * (npm package recruitee, Admins.list) reads them; each admin as answers' references show one.
     */
    void admins(Context ctx) {
        if (company(ctx)) {
            Simulator.json(ctx, 200, Map.of("admins", RecruiteeWorld.ADMINS));
        }
    }

    /** GET /c/{company}/offers/{id}: {"offer"}. */
    void offer(Context ctx) {
        if (!company(ctx)) {
            return;
        }
        world.offer(ctx.pathParam("id")).ifPresentOrElse(offer -> Simulator.json(ctx, 200, Map.of("offer", offer)),
                () -> Simulator.json(ctx, 404, Map.of("error", "Not found")));
    }

    private static boolean company(Context ctx) {
        if (!RecruiteeSimulator.COMPANY_ID.equals(ctx.pathParam("company"))) {
            Simulator.json(ctx, 404, Map.of("error", "Not found"));
            return false;
        }
        return true;
    }

    private static Integer number(String text) {
        return text != null && text.matches("\\d{1,6}") ? Integer.valueOf(text) : null;
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> list ? list.stream().filter(String.class::isInstance).map(String.class::cast).toList()
                : List.of();
    }
}
