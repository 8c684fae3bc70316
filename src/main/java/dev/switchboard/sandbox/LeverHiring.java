package dev.switchboard.sandbox;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * The simulated Lever's hiring vocabulary and actions: the account's stages, archive reasons
 * and tags, each opportunity's interviews, and the two writes that move an opportunity through
 * the pipeline (hire.lever.co/developer/documentation, sections "Stages", "Archive Reasons",
 * "Tags", "Interviews", "Opportunities: Update opportunity stage" and "Update opportunity
 * archived state"). Stages are the account's, shared by every posting (Lever's developer FAQ,
 * hire.lever.co/developer/support: every pipeline starts with New lead / New applicant and ends
 * with Offer; "Hired" is the one archive reason every account has, any other means rejected).
 *
 * <p>Guesses, marked as such: the texts of refusals (Lever documents the error shape
 * {@code {code, message}}, not these messages); that an unknown stage or reason is a 400
 * {@code BadRequestError}; that archiving an archived opportunity again is allowed and replaces
 * the reason (nothing in the docs says it is refused).
 */
final class LeverHiring {

    /**
     * The built-in stages the FAQ names (New lead, New applicant, Offer) under the ids Lever's
     * API shows for them (lead-new, applicant-new, offer; "lead-reached-out" for Reached out is
     * a guess), and two of the account's own with generated ids.
     */
    static final List<Map<String, Object>> STAGES = List.of(
            stage("lead-new", "New lead"),
            stage("lead-reached-out", "Reached out"),
            stage("applicant-new", "New applicant"),
            stage(LeverWorld.id("stage", 0), "Phone screen"),
            stage(LeverWorld.id("stage", 1), "On-site interview"),
            stage("offer", "Offer"));

    private final LeverWorld world;
    final List<Map<String, Object>> archiveReasons = new ArrayList<>();
    /** Opportunity id → its interviews. */
    final Map<String, List<Map<String, Object>>> interviews = new java.util.concurrent.ConcurrentHashMap<>();
    /** Opportunity id → the feedback (scorecards) submitted on its interviews. */
    final Map<String, List<Map<String, Object>>> feedback = new java.util.concurrent.ConcurrentHashMap<>();
    /** Opportunity id → its offers. */
    final Map<String, List<Map<String, Object>>> offers = new java.util.concurrent.ConcurrentHashMap<>();
    /** How many stage updates and archive updates Lever carried out. */
    final AtomicInteger stageMoves = new AtomicInteger();
    final AtomicInteger archivings = new AtomicInteger();
    /** Whether the next stage or archive update is carried out but its answer lost (a 502 from a gateway). */
    final java.util.concurrent.atomic.AtomicBoolean loseNextAnswer = new java.util.concurrent.atomic.AtomicBoolean();

    LeverHiring(LeverWorld world, List<String> interviewed) {
        this.world = world;
        // The reason the world's closed-posting applications were archived with is the first.
        archiveReasons.add(reason(LeverWorld.id("archive-reason", 0), "Position closed", "non-hired"));
        archiveReasons.add(reason(LeverWorld.id("archive-reason", 1), "Underqualified", "non-hired"));
        archiveReasons.add(reason(LeverWorld.id("archive-reason", 2), "Withdrew", "non-hired"));
        archiveReasons.add(reason(LeverWorld.id("archive-reason", 3), "Timing", "non-hired"));
        archiveReasons.add(reason(LeverWorld.id("archive-reason", 4), "Hired", "hired"));
        int number = 0;
        for (String opportunity : interviewed) {
            var list = new CopyOnWriteArrayList<Map<String, Object>>();
            for (int i = 0; i < 3; i++) {
                list.add(interview(opportunity, number++, i));
            }
            interviews.put(opportunity, list);
            feedback.put(opportunity, list.stream().filter(one -> !((List<?>) one.get("feedbackForms")).isEmpty())
                    .map(LeverHiring::feedbackOn).toList());
        }
        offers.put(interviewed.get(0), List.of(offer(interviewed.get(0))));
    }

