package dev.switchboard.sandbox;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The simulated Workable's hiring workflow: departments, disqualification reasons, each job's
 * pipeline stages, interview events, offers, and the move and disqualify actions on a candidate.
 *
 * <p>Sources, all workable.readme.io/reference/...: departments (a bare JSON array of
 * {@code {id, name, parent_id, archived}}); disqualification_reasons ({@code {id, description,
 * candidate_withdrew, position}}; the page says "a collection" without showing its wrapper, so
 * a bare array as departments is a guess); stages and a job's stages ({@code {"stages": [{slug,
 * name, kind, position}]}}, the shape also shown by withone.ai's Workable notes); events and an
 * event ({@code type}, {@code candidate_id}, {@code limit}, {@code since_id}, {@code max_id}
 * filters; {@code {id, title, description, type, starts_at, ends_at, cancelled, job, members:
 * [{id, name, status}], candidate: {id, name}, conference}}; the {@code {"events": [...],
 * "paging"}} wrapper is a guess by analogy with the other lists); candidatesidoffer (the
 * candidate's latest offer, {@code {candidate, created_at, document_variables, documents,
 * state}}, 404 {@code {"error": "Not found"}} where there is none: a guess); move-candidate
 * ({@code {member_id, target_stage}}, member_id required); disqualify-candidate
 * ({@code {member_id, disqualification_reason_id, disqualify_note, withdrew}}, member_id
 * required; the stored text of the reference page shows these parameters' descriptions, not
 * their names, so the names are unconfirmed). Neither action's answer is documented: the simulator answers 200
 * with no body (a guess). The refusals (a stage not in the candidate's job, an unknown reason,
 * a missing member) are 422 {@code {"error"}}: the status and texts are guesses. Disqualifying
 * a disqualified candidate again replaces the reason (a guess: no source says it is refused).
 */
final class WorkableHiring {

    private static final Instant EPOCH = Instant.parse("2026-06-03T09:00:00Z");

    static final List<Map<String, Object>> DEPARTMENTS = List.of(
            department("3ff4d641", "Commercial", null),
            department("3ff4d646", "Sales", "3ff4d641"),
            department("3ff4d649", "Engineering", null),
            department("3ff4d64c", "Operations", null));

    static final List<Map<String, Object>> REASONS = List.of(
            reason("1d1f1a01", "Doesn't have required qualifications", false, 0),
            reason("1d1f1a02", "Unsuccessful interview", false, 1),
            reason("1d1f1a03", "Salary expectations too high", false, 2),
            reason("1d1f1a04", "Withdrew/declined interview", true, 3),
            reason("1d1f1a05", "Rejected offer", true, 4));

    /** Each job's pipeline, by shortcode: the account's stages plus one of the job's own. */
    static final Map<String, List<Map<String, Object>>> PIPELINES = Map.of(
            "SANDB001", pipeline("phone-screen", "Phone Screen", "technical-interview", "Technical Interview"),
            "SANDB002", pipeline("phone-screen", "Phone Screen", "role-play", "Role Play"),
            "SANDB003", pipeline("assessment", "Assessment", "interview", "Interview"));

    private final WorkableWorld world;
    private final List<Map<String, Object>> events = new ArrayList<>();
    private final Map<String, Map<String, Object>> offers = new LinkedHashMap<>();
    private final AtomicInteger moves = new AtomicInteger();
    private final AtomicInteger disqualifications = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicBoolean failNextAfterWriting = new java.util.concurrent.atomic.AtomicBoolean();

    WorkableHiring(WorkableWorld world) {
        this.world = world;
        var candidates = world.candidates();
        long id = 0x4770c50L;
        // Interviews with the first candidates, one cancelled, and one call (not an interview).
        for (int i = 0; i < 7; i++) {
            var candidate = candidates.get(i % 5);
            events.add(event(Long.toHexString(id++), "interview", candidate, i == 3,
                    EPOCH.plus(i, ChronoUnit.DAYS), WorkableWorld.MEMBERS.get(i % 2), WorkableWorld.MEMBERS.get(2)));
        }
        events.add(event(Long.toHexString(id), "call", candidates.get(0), false, EPOCH.plus(9, ChronoUnit.DAYS),
                WorkableWorld.MEMBERS.get(0), null));
        offers.put((String) candidates.get(1).get("id"), offer(candidates.get(1), "accepted", "2026-07-01"));
        offers.put((String) candidates.get(2).get("id"), offer(candidates.get(2), "sent", "2026-07-15"));
    }

