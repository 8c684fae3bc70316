package dev.switchboard.sandbox;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The simulated Ashby's hiring endpoints: the lookups (department, location, candidate tag,
 * archive reason, interview plan and stage, interview schedule, feedback, offer) and
 * application.changeStage, which moves an application and, to an Archived stage, rejects it.
 *
 * <p>Request bodies and filters follow Ashby's published OpenAPI description (stored copy:
 * api-evangelist/ashby, openapi/ashby-*-api-openapi.yml). Paged lists page as the core lists do
 * (developers.ashbyhq.com/docs/pagination-and-incremental-sync); archiveReason.list and
 * jobInterviewPlan.info do not page. changeStage's refusals use the error codes its reference
 * lists (invalid_input, application_not_found, interview_stage_not_found,
 * archive_reason_not_found, communication_template_not_found), answered as HTTP 200 with
 * success false, and both the errors array of that reference and the errorInfo of
 * developers.ashbyhq.com/docs/responses.
 */
final class AshbyHiring {

    private final AshbyWorld world;
    private final AshbyReads reads;
    private final AshbyLookups lookups = new AshbyLookups();
    private final AshbyInterviews interviews;
    /** application.changeStage calls that moved an application: a replayed write must not add one. */
    private final AtomicInteger moves = new AtomicInteger();

    AshbyHiring(AshbyWorld world, AshbyReads reads) {
        this.world = world;
        this.reads = reads;
        this.interviews = new AshbyInterviews(world);
    }

    int moves() {
        return moves.get();
    }

    AshbyLookups lookups() {
        return lookups;
    }

    AshbyInterviews interviews() {
        return interviews;
    }

    Map<String, Handler> handlers() {
        var handlers = new LinkedHashMap<String, Handler>();
        // department.list: archived departments only with includeArchived (OpenAPI: /department.list).
        handlers.put("/department.list", ctx -> reads.list(ctx, lookups.departments, body -> item ->
                Boolean.TRUE.equals(body.get("includeArchived")) || !Boolean.TRUE.equals(item.get("isArchived"))));
        handlers.put("/department.info", ctx -> reads.info(ctx, lookups.departments, "departmentId", "department_not_found"));
        // location.list: "Regions are not returned" unless includeLocationHierarchy (OpenAPI: /location.list).
        handlers.put("/location.list", ctx -> reads.list(ctx, lookups.locations, body -> item ->
                (Boolean.TRUE.equals(body.get("includeLocationHierarchy")) || "Location".equals(item.get("type")))
                        && (Boolean.TRUE.equals(body.get("includeArchived")) || !Boolean.TRUE.equals(item.get("isArchived")))));
        handlers.put("/location.info", ctx -> reads.info(ctx, lookups.locations, "locationId", "location_not_found"));
        handlers.put("/candidateTag.list", ctx -> reads.list(ctx, lookups.tags, body -> item ->
                Boolean.TRUE.equals(body.get("includeArchived")) || !Boolean.TRUE.equals(item.get("isArchived"))));
        handlers.put("/archiveReason.list", this::archiveReasons);
        handlers.put("/jobInterviewPlan.info", this::jobInterviewPlan);
        handlers.put("/interviewStage.info", this::interviewStage);
        // interviewSchedule.list: applicationId and interviewStageId narrow it (OpenAPI: /interviewSchedule.list).
        handlers.put("/interviewSchedule.list", ctx -> reads.list(ctx, interviews.schedules, body -> item ->
                matches(body, "applicationId", item) && matches(body, "interviewStageId", item)));
        handlers.put("/applicationFeedback.list", ctx -> reads.list(ctx, interviews.feedback, body -> item ->
                matches(body, "applicationId", item)));
        handlers.put("/offer.list", ctx -> reads.list(ctx, interviews.offers, body -> item ->
                matches(body, "applicationId", item)));
        handlers.put("/application.changeStage", this::changeStage);
        return handlers;
    }

    private static boolean matches(Map<String, Object> body, String key, Map<String, Object> item) {
        return body.get(key) == null || body.get(key).equals(item.get(key));
    }

    /** archiveReason.list: {includeArchived?}, every reason in one answer (OpenAPI: /archiveReason.list). */
    private void archiveReasons(Context ctx) {
        var body = Simulator.jsonObject(ctx).orElse(Map.of());
        boolean archived = Boolean.TRUE.equals(body.get("includeArchived"));
        Simulator.json(ctx, 200, Map.of("success", true, "results", lookups.archiveReasons.stream()
                .filter(reason -> archived || !Boolean.TRUE.equals(reason.get("isArchived"))).toList()));
    }