    void register(BiConsumer<String, Handler> get, BiConsumer<String, Handler> put) {
        // "List all stages", "Retrieve a single stage".
        get.accept("/v1/stages", ctx -> LeverReads.page(ctx, STAGES));
        get.accept("/v1/stages/{id}", ctx -> LeverReads.one(ctx, world, STAGES, ctx.pathParam("id"), "Stage"));
        // "List all archive reasons": type filters hired / non-hired.
        get.accept("/v1/archive_reasons", ctx -> LeverReads.page(ctx, archiveReasons.stream()
                .filter(reason -> ctx.queryParam("type") == null || ctx.queryParam("type").equals(reason.get("type")))
                .toList()));
        get.accept("/v1/archive_reasons/{id}", ctx -> LeverReads.one(ctx, world, archiveReasons, ctx.pathParam("id"),
                "Archive reason"));
        // "List all tags": {text, count}, counted over the opportunities that carry each.
        get.accept("/v1/tags", ctx -> LeverReads.page(ctx, tags()));
        // "List all interviews" and "Retrieve a single interview" of an opportunity.
        get.accept("/v1/opportunities/{id}/interviews", ctx -> {
            if (world.find(world.opportunities, ctx.pathParam("id")).isEmpty()) {
                Simulator.json(ctx, 404, LeverReads.error("ResourceNotFound", "Opportunity not found"));
            } else {
                LeverReads.page(ctx, List.copyOf(interviews.getOrDefault(ctx.pathParam("id"), List.of())));
            }
        });
        get.accept("/v1/opportunities/{id}/interviews/{interviewId}", ctx -> LeverReads.one(ctx, world,
                interviews.getOrDefault(ctx.pathParam("id"), List.of()), ctx.pathParam("interviewId"), "Interview"));
        // "List all feedback" and "List all offers" of an opportunity. The unified scorecards and
        // offers cannot reach them yet (their lists take no candidate_id; see the integration's
        // "unsupported"), but the world has them, as Lever's accounts do.
        get.accept("/v1/opportunities/{id}/feedback", ctx -> underOpportunity(ctx, feedback));
        get.accept("/v1/opportunities/{id}/offers", ctx -> underOpportunity(ctx, offers));
        put.accept("/v1/opportunities/{id}/stage", this::updateStage);
        put.accept("/v1/opportunities/{id}/archived", this::updateArchived);
    }

    private void underOpportunity(Context ctx, Map<String, List<Map<String, Object>>> items) {
        if (world.find(world.opportunities, ctx.pathParam("id")).isEmpty()) {
            Simulator.json(ctx, 404, LeverReads.error("ResourceNotFound", "Opportunity not found"));
        } else {
            LeverReads.page(ctx, List.copyOf(items.getOrDefault(ctx.pathParam("id"), List.of())));
        }
    }

    /** Tags in the order of their text; the text is all a tag is. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> tags() {
        var counts = new TreeMap<String, Integer>();
        for (var opportunity : world.opportunities) {
            for (String tag : (List<String>) opportunity.get("tags")) {
                counts.merge(tag, 1, Integer::sum);
            }
        }
        var tags = new ArrayList<Map<String, Object>>();
        counts.forEach((text, count) -> tags.add(Map.of("text", text, "count", count)));
        return tags;
    }

    /**
     * "Update opportunity stage": body {@code {"stage": id}}, perform_as optional; the answer is
     * {@code {"data": {opportunity}}}. The stage is recorded in stageChanges and lastAdvancedAt.
     */
    @SuppressWarnings("unchecked")
    private void updateStage(Context ctx) {
        var opportunity = opportunityOr404(ctx);
        if (opportunity == null || !performAsValid(ctx)) {
            return;
        }
        var body = Simulator.jsonObject(ctx).orElse(null);
        if (body == null || !(body.get("stage") instanceof String stage) || stage.isBlank()) {
            Simulator.json(ctx, 400, LeverReads.error("BadRequestError", "stage is required"));
            return;
        }
        if (STAGES.stream().noneMatch(known -> known.get("id").equals(stage))) {
            Simulator.json(ctx, 400, LeverReads.error("BadRequestError", "Invalid stage: " + stage + " does not exist"));
            return;
        }
        long now = System.currentTimeMillis();
        synchronized (opportunity) {
            opportunity.put("stage", stage);
            var changes = new ArrayList<Object>((List<Object>) opportunity.get("stageChanges"));
            changes.add(Map.of("toStageId", stage, "toStageIndex", STAGES.indexOf(STAGES.stream()
                    .filter(known -> known.get("id").equals(stage)).findFirst().orElseThrow()), "updatedAt", now,
                    "userId", String.valueOf(ctx.queryParam("perform_as"))));
            opportunity.put("stageChanges", changes);
            opportunity.put("lastAdvancedAt", now);
            opportunity.put("updatedAt", now);
        }
        stageMoves.incrementAndGet();
        answer(ctx, opportunity);
    }

