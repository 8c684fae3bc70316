package dev.switchboard.sandbox;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The simulated Recruitee's two placement actions: a stage change and a disqualification.
 *
 * <p>Sources: {@code PATCH /c/{company_id}/placements/{id}/change_stage} with {@code {"stage_id"}}
 * and {@code PATCH /c/{company_id}/placements/{id}/disqualify} with
 * {@code {"disqualify_reason_id"}}, each answered {@code {"placement": {...}}} (a Recruitee
 * client built on the slates library, changeStage and disqualifyCandidate, which read the
 * answer's placement and cite apidocs.recruitee.com; the change_stage path and {@code stage_id}
 * body also in repository jnot807/recruitee-mcp, client.js). A disqualified placement carries
 * {@code disqualify_kind: "admin"} and the reason's name in {@code disqualify_reason} (a recorded
 * candidate list in a flaskats RecruiteeRepository test) and a {@code disqualified_at} (read by
 * both clients above).
 *
 * <p>Guesses, marked as such: a stage of another offer's pipeline and an unknown reason are
 * refused with a 422 in the {@code {"error": [...], "error_fields": {...}}} form Recruitee's
 * documented validation examples use (as the w6w Recruitee app's client describes them); disqualifying a
 * disqualified placement again is accepted and records the new reason, as no source says it is
 * refused.
 */
final class RecruiteePlacements {

    private static final DateTimeFormatter MICROS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final RecruiteeWorld world;
    private final AtomicInteger moves = new AtomicInteger();
    private final AtomicInteger disqualifications = new AtomicInteger();
    private final AtomicBoolean failNextAfterWriting = new AtomicBoolean();

    RecruiteePlacements(RecruiteeWorld world) {
        this.world = world;
    }

    int moves() {
        return moves.get();
    }

    int disqualifications() {
        return disqualifications.get();
    }

    /** The next action is carried out and then answered 500, as a provider failing mid-way does. */
    void failNextAfterWriting() {
        failNextAfterWriting.set(true);
    }

    /** The placement after an action: answered, or lost behind a 500 when a test asked for that. */
    private void answer(Context ctx, Map<String, Object> placement) {
        if (failNextAfterWriting.getAndSet(false)) {
            Simulator.json(ctx, 500, Map.of("error", "Internal server error"));
        } else {
            Simulator.json(ctx, 200, Map.of("placement", placement));
        }
    }

    void changeStage(Context ctx) {
        var placement = placement(ctx);
        if (placement == null) {
            return;
        }
        Long stageId = idIn(ctx, "stage_id");
        long offer = ((Number) placement.get("offer_id")).longValue();
        boolean ofThisOffer = stageId != null && RecruiteeWorld.stagesOf(offer).stream()
                .anyMatch(stage -> ((Number) stage.get("id")).longValue() == stageId);
        if (!ofThisOffer) {
            refuse(ctx, "stage_id", "Stage " + (stageId == null ? "is missing" : stageId + " is not a stage of this offer's pipeline"));
            return;
        }
        synchronized (placement) {
            placement.put("stage_id", stageId);
            placement.put("updated_at", MICROS.format(Instant.now()));
        }
        moves.incrementAndGet();
        answer(ctx, placement);
    }

    void disqualify(Context ctx) {
        var placement = placement(ctx);
        if (placement == null) {
            return;
        }
        Long reasonId = idIn(ctx, "disqualify_reason_id");
        var reason = reasonId == null ? null : RecruiteeLookups.reason(reasonId).orElse(null);
        if (reason == null) {
            refuse(ctx, "disqualify_reason_id", "Disqualify reason " + (reasonId == null ? "is missing" : reasonId + " does not exist"));
            return;
        }
        String now = MICROS.format(Instant.now());
        synchronized (placement) {
            placement.put("disqualify_kind", "admin");
            placement.put("disqualify_reason", reason.get("name"));
            placement.put("disqualified_at", now);
            placement.put("updated_at", now);
        }
        disqualifications.incrementAndGet();
        answer(ctx, placement);
    }

    /** The placement named in the path, or null after answering 404. */
    private Map<String, Object> placement(Context ctx) {
        String id = ctx.pathParam("id");
        var placement = RecruiteeSimulator.COMPANY_ID.equals(ctx.pathParam("company")) && id.matches("\\d{1,18}")
                ? world.placement(Long.parseLong(id)).orElse(null) : null;
        if (placement == null) {
            Simulator.json(ctx, 404, Map.of("error", List.of("Not found")));
        }
        return placement;
    }

    /** An integer id given in the JSON body (a number, or digits in a string, as Rails casts it). */
    private static Long idIn(Context ctx, String field) {
        Object value = Simulator.jsonObject(ctx).map(body -> body.get(field)).orElse(null);
        if (value instanceof Number number) {
            return number.longValue();
        }
        return value instanceof String text && text.matches("\\d{1,18}") ? Long.valueOf(text) : null;
    }

    private static void refuse(Context ctx, String field, String message) {
        Simulator.json(ctx, 422, Map.of("error", List.of(message), "error_fields", Map.of(field, List.of(message))));
    }
}