    /** The next move or disqualification is made and then answered 500, as a provider failing mid-way does. */
    void failNextAfterWriting() {
        failNextAfterWriting.set(true);
    }

    int moves() {
        return moves.get();
    }

    int disqualifications() {
        return disqualifications.get();
    }

    List<String> interviewIds() {
        return events.stream().filter(event -> event.get("type").equals("interview")).map(e -> (String) e.get("id"))
                .toList();
    }

    List<String> candidatesWithOffers() {
        return List.copyOf(offers.keySet());
    }

    void departments(Context ctx) {
        Simulator.json(ctx, 200, DEPARTMENTS);
    }

    void reasons(Context ctx) {
        Simulator.json(ctx, 200, REASONS);
    }

    void jobStages(Context ctx) {
        var pipeline = PIPELINES.get(ctx.pathParam("shortcode"));
        if (pipeline == null) {
            Simulator.json(ctx, 404, Map.of("error", "Not found"));
            return;
        }
        Simulator.json(ctx, 200, Map.of("stages", pipeline));
    }

    void listEvents(Context ctx) {
        String type = ctx.queryParam("type");
        String candidate = ctx.queryParam("candidate_id");
        var wanted = events.stream()
                .filter(event -> type == null || type.equals(event.get("type")))
                .filter(event -> candidate == null || candidate.equals(((Map<?, ?>) event.get("candidate")).get("id")))
                .toList();
        WorkableCandidates.page(ctx, "events", wanted);
    }

    void event(Context ctx) {
        events.stream().filter(event -> event.get("id").equals(ctx.pathParam("id"))).findFirst().ifPresentOrElse(
                event -> Simulator.json(ctx, 200, event), () -> Simulator.json(ctx, 404, Map.of("error", "Not found")));
    }

    void offer(Context ctx) {
        String id = ctx.pathParam("id");
        Map<String, Object> offer = world.candidate(id).isPresent() ? offers.get(id) : null;
        if (offer == null) {
            Simulator.json(ctx, 404, Map.of("error", "Not found"));
            return;
        }
        Simulator.json(ctx, 200, offer);
    }

    void move(Context ctx) {
        action(ctx).ifPresent(action -> move(ctx, action.candidate(), action.body()));
    }

    private void move(Context ctx, Map<String, Object> candidate, Map<String, Object> body) {
        String shortcode = (String) ((Map<?, ?>) candidate.get("job")).get("shortcode");
        Object target = body.get("target_stage");
        Optional<Map<String, Object>> stage = PIPELINES.get(shortcode).stream()
                .filter(s -> s.get("slug").equals(target)).findFirst();
        if (stage.isEmpty()) {
            Simulator.json(ctx, 422, Map.of("error", "Stage '" + target + "' is not a stage of job " + shortcode));
            return;
        }
        synchronized (candidate) {
            candidate.put("stage", stage.get().get("slug"));
            candidate.put("stage_kind", stage.get().get("kind"));
            candidate.put("updated_at", now());
        }
        moves.incrementAndGet();
        answerWritten(ctx);
    }

    void disqualify(Context ctx) {
        action(ctx).ifPresent(action -> disqualify(ctx, action.candidate(), action.body()));
    }

    private void disqualify(Context ctx, Map<String, Object> candidate, Map<String, Object> body) {
        Object reasonId = body.get("disqualification_reason_id");
        Map<String, Object> reason = reasonId == null ? null
                : REASONS.stream().filter(r -> r.get("id").equals(reasonId)).findFirst().orElse(null);
        if (reasonId != null && reason == null) {
            Simulator.json(ctx, 422, Map.of("error", "Disqualification reason '" + reasonId + "' not found"));
            return;
        }
        if (body.get("disqualify_note") instanceof String note && note.length() > 256) {
            Simulator.json(ctx, 422, Map.of("error", "disqualify_note is longer than 256 characters"));
            return;
        }
        synchronized (candidate) {
            candidate.put("disqualified", true);
            candidate.put("disqualification_reason", reason == null ? null : reason.get("description"));
            candidate.put("withdrew", body.get("withdrew") instanceof Boolean withdrew ? withdrew
                    : reason != null && (Boolean) reason.get("candidate_withdrew"));
            candidate.put("disqualified_at", now());
            candidate.put("updated_at", now());
        }
        disqualifications.incrementAndGet();
        answerWritten(ctx);
    }

    /** A move's or disqualification's candidate and body, once both are known good. */
    private record Action(Map<String, Object> candidate, Map<String, Object> body) {
    }