    /**
     * "Update opportunity archived state": body {@code {"reason": id}} (cleanInterviews and
     * requisitionId optional); the answer is {@code {"data": {opportunity}}} with
     * {@code archived: {reason, archivedAt}}.
     */
    private void updateArchived(Context ctx) {
        var opportunity = opportunityOr404(ctx);
        if (opportunity == null || !performAsValid(ctx)) {
            return;
        }
        var body = Simulator.jsonObject(ctx).orElse(null);
        if (body == null || !(body.get("reason") instanceof String reason) || reason.isBlank()) {
            Simulator.json(ctx, 400, LeverReads.error("BadRequestError", "reason is required"));
            return;
        }
        if (world.find(archiveReasons, reason).isEmpty()) {
            Simulator.json(ctx, 400, LeverReads.error("BadRequestError",
                    "Invalid archive reason: " + reason + " does not exist"));
            return;
        }
        if (body.containsKey("cleanInterviews") && !(body.get("cleanInterviews") instanceof Boolean)) {
            Simulator.json(ctx, 400, LeverReads.error("BadRequestError", "cleanInterviews must be a boolean"));
            return;
        }
        long now = System.currentTimeMillis();
        synchronized (opportunity) {
            opportunity.put("archived", Map.of("reason", reason, "archivedAt", now));
            opportunity.put("updatedAt", now);
        }
        archivings.incrementAndGet();
        answer(ctx, opportunity);
    }

    private void answer(Context ctx, Map<String, Object> opportunity) {
        if (loseNextAnswer.getAndSet(false)) {
            // Carried out, but the caller never learns it: a test of reading the outcome back.
            ctx.status(502).contentType("text/html").result("<html><body>502 Bad Gateway</body></html>");
            return;
        }
        Simulator.json(ctx, 200, Map.of("data", opportunity));
    }

    private Map<String, Object> opportunityOr404(Context ctx) {
        var opportunity = world.find(world.opportunities, ctx.pathParam("id")).orElse(null);
        if (opportunity == null) {
            Simulator.json(ctx, 404, LeverReads.error("ResourceNotFound", "Opportunity not found"));
        }
        return opportunity;
    }

    private boolean performAsValid(Context ctx) {
        String performAs = ctx.queryParam("perform_as");
        if (performAs != null && !world.isUser(performAs)) {
            Simulator.json(ctx, 400, LeverReads.error("BadRequestError", "perform_as must be the id of an active user"));
            return false;
        }
        return true;
    }

