package dev.switchboard.sandbox;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The simulated Workable's candidates, jobs and members, over {@link WorkableWorld}.
 *
 * <p>Sources: workable.readme.io/reference/job-candidates-index ({@code limit}, default 50 and at
 * most 100; {@code since_id} and {@code max_id}, ids greater or less than or equal; {@code email};
 * {@code shortcode}; {@code {"candidates": [...], "paging": {"next"}}} with no {@code paging} on the
 * last page); job-candidates-show ({@code {"candidate": {...}}}); job-candidates-create (the body
 * {@code {"candidate": {...}, "sourced"}}, firstname and lastname or name, and email required; the
 * answer {@code {"status": "created", "candidate": {...}}}, as Nango's create-candidate action reads
 * it); jobs and get-job (a job's fields at the top level); members. The members list pages as the
 * candidate list does: the members page documents the same limit and since_id. Error texts are a
 * guess, as no source quotes them.
 */
final class WorkableCandidates {

    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 100;

    private final WorkableWorld world;
    private final NoteBook activities;
    private final WorkableFiles files;
    private final AtomicInteger created = new AtomicInteger();
    private final AtomicBoolean failNextAfterWriting = new AtomicBoolean();

    WorkableCandidates(WorkableWorld world, NoteBook activities, WorkableFiles files) {
        this.world = world;
        this.activities = activities;
        this.files = files;
    }

    int created() {
        return created.get();
    }

    /** The next create writes the candidate and then answers 500, as a provider failing mid-way does. */
    void failNextAfterWriting() {
        failNextAfterWriting.set(true);
    }

    void list(Context ctx) {
        String email = ctx.queryParam("email");
        String shortcode = ctx.queryParam("shortcode");
        Predicate<Map<String, Object>> wanted = candidate -> (email == null || email.equalsIgnoreCase(
                String.valueOf(candidate.get("email")))) && (shortcode == null
                || shortcode.equals(((Map<?, ?>) candidate.get("job")).get("shortcode")));
        page(ctx, "candidates", world.candidates().stream().filter(wanted).map(WorkableWorld::listed).toList());
    }

    void get(Context ctx) {
        world.candidate(ctx.pathParam("id")).ifPresentOrElse(
                candidate -> Simulator.json(ctx, 200, Map.of("candidate", detailed(ctx, candidate))),
                () -> Simulator.json(ctx, 404, Map.of("error", "Not found")));
    }

    @SuppressWarnings("unchecked")
    void create(Context ctx) {
        var job = WorkableWorld.job(ctx.pathParam("shortcode")).orElse(null);
        if (job == null) {
            Simulator.json(ctx, 404, Map.of("error", "Not found"));
            return;
        }
        var body = Simulator.jsonObject(ctx).orElse(null);
        if (body == null || !(body.get("candidate") instanceof Map<?, ?> given)) {
            Simulator.json(ctx, 422, Map.of("error", "candidate is required"));
            return;
        }
        var fields = (Map<String, Object>) given;
        boolean named = Simulator.isNonBlankString(fields.get("name"))
                || (Simulator.isNonBlankString(fields.get("firstname")) && Simulator.isNonBlankString(fields.get("lastname")));
        if (!named || !Simulator.isNonBlankString(fields.get("email"))) {
            Simulator.json(ctx, 422, Map.of("error", "name (or firstname and lastname) and email are required"));
            return;
        }
        String first = Simulator.isNonBlankString(fields.get("firstname")) ? (String) fields.get("firstname")
                : ((String) fields.get("name")).split(" ", 2)[0];
        String last = Simulator.isNonBlankString(fields.get("lastname")) ? (String) fields.get("lastname")
                : ((String) fields.get("name")).contains(" ") ? ((String) fields.get("name")).split(" ", 2)[1] : "";
        if (fields.get("resume") != null && files.refusal(fields.get("resume")).isPresent()) {
            Simulator.json(ctx, 422, Map.of("error", files.refusal(fields.get("resume")).get()));
            return;
        }
        List<String> tags = fields.get("tags") instanceof List<?> list
                ? list.stream().filter(String.class::isInstance).map(String.class::cast).toList() : List.of();
        var candidate = world.add(first, last, (String) fields.get("email"),
                fields.get("phone") instanceof String phone ? phone : null, tags, job);
        activities.add((String) candidate.get("id"));
        if (fields.get("resume") instanceof Map<?, ?> resume) {
            files.keep((String) candidate.get("id"), resume);
        }
        created.incrementAndGet();
        if (failNextAfterWriting.getAndSet(false)) {
            Simulator.json(ctx, 500, Map.of("error", "Internal server error"));
            return;
        }
        Simulator.json(ctx, 201, Map.of("status", "created", "candidate", detailed(ctx, candidate)));
    }

    /** A candidate's details: with its signed resume link, made for this request's host. */
    private Map<String, Object> detailed(Context ctx, Map<String, Object> candidate) {
        var copy = new LinkedHashMap<String, Object>();
        synchronized (candidate) {
            copy.putAll(candidate);
        }
        copy.put("resume_url", files.resumeUrl(ctx, (String) candidate.get("id")));
        return copy;
    }

    void jobs(Context ctx) {
        page(ctx, "jobs", WorkableWorld.JOBS);
    }

    void job(Context ctx) {
        WorkableWorld.job(ctx.pathParam("shortcode")).ifPresentOrElse(job -> Simulator.json(ctx, 200, job),
                () -> Simulator.json(ctx, 404, Map.of("error", "Not found")));
    }

    void members(Context ctx) {
        page(ctx, "members", WorkableWorld.MEMBERS);
    }

    /** Items in id order from since_id to max_id (both inclusive), a limit at a time, the next page's URL in paging. */
    static void page(Context ctx, String key, List<Map<String, Object>> items) {
        int limit = DEFAULT_LIMIT;
        String given = ctx.queryParam("limit");
        if (given != null) {
            if (!given.matches("\\d{1,3}") || Integer.parseInt(given) < 1 || Integer.parseInt(given) > MAX_LIMIT) {
                Simulator.json(ctx, 422, Map.of("error", "limit must be between 1 and " + MAX_LIMIT));
                return;
            }
            limit = Integer.parseInt(given);
        }
        String since = ctx.queryParam("since_id");
        String max = ctx.queryParam("max_id");
        var inRange = new ArrayList<Map<String, Object>>();
        for (Map<String, Object> item : items) {
            String id = String.valueOf(item.get("id"));
            if ((since == null || id.compareTo(since) >= 0) && (max == null || id.compareTo(max) <= 0)) {
                inRange.add(item);
            }
        }
        var answer = new LinkedHashMap<String, Object>();
        answer.put(key, List.copyOf(inRange.subList(0, Math.min(limit, inRange.size()))));
        if (inRange.size() > limit) {
            answer.put("paging", Map.of("next", next(ctx, String.valueOf(inRange.get(limit).get("id")))));
        }
        Simulator.json(ctx, 200, answer);
    }

    /** This request's URL with since_id moved to the first item of the next page. */
    private static String next(Context ctx, String sinceId) {
        var query = new StringBuilder();
        ctx.queryParamMap().forEach((name, values) -> {
            if (!name.equals("since_id")) {
                values.forEach(value -> query.append(query.isEmpty() ? "" : "&").append(encode(name)).append('=')
                        .append(encode(value)));
            }
        });
        query.append(query.isEmpty() ? "" : "&").append("since_id=").append(encode(sinceId));
        return ctx.scheme() + "://" + ctx.host() + ctx.path() + "?" + query;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