    /** The action's candidate and body; empty when it was answered already: no such candidate, or a refused member. */
    private Optional<Action> action(Context ctx) {
        var candidate = world.candidate(ctx.pathParam("id")).orElse(null);
        if (candidate == null) {
            Simulator.json(ctx, 404, Map.of("error", "Not found"));
            return Optional.empty();
        }
        var body = Simulator.jsonObject(ctx).orElse(Map.of());
        if (refusedMember(ctx, body)) {
            return Optional.empty();
        }
        return Optional.of(new Action(candidate, body));
    }

    private void answerWritten(Context ctx) {
        if (failNextAfterWriting.getAndSet(false)) {
            Simulator.json(ctx, 500, Map.of("error", "Internal server error"));
        } else {
            ctx.status(200);
        }
    }

    private static boolean refusedMember(Context ctx, Map<String, Object> body) {
        boolean known = body.get("member_id") instanceof String member
                && WorkableWorld.MEMBERS.stream().anyMatch(m -> m.get("id").equals(member));
        if (!known) {
            Simulator.json(ctx, 422, Map.of("error", "member_id is missing or not a member of the account"));
        }
        return !known;
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static Map<String, Object> department(String id, String name, String parent) {
        var department = new LinkedHashMap<String, Object>();
        department.put("id", id);
        department.put("name", name);
        department.put("parent_id", parent);
        department.put("archived", false);
        return department;
    }

    private static Map<String, Object> reason(String id, String description, boolean withdrew, int position) {
        return Map.of("id", id, "description", description, "candidate_withdrew", withdrew, "position", position);
    }

    private static List<Map<String, Object>> pipeline(String thirdSlug, String thirdName, String fourthSlug,
            String fourthName) {
        String[][] stages = {{"sourced", "Sourced", "sourced"}, {"applied", "Applied", "applied"},
            {thirdSlug, thirdName, thirdSlug.equals("assessment") ? "assessment" : "phone-screen"},
            {fourthSlug, fourthName, "interview"}, {"offer", "Offer", "offer"}, {"hired", "Hired", "hired"}};
        var pipeline = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < stages.length; i++) {
            pipeline.add(Map.of("slug", stages[i][0], "name", stages[i][1], "kind", stages[i][2], "position", i));
        }
        return List.copyOf(pipeline);
    }

    private static Map<String, Object> event(String id, String type, Map<String, Object> candidate, boolean cancelled,
            Instant start, Map<String, Object> organizer, Map<String, Object> other) {
        var members = new ArrayList<Map<String, Object>>();
        members.add(Map.of("id", organizer.get("id"), "name", organizer.get("name"), "status", "accepted"));
        if (other != null) {
            members.add(Map.of("id", other.get("id"), "name", other.get("name"), "status", "needs-action"));
        }
        var event = new LinkedHashMap<String, Object>();
        event.put("id", id);
        event.put("title", (type.equals("call") ? "Call with " : "Interview with ") + candidate.get("name"));
        event.put("description", null);
        event.put("type", type);
        event.put("starts_at", start.toString());
        event.put("ends_at", start.plus(45, ChronoUnit.MINUTES).toString());
        event.put("cancelled", cancelled);
        event.put("job", candidate.get("job"));
        event.put("members", List.copyOf(members));
        event.put("candidate", Map.of("id", candidate.get("id"), "name", candidate.get("name")));
        event.put("conference", Map.of("type", "zoom_meeting", "id", 1100001, "url", "https://zoom.us/j/1100001"));
        return event;
    }

    private static Map<String, Object> offer(Map<String, Object> candidate, String state, String startDate) {
        var offer = new LinkedHashMap<String, Object>();
        offer.put("candidate", Map.of("id", candidate.get("id"), "name", candidate.get("name")));
        offer.put("created_at", "2026-06-20T10:00:00.000Z");
        offer.put("document_variables", List.of(
                Map.of("document_variable", Map.of("name", "Start Date", "slug", "start_date"),
                        "value", Map.of("body", startDate)),
                Map.of("document_variable", Map.of("name", "Salary", "slug", "salary"),
                        "value", Map.of("data", Map.of("amount", 5000, "frequency", "month", "currency_iso", "EUR",
                                "cached_value", "€5,000.00 per month")))));
        offer.put("documents", List.of(Map.of("name", "offer-letter.pdf", "preview_url",
                "https://" + WorkableSimulator.SUBDOMAIN + ".workable.com/offers/preview/" + candidate.get("id"),
                "kind", "offer")));
        offer.put("state", state);
        return offer;
    }
}