    /** An interview as "Retrieve a single interview" shows one: date in epoch ms, duration in minutes. */
    private Map<String, Object> interview(String opportunityId, int number, int index) {
        String interviewer = (String) world.users.get(number % world.users.size()).get("id");
        var application = world.applications.get(opportunityId).get(0);
        long date = 1_767_949_200_000L + number * 86_400_000L; // from 2026-01-09T09:00:00Z, a day apart
        var interview = new LinkedHashMap<String, Object>();
        interview.put("id", LeverWorld.id("interview", number));
        interview.put("panel", LeverWorld.id("panel", number));
        interview.put("subject", (index == 0 ? "Phone screen" : "On-site interview") + " #" + (index + 1));
        interview.put("note", "Interview " + (index + 1));
        interview.put("interviewers", List.of(Map.of("id", interviewer, "email",
                world.users.get(number % world.users.size()).get("email"), "name",
                world.users.get(number % world.users.size()).get("name"))));
        interview.put("timezone", "America/Los_Angeles");
        interview.put("createdAt", date - 3 * 86_400_000L);
        interview.put("date", date);
        interview.put("duration", 45);
        interview.put("location", index == 0 ? "Phone" : "San Francisco office");
        interview.put("feedbackTemplate", LeverWorld.id("feedback-template", 0));
        interview.put("feedbackForms", index == 0 ? List.of(LeverWorld.id("feedback", number)) : List.of());
        interview.put("feedbackReminder", "frequently");
        interview.put("user", world.users.get(1 % world.users.size()).get("id"));
        interview.put("stage", STAGES.get(3 + Math.min(index, 1)).get("id"));
        interview.put("canceledAt", index == 2 ? date - 86_400_000L : null);
        interview.put("postings", List.of(application.get("posting")));
        interview.put("gcalEventUrl", null);
        return interview;
    }

    /**
     * The feedback form an interviewer submitted on an interview ("Feedback": type interview,
     * fields [{type, text, description, required, id, value}], interview, panel, user,
     * createdAt, completedAt). The rating field is a score-system field, as Lever's default
     * interview feedback form has.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> feedbackOn(Map<String, Object> interview) {
        var form = new LinkedHashMap<String, Object>();
        long completed = (Long) interview.get("date") + 2 * 3_600_000L;
        form.put("id", ((List<String>) interview.get("feedbackForms")).get(0));
        form.put("type", "interview");
        form.put("text", "Interview feedback");
        form.put("instructions", "Ask about past projects.");
        form.put("fields", List.of(
                Map.of("type", "score-system", "text", "Rating", "description", "", "required", true,
                        "id", "rating", "value", "3 - Hire"),
                Map.of("type", "textarea", "text", "Notes", "description", "What stood out", "required", false,
                        "id", "notes", "value", "Clear about trade-offs.")));
        form.put("baseTemplateId", interview.get("feedbackTemplate"));
        form.put("interview", interview.get("id"));
        form.put("panel", interview.get("panel"));
        form.put("user", ((List<Map<String, Object>>) interview.get("interviewers")).get(0).get("id"));
        form.put("createdAt", completed);
        form.put("completedAt", completed);
        form.put("updatedAt", completed);
        form.put("deletedAt", null);
        return form;
    }

    /** An offer ("Offers": posting, status, creator, fields [{text, identifier, value}], sentAt). */
    private Map<String, Object> offer(String opportunityId) {
        var application = world.applications.get(opportunityId).get(0);
        var offer = new LinkedHashMap<String, Object>();
        offer.put("id", LeverWorld.id("offer", 0));
        offer.put("posting", application.get("posting"));
        offer.put("createdAt", 1_768_300_000_000L);
        offer.put("status", "sent");
        offer.put("creator", world.users.get(1 % world.users.size()).get("id"));
        offer.put("fields", List.of(Map.of("text", "Anticipated start date", "identifier", "anticipated_start_date",
                "value", 1_770_000_000_000L), Map.of("text", "Salary", "identifier", "salary_amount", "value", 150000)));
        offer.put("sentAt", 1_768_310_000_000L);
        offer.put("approvedAt", 1_768_305_000_000L);
        offer.put("sentDocument", null);
        offer.put("signedDocument", null);
        return offer;
    }

    private static Map<String, Object> stage(String id, String text) {
        var stage = new LinkedHashMap<String, Object>();
        stage.put("id", id);
        stage.put("text", text);
        return java.util.Collections.unmodifiableMap(stage);
    }

    private static Map<String, Object> reason(String id, String text, String type) {
        var reason = new LinkedHashMap<String, Object>();
        reason.put("id", id);
        reason.put("text", text);
        reason.put("status", "active");
        reason.put("type", type);
        return reason;
    }
}