    /** jobInterviewPlan.info: {jobId} → {jobId, interviewPlanId, stages[]} (OpenAPI: /jobInterviewPlan.info). */
    private void jobInterviewPlan(Context ctx) {
        var body = Simulator.jsonObject(ctx).orElse(Map.of());
        if (!Simulator.isNonBlankString(body.get("jobId"))) {
            Simulator.json(ctx, 200, AshbySimulator.failure("invalid_input", "jobId is required"));
            return;
        }
        world.find(world.jobs, (String) body.get("jobId")).ifPresentOrElse(job -> {
            String planId = (String) job.get("defaultInterviewPlanId");
            var stages = world.stagesOf(planId).stream().map(stage -> {
                var withActivities = new LinkedHashMap<String, Object>(stage);
                withActivities.remove("interviewPlanId");
                withActivities.put("activities", List.of());
                return withActivities;
            }).toList();
            Simulator.json(ctx, 200, Map.of("success", true, "results",
                    Map.of("jobId", job.get("id"), "interviewPlanId", planId, "stages", stages)));
        }, () -> Simulator.json(ctx, 200, AshbySimulator.failure("job_not_found", "Job not found"))); // guess: code
    }

    /** interviewStage.info: {interviewStageId} → the stage with its interviewPlanId (OpenAPI: /interviewStage.info). */
    private void interviewStage(Context ctx) {
        var body = Simulator.jsonObject(ctx).orElse(Map.of());
        if (!Simulator.isNonBlankString(body.get("interviewStageId"))) {
            Simulator.json(ctx, 200, AshbySimulator.failure("invalid_input", "interviewStageId is required"));
            return;
        }
        world.plans.values().stream().flatMap(List::stream)
                .filter(stage -> stage.get("id").equals(body.get("interviewStageId"))).findFirst()
                .ifPresentOrElse(stage -> Simulator.json(ctx, 200, Map.of("success", true, "results", stage)),
                        () -> Simulator.json(ctx, 200, refusal("interview_stage_not_found", "Interview stage not found")));
    }

    /**
     * application.changeStage: {applicationId, interviewStageId, archiveReasonId?, archiveEmail?}
     * (OpenAPI: /application.changeStage). The stage must be on the application's interview plan;
     * an Archived stage needs an archive reason, other stages take no archive fields. Moving an
     * archived application to Archived again is not refused (the reference only says the email
     * is then not sent).
     */
    private void changeStage(Context ctx) {
        var body = Simulator.jsonObject(ctx).orElse(null);
        if (body == null) {
            Simulator.json(ctx, 200, refusal("invalid_input", "Request body must be a JSON object"));
            return;
        }
        for (String field : List.of("applicationId", "interviewStageId")) {
            if (!Simulator.isNonBlankString(body.get(field))) {
                Simulator.json(ctx, 200, refusal("invalid_input", field + " is required"));
                return;
            }
        }
        var application = world.find(world.applications, (String) body.get("applicationId")).orElse(null);
        if (application == null) {
            Simulator.json(ctx, 200, refusal("application_not_found", "Application not found"));
            return;
        }
        synchronized (application) {
            String planId = (String) ((Map<?, ?>) application.get("currentInterviewStage")).get("interviewPlanId");
            // Guess: a stage of another plan is answered as not found; the reference lists the code, not the case.
            var stage = world.stagesOf(planId).stream().filter(one -> one.get("id").equals(body.get("interviewStageId")))
                    .findFirst().orElse(null);
            if (stage == null) {
                Simulator.json(ctx, 200, refusal("interview_stage_not_found",
                        "Interview stage " + body.get("interviewStageId") + " is not on the application's interview plan"));
                return;
            }
            boolean archiving = "Archived".equals(stage.get("type"));
            Object reasonId = body.get("archiveReasonId");
            Object email = body.get("archiveEmail");
            if (!archiving && (reasonId != null || email != null)) {
                Simulator.json(ctx, 200, refusal("invalid_input", "Archive fields are not allowed for non-archive stages"));
                return;
            }
            if (archiving && reasonId == null) {
                Simulator.json(ctx, 200, refusal("invalid_input", "Archive reason ID is required for archive stages"));
                return;
            }
            var reason = archiving ? lookups.reason(String.valueOf(reasonId)).orElse(null) : null;
            if (archiving && reason == null) {
                Simulator.json(ctx, 200, refusal("archive_reason_not_found", "Archive reason " + reasonId + " not found"));
                return;
            }
            if (email != null && !(email instanceof Map<?, ?> given
                    && lookups.emailTemplates.contains(given.get("communicationTemplateId")))) {
                Simulator.json(ctx, 200, refusal("communication_template_not_found", "Communication template not found"));
                return;
            }
            String now = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
            application.put("currentInterviewStage", stage);
            application.put("status", archiving ? "Archived" : "Hired".equals(stage.get("type")) ? "Hired" : "Active");
            application.put("archiveReason", archiving ? reason : null);
            application.put("archivedAt", archiving ? now : null);
            application.put("updatedAt", now);
            moves.incrementAndGet();
            Simulator.json(ctx, 200, Map.of("success", true, "results", application));
        }
    }

    /** A refusal in both documented forms: the errors array and errorInfo. */
    static Map<String, Object> refusal(String code, String message) {
        var failure = new LinkedHashMap<String, Object>(AshbySimulator.failure(code, message));
        failure.put("errors", List.of(code));
        return failure;
    }
}
