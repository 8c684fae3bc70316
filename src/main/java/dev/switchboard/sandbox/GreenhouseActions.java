package dev.switchboard.sandbox;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The simulated Greenhouse's application actions: {@code POST /v3/applications/{id}/move} and
 * {@code POST /v3/applications/{id}/reject}, each answering 204 No Content and changing what a
 * later read of the application shows.
 *
 * <p>Sources: harvestdocs.greenhouse.io/reference/post_v3-applications-id-move ("from_stage_id is
 * required and must match the candidate's current stage — it acts as a guard against stale move
 * requests"; to_stage_id within the job, or to_job_id; email_from_user_id; 204, 422) and
 * /reference/post_v3-applications-id-reject (rejection_reason_id required; notes; rejection_email;
 * custom_fields; 204, 422); v1's rules that only an active application can be moved or rejected,
 * and moved only between stages of its own job (grnhse/greenhouse-api-docs,
 * {@code source/includes/harvest/_applications.md}, "Move Application (Same Job)", "Reject
 * Application": rejection_email {send_email_at, email_template_id}, the template "Yes, if sending
 * rejection_email"). Guesses: the 422's body is v3's {@code errors} list
 * ({@code {"errors": [{"field", "message"}]}}), an unknown application is a 404 with a message, and
 * an unknown body attribute is a 422.
 */
final class GreenhouseActions {

    private static final Set<String> MOVE_FIELDS = Set.of("from_stage_id", "to_stage_id", "to_job_id", "email_from_user_id");
    private static final Set<String> REJECT_FIELDS = Set.of("rejection_reason_id", "notes", "rejection_email", "custom_fields");

    private final GreenhouseWorld world;
    private final AtomicInteger moves = new AtomicInteger();
    private final AtomicInteger rejections = new AtomicInteger();

    GreenhouseActions(GreenhouseWorld world) {
        this.world = world;
    }

    int moves() {
        return moves.get();
    }

    int rejections() {
        return rejections.get();
    }

    void move(Context ctx) {
        var request = read(ctx, MOVE_FIELDS);
        if (request.isEmpty()) {
            return;
        }
        var body = request.get().body();
        var application = request.get().application();
        long id = ((Number) application.get("id")).longValue();
        synchronized (world) {
            var current = world.application(id).orElseThrow();
            if (!"active".equals(current.get("status"))) {
                refuse(ctx, "application", "Only active applications can be moved; this one is " + current.get("status"));
                return;
            }
            long at = ((Number) ((Map<?, ?>) current.get("current_stage")).get("id")).longValue();
            if (!(body.get("from_stage_id") instanceof Number from)) {
                refuse(ctx, "from_stage_id", "from_stage_id is required");
                return;
            }
            if (from.longValue() != at) {
                refuse(ctx, "from_stage_id", "from_stage_id " + from + " is not the application's current stage");
                return;
            }
            if (body.containsKey("to_job_id")) {
                refuse(ctx, "to_job_id", "moving to another job is not simulated");
                return;
            }
            Optional<Map<String, Object>> to = body.get("to_stage_id") instanceof Number number
                    ? world.stage(number.longValue()) : Optional.empty();
            if (to.isEmpty() || !String.valueOf(to.get().get("job_id")).equals(String.valueOf(current.get("job_id")))) {
                refuse(ctx, "to_stage_id", "to_stage_id " + body.get("to_stage_id")
                        + " is not a stage of the application's job " + current.get("job_id"));
                return;
            }
            world.change(id, Map.of("current_stage", Map.of("id", to.get().get("id"), "name", to.get().get("name"))));
            moves.incrementAndGet();
        }
        ctx.status(204);
    }

    void reject(Context ctx) {
        var request = read(ctx, REJECT_FIELDS);
        if (request.isEmpty()) {
            return;
        }
        var body = request.get().body();
        long id = ((Number) request.get().application().get("id")).longValue();
        Optional<Map<String, Object>> reason = body.get("rejection_reason_id") instanceof Number number
                ? world.reason(number.longValue()) : Optional.empty();
        if (reason.isEmpty()) {
            refuse(ctx, "rejection_reason_id", "rejection_reason_id " + body.get("rejection_reason_id")
                    + " is not a rejection reason of this organization");
            return;
        }
        if (body.containsKey("notes") && !(body.get("notes") instanceof String)) {
            refuse(ctx, "notes", "notes must be a string");
            return;
        }
        if (body.containsKey("rejection_email") && !(body.get("rejection_email") instanceof Map<?, ?> email
                && email.get("email_template_id") instanceof Number)) {
            refuse(ctx, "rejection_email", "rejection_email needs an email_template_id");
            return;
        }
        synchronized (world) {
            var current = world.application(id).orElseThrow();
            if (!"active".equals(current.get("status"))) {
                refuse(ctx, "application", "Only active applications can be rejected; this one is " + current.get("status"));
                return;
            }
            var fields = new LinkedHashMap<String, Object>();
            fields.put("status", "rejected");
            fields.put("rejected_at", GreenhouseWorld.now());
            fields.put("rejection_reason", reason.get());
            world.change(id, fields);
            rejections.incrementAndGet();
        }
        ctx.status(204);
    }

    private record Request(Map<String, Object> body, Map<String, Object> application) {
    }

    /** The body and the application in the path, or the refusal already answered. */
    private Optional<Request> read(Context ctx, Set<String> known) {
        Optional<Map<String, Object>> application;
        try {
            application = world.application(Long.parseLong(ctx.pathParam("id")));
        } catch (NumberFormatException e) {
            application = Optional.empty();
        }
        if (application.isEmpty()) {
            Simulator.json(ctx, 404, Map.of("message", "Resource not found"));
            return Optional.empty();
        }
        var body = Simulator.jsonObject(ctx).orElse(null);
        if (body == null) {
            refuse(ctx, "body", "The body must be a JSON object");
            return Optional.empty();
        }
        for (String key : body.keySet()) {
            if (!known.contains(key)) {
                refuse(ctx, key, key + " is not a known attribute");
                return Optional.empty();
            }
        }
        return Optional.of(new Request(body, application.get()));
    }

    private static void refuse(Context ctx, String field, String message) {
        Simulator.json(ctx, 422, Map.of("errors", List.of(Map.of("field", field, "message", message))));
    }
}
