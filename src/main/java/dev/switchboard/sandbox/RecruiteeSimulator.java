package dev.switchboard.sandbox;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A simulated Recruitee: every path under {@code /c/{company_id}}, a bearer token, integer
 * ids, microsecond timestamps, errors as {@code {"error": ...}} or {@code {"errors": [...]}}.
 *
 * <p>Sources: api.recruitee.com/docs/index.html, section "note" (the create body
 * {@code {"note": {"body", "visibility": {"level"}}}} and the answer {@code {"note": {...}}};
 * the list {@code {"notes": [...]}}, answered whole: no source confirms paging); Pipedream's
 * create-note action (PipedreamHQ/pipedream, components/recruitee/actions/create-note);
 * support.recruitee.com/en/articles/3771942-manage-visibility (public and private levels;
 * the default is public). The 422 {"errors": [...]} strings follow Rails' validation
 * messages, which is how clients that read strings see them.
 *
 * <p>The company's settings (departments, locations, tags, disqualify reasons) are in
 * {@link RecruiteeLookups}, the placement actions in {@link RecruiteePlacements}, a candidate's
 * files in {@link RecruiteeAttachments}; each names its sources.
 */
public final class RecruiteeSimulator {

    public static final String API_TOKEN = "sandbox-recruitee-token";
    public static final String COMPANY_ID = "73014";
    public static final String CANDIDATE_ID = "4107283";
    public static final String OTHER_CANDIDATE_ID = "4107284";
    static final long ADMIN_ID = 45;

    private static final Set<String> LEVELS = Set.of("public", "private");
    private static final DateTimeFormatter MICROS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final RecruiteeWorld world = new RecruiteeWorld(Long.parseLong(CANDIDATE_ID));
    private final NoteBook notes = new NoteBook();
    private final AtomicLong nextId = new AtomicLong(52_000_001);
    private final RecruiteeCandidates candidates = new RecruiteeCandidates(world, notes);
    private final RecruiteePlacements placements = new RecruiteePlacements(world);
    private final RecruiteeAttachments attachments =
            new RecruiteeAttachments(Long.parseLong(CANDIDATE_ID), Long.parseLong(OTHER_CANDIDATE_ID));

    public RecruiteeSimulator() {
        world.candidates().forEach(candidate -> notes.add(String.valueOf(candidate.get("id"))));
    }

    /** Adds a candidate with no notes yet, placed on the first job, for demos and tests that need many. */
    public void addCandidate(String id) {
        world.addWithId(Long.parseLong(id));
        notes.add(id);
    }

    /** Every candidate's id, newest first, as the candidate list gives them. */
    public List<String> candidateIds() {
        return world.candidates().stream().map(candidate -> String.valueOf(candidate.get("id"))).toList();
    }

    /** The jobs (offers) a candidate is placed on. */
    public List<String> offersOf(String candidateId) {
        return world.candidate(candidateId).map(candidate -> RecruiteeWorld.placements(candidate).stream()
                .map(placement -> String.valueOf(placement.get("offer_id"))).toList()).orElse(List.of());
    }

    /** The next candidate create is written and then answered 500: its outcome is unknown to the caller. */
    public void failNextCandidateCreateAfterWriting() {
        candidates.failNextAfterWriting();
    }

    /** How many candidates were created through the API. */
    public int createdCandidates() {
        return candidates.created();
    }

