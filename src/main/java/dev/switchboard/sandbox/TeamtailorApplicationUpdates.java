package dev.switchboard.sandbox;

import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code PATCH /v1/job-applications/{id}}: "Change a candidates's attributes/relationships"
 * (Teamtailor/docs, source/includes/job_applications/_update.md.erb). A move writes the stage
 * relation, a rejection {@code rejected-at} and the reject-reason relation
 * ({@code job_applications/_index.md.erb}); the answer is the updated application, 200.
 *
 * <p>The document is checked as JSON:API has it (jsonapi.org/format/#crud-updating): the
 * resource's type and id must be the endpoint's (409 otherwise), an unknown attribute or
 * relationship is refused. Guesses, marked, as Teamtailor quotes no refusal of its own: a stage of
 * another job, or a stage or reject reason that does not exist, is a 422 in the shape of the
 * documented notes errors ("{relation} - {problem}"); rejecting an already rejected application is
 * not refused (an update sets the values again); clearing rejected-at (null) un-rejects it.
 */
final class TeamtailorApplicationUpdates {

    /** job_applications/_index.md.erb: the writable attributes (the others are read only or create only). */
    private static final Set<String> ATTRIBUTES = Set.of("cover-letter", "rejected-at", "referring-url", "sourced");
    private static final Set<String> RELATIONSHIPS = Set.of("stage", "reject-reason");

    private final TeamtailorWorld world;
    private final AtomicInteger updates = new AtomicInteger();

    TeamtailorApplicationUpdates(TeamtailorWorld world) {
        this.world = world;
    }

    /** How many updates were applied, for tests that count provider writes. */
    int updates() {
        return updates.get();
    }

    @SuppressWarnings("unchecked")
    void update(Context ctx) {
        String contentType = ctx.header("Content-Type");
        if (contentType == null || !contentType.startsWith(TeamtailorSimulator.MEDIA_TYPE)) {
            TeamtailorSimulator.error(ctx, 415, "Unsupported media type", "Send " + TeamtailorSimulator.MEDIA_TYPE);
            return;
        }
        Optional<Long> id = TeamtailorWorld.number(ctx.pathParam("id"));
        if (id.isEmpty() || !world.exists("job-applications", id.get())) {
            TeamtailorSimulator.error(ctx, 404, "Record not found", "The record identified by " + ctx.pathParam("id")
                    + " could not be found.");
            return;
        }
        var document = Simulator.jsonObject(ctx).orElse(Map.of());
        if (!(document.get("data") instanceof Map<?, ?> data) || !"job-applications".equals(data.get("type"))) {
            TeamtailorSimulator.error(ctx, 400, "Bad request", "data must be a job-applications resource");
            return;
        }
        if (!String.valueOf(id.get()).equals(String.valueOf(data.get("id")))) {
            TeamtailorSimulator.error(ctx, 409, "Key is not included in URL",
                    "The URL does not include the key " + data.get("id"));
            return;
        }
        Map<String, Object> attributes = data.get("attributes") instanceof Map<?, ?> a ? (Map<String, Object>) a : Map.of();
        Map<String, Object> relationships = data.get("relationships") instanceof Map<?, ?> r
                ? (Map<String, Object>) r : Map.of();
        for (String name : attributes.keySet()) {
            if (!ATTRIBUTES.contains(name)) {
                TeamtailorSimulator.error(ctx, 400, "Param not allowed", name + " is not allowed.");
                return;
            }
        }
        for (String name : relationships.keySet()) {
            if (!RELATIONSHIPS.contains(name)) {
                TeamtailorSimulator.error(ctx, 400, "Param not allowed", name + " is not allowed.");
                return;
            }
        }
        long application = id.get();
        Optional<Long> stage = Optional.empty();
        if (relationships.containsKey("stage")) {
            Optional<Long> to = linkage(relationships.get("stage"), "stages");
            if (to.isEmpty() || !world.exists("stages", to.get())) {
                TeamtailorSimulator.error(ctx, 422, "must exist", "stage - must exist");
                return;
            }
            if (world.hiring().stage(to.get()).orElseThrow().job() != world.jobOf(application)) {
                TeamtailorSimulator.error(ctx, 422, "is invalid", "stage - must be a stage of the application's job "
                        + world.jobOf(application));
                return;
            }
            stage = to;
        }
        Optional<Optional<Long>> reason = Optional.empty();
        if (relationships.containsKey("reject-reason")) {
            Object linkage = relationships.get("reject-reason") instanceof Map<?, ?> r ? r.get("data") : "invalid";
            if (linkage == null) {
                reason = Optional.of(Optional.empty());
            } else {
                Optional<Long> to = linkage(relationships.get("reject-reason"), "reject-reasons");
                if (to.isEmpty() || !world.exists("reject-reasons", to.get())) {
                    TeamtailorSimulator.error(ctx, 422, "must exist", "reject-reason - must exist");
                    return;
                }
                reason = Optional.of(to);
            }
        }
        Optional<Optional<String>> rejectedAt = Optional.empty();
        if (attributes.containsKey("rejected-at")) {
            Object at = attributes.get("rejected-at");
            if (at != null && !(at instanceof String text && isTime(text))) {
                TeamtailorSimulator.error(ctx, 422, "is invalid", "rejected-at - is not a date");
                return;
            }
            rejectedAt = Optional.of(Optional.ofNullable((String) at));
        }
        synchronized (world) {
            world.updateApplication(application, stage, rejectedAt, reason);
            updates.incrementAndGet();
        }
        TeamtailorSimulator.document(ctx, 200, Map.of("data", world.resource("job-applications", application,
                TeamtailorSimulator.base(ctx), Set.of())));
    }

    /** A to-one linkage's id, of that type (jsonapi.org/format/#document-resource-identifier-objects). */
    private static Optional<Long> linkage(Object relationship, String type) {
        if (relationship instanceof Map<?, ?> r && r.get("data") instanceof Map<?, ?> data && type.equals(data.get("type"))) {
            Object id = data.get("id");
            return id instanceof Number number ? Optional.of(number.longValue()) : TeamtailorWorld.number(String.valueOf(id));
        }
        return Optional.empty();
    }

    private static boolean isTime(String text) {
        try {
            java.time.OffsetDateTime.parse(text);
            return true;
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }
}