    public Javalin create() {
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.before(this::authenticate);
            config.routes.post("/c/{company}/candidates/{id}/notes", this::createNote);
            config.routes.get("/c/{company}/candidates/{id}/notes", this::listNotes);
            config.routes.get("/c/{company}/candidates", candidates::list);
            config.routes.post("/c/{company}/candidates", candidates::create);
            config.routes.get("/c/{company}/candidates/{id}", candidates::get);
            config.routes.get("/c/{company}/offers", candidates::offers);
            config.routes.get("/c/{company}/offers/{id}", candidates::offer);
            config.routes.get("/c/{company}/admins", candidates::admins);
            config.routes.get("/c/{company}/departments", RecruiteeLookups::departments);
            config.routes.get("/c/{company}/locations", RecruiteeLookups::locations);
            config.routes.get("/c/{company}/tags", RecruiteeLookups::tags);
            config.routes.get("/c/{company}/disqualify_reasons", RecruiteeLookups::disqualifyReasons);
            config.routes.patch("/c/{company}/placements/{id}/change_stage", placements::changeStage);
            config.routes.patch("/c/{company}/placements/{id}/disqualify", placements::disqualify);
            config.routes.get("/c/{company}/candidates/{id}/attachments",
                    ctx -> attachments.list(ctx, world.candidate(ctx.pathParam("id")).isPresent()));
            config.routes.get("/c/{company}/candidates/{id}/attachments/{file}/download", attachments::download);
        });
    }

    /** A candidate's placements (applications) as Recruitee holds them: id, offer_id, stage_id, disqualification. */
    public List<Map<String, Object>> placementsOf(String candidateId) {
        return world.candidate(candidateId).map(candidate -> RecruiteeWorld.placements(candidate).stream()
                .map(placement -> Map.copyOf(placement.entrySet().stream().filter(e -> e.getValue() != null)
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))))
                .toList()).orElse(List.of());
    }

    /** The ids of the company's departments, locations, tags and disqualify reasons, by the answer's key. */
    public Map<String, List<String>> settingIds() {
        return Map.of("departments", ids(RecruiteeLookups.DEPARTMENTS), "locations", ids(RecruiteeLookups.LOCATIONS),
                "tags", ids(RecruiteeLookups.TAGS), "disqualify_reasons", ids(RecruiteeLookups.DISQUALIFY_REASONS));
    }

    /** An offer's pipeline stages, id → name, in pipeline order. */
    public Map<String, String> stagesOf(String offerId) {
        var stages = new LinkedHashMap<String, String>();
        RecruiteeWorld.stagesOf(Long.parseLong(offerId))
                .forEach(stage -> stages.put(String.valueOf(stage.get("id")), (String) stage.get("name")));
        return stages;
    }

    /** The next stage change or disqualification is carried out and then answered 500: its outcome is unknown. */
    public void failNextPlacementActionAfterWriting() {
        placements.failNextAfterWriting();
    }

    /** How many stage changes and disqualifications Recruitee carried out. */
    public int placementMoves() {
        return placements.moves();
    }

    public int placementDisqualifications() {
        return placements.disqualifications();
    }

    /** The bytes of a simulated attachment, to compare a download with. */
    public java.util.Optional<java.io.InputStream> attachmentContent(String attachmentId) {
        return attachments.content(attachmentId);
    }

    public List<Map<String, Object>> notesOf(String candidateId) {
        return notes.copyOf(candidateId);
    }

    private static List<String> ids(List<Map<String, Object>> items) {
        return items.stream().map(item -> String.valueOf(item.get("id"))).toList();
    }

    private void authenticate(Context ctx) {
        if (!Simulator.bearer(ctx).map(API_TOKEN::equals).orElse(false)) {
            Simulator.json(ctx, 401, Map.of("error", "Unauthorized"));
            ctx.skipRemainingHandlers();
        }
    }

    @SuppressWarnings("unchecked")
    private void createNote(Context ctx) {
        List<Map<String, Object>> list = candidateNotes(ctx);
        if (list == null) {
            return;
        }
        var body = Simulator.jsonObject(ctx).orElse(null);
        if (body == null || !(body.get("note") instanceof Map<?, ?> noteParams)) {
            Simulator.json(ctx, 422, Map.of("errors", List.of("note is missing")));
            return;
        }
        var params = (Map<String, Object>) noteParams;
        if (!Simulator.isNonBlankString(params.get("body")) && params.get("body_json") == null) {
            Simulator.json(ctx, 422, Map.of("errors", List.of("Body can't be blank")));
            return;
        }
        String level = "public";
        if (params.get("visibility") instanceof Map<?, ?> visibility) {
            if (!(visibility.get("level") instanceof String given) || !LEVELS.contains(given)) {
                Simulator.json(ctx, 422, Map.of("errors", List.of("Visibility level is not included in the list")));
                return;
            }
            level = given;
        }
        String now = MICROS.format(Instant.now());
        var note = new LinkedHashMap<String, Object>();
        note.put("id", nextId.getAndIncrement());
        note.put("body", params.get("body"));
        note.put("admin_id", ADMIN_ID);
        note.put("candidate_id", Long.parseLong(ctx.pathParam("id")));
        note.put("created_at", now);
        note.put("updated_at", now);
        note.put("visibility", Map.of("level", level));
        note.put("pinned", false);
        list.add(note);
        Simulator.json(ctx, 201, Map.of("note", note));
    }

    private void listNotes(Context ctx) {
        List<Map<String, Object>> list = candidateNotes(ctx);
        if (list != null) {
            Simulator.json(ctx, 200, Map.of("notes", List.copyOf(list)));
        }
    }

    /** The candidate's notes, or null after answering 404 for another company or candidate. */
    private List<Map<String, Object>> candidateNotes(Context ctx) {
        List<Map<String, Object>> list = notes.of(ctx.pathParam("id")).orElse(null);
        if (!COMPANY_ID.equals(ctx.pathParam("company")) || list == null) {
            Simulator.json(ctx, 404, Map.of("error", "Not found"));
            return null;
        }
        return list;
    }
}
