package dev.switchboard.sandbox;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A simulated Ashby: RPC-style POSTs, Basic auth with the key as user name, failures as
 * HTTP 200 with {@code success: false}, HTML notes reduced to the tags Ashby keeps, private
 * notes only for keys allowed to see private fields.
 *
 * <p>Sources: developers.ashbyhq.com/reference/candidatecreatenote (request fields
 * candidateId, note, sendNotifications, isPrivate, createdAt; the answer's results),
 * developers.ashbyhq.com/docs/responses (success/errorInfo), developers.ashbyhq.com/reference/authentication
 * (Basic with the key as user name; 401 without, 403 for a refused key), and
 * developers.ashbyhq.com/docs/pagination-and-incremental-sync (listNotes' cursor,
 * moreDataAvailable, nextCursor). The hiring lookups and application.changeStage are in
 * {@link AshbyHiring} (metadata in {@link AshbyLookups}, interviews, feedback and offers in
 * {@link AshbyInterviews}); candidate files, file.info and the storage host in {@link AshbyFiles}.
 */
public final class AshbySimulator {

    public static final String API_KEY = "sandbox-ashby-key";
    /**
     * A key without the permission "Allow access to non-offer private fields": it may not
     * write private notes, and Ashby does not list them to it (candidatecreatenote; listNotes).
     */
    public static final String PUBLIC_ONLY_KEY = "sandbox-ashby-key-public-only";
    public static final String CANDIDATE_ID = "5b7b2a3e-2d1c-4f5e-9a61-0c2f3b9d7e11";
    public static final String OTHER_CANDIDATE_ID = "9c3e1f20-6a4b-4d8c-b2e7-51f0a6c4d922";
    static final Map<String, Object> AUTHOR = Map.of("id", "3f0e6c1a-8b2d-4e7f-a9c5-d41b2e8f6a30",
            "firstName", "Ada", "lastName", "Lovelace", "email", "ada@example.com");

    private static final Set<String> KEPT_TAGS = Set.of("b", "i", "u", "a", "ul", "ol", "li", "code", "pre");
    private static final Pattern TAG = Pattern.compile("</?([a-zA-Z][a-zA-Z0-9]*)\\b[^>]*>");

    private final NoteBook notes = new NoteBook(CANDIDATE_ID, OTHER_CANDIDATE_ID);
    private final AshbyWorld world = new AshbyWorld(AUTHOR, CANDIDATE_ID, OTHER_CANDIDATE_ID);
    private final AshbyReads reads = new AshbyReads(world, notes);
    private final AshbyHiring hiring = new AshbyHiring(world, reads);
    private final AshbyFiles files = new AshbyFiles();

    {
        // Every candidate of the world can hold notes.
        world.candidates.forEach(candidate -> notes.add((String) candidate.get("id")));
        // The named candidates hold files: a PDF resume and a DOCX; the other one a large file instead.
        files.seed(world.find(world.candidates, CANDIDATE_ID).orElseThrow(), false);
        files.seed(world.find(world.candidates, OTHER_CANDIDATE_ID).orElseThrow(), true);
    }

    /** Successful application.changeStage calls so far. */
    public int stageChanges() {
        return hiring.moves();
    }

    /** Every interview plan's stages, by plan id, in order. */
    public Map<String, List<Map<String, Object>>> interviewPlans() {
        return Map.copyOf(world.plans);
    }

    public List<Map<String, Object>> departments() {
        return List.copyOf(hiring.lookups().departments);
    }

    public List<Map<String, Object>> locations() {
        return List.copyOf(hiring.lookups().locations);
    }

    public List<Map<String, Object>> tags() {
        return List.copyOf(hiring.lookups().tags);
    }

    public List<Map<String, Object>> archiveReasons() {
        return List.copyOf(hiring.lookups().archiveReasons);
    }

    public List<Map<String, Object>> interviewSchedules() {
        return List.copyOf(hiring.interviews().schedules);
    }

    public List<Map<String, Object>> feedback() {
        return List.copyOf(hiring.interviews().feedback);
    }

    public List<Map<String, Object>> offers() {
        return List.copyOf(hiring.interviews().offers);
    }

    /** Files received by candidate.uploadFile so far. */
    public int uploadedFiles() {
        return files.uploads();
    }

    /** A stored file's bytes as the storage host sends them (the large one generated as it is read). */
    public java.io.InputStream openFile(String fileId) {
        return files.file(fileId).orElseThrow().open();
    }


    /** Adds a candidate with no notes yet, for demos and tests that need many. */
    public void addCandidate(String id) {
        if (notes.of(id).isEmpty()) {
            world.addCandidate(id, "Added Candidate", List.of(), null, Instant.now());
        }
        notes.add(id);
    }

    /** Every candidate of the world, in the order candidate.list gives them. */
    public List<Map<String, Object>> candidates() {
        return List.copyOf(world.candidates);
    }

    /** Every application of the world, in the order application.list gives them. */
    public List<Map<String, Object>> applications() {
        return List.copyOf(world.applications);
    }

    public List<Map<String, Object>> users() {
        return List.copyOf(world.users);
    }

    public List<Map<String, Object>> jobs() {
        return List.copyOf(world.jobs);
    }

    public Javalin create() {
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.before(this::authenticate);
            config.routes.post("/candidate.createNote", this::createNote);
            config.routes.post("/candidate.listNotes", this::listNotes);
            config.routes.post("/apiKey.info", this::apiKeyInfo);
            reads.handlers().forEach(config.routes::post);
            hiring.handlers().forEach(config.routes::post);
            config.routes.post("/file.info", files::fileInfo);
            config.routes.post("/candidate.uploadFile", ctx -> files.uploadFile(ctx, id -> world.find(world.candidates, id)));
            config.routes.get("/storage/{file}", files::storage);
        });
    }

    /** Notes on a candidate, oldest first, as Ashby would list them. */
    public List<Map<String, Object>> notesOf(String candidateId) {
        return notes.copyOf(candidateId);
    }

    /** developers.ashbyhq.com/reference/apikeyinfo: the key's title and when it was made. */
    private void apiKeyInfo(Context ctx) {
        Simulator.json(ctx, 200, Map.of("success", true, "results",
                Map.of("title", "Sandbox key", "createdAt", "2026-01-15T09:30:00.000Z")));
    }

    private void authenticate(Context ctx) {
        if (ctx.path().startsWith("/storage/")) {
            return; // the storage host's links carry their own signature, not the API key (AshbyFiles)
        }
        var user = Simulator.basicUser(ctx);
        if (user.isEmpty()) {
            Simulator.json(ctx, 401, failure("unauthenticated", "Missing or malformed Authorization header"));
            ctx.skipRemainingHandlers();
        } else if (!user.get().equals(API_KEY) && !user.get().equals(PUBLIC_ONLY_KEY)) {
            Simulator.json(ctx, 403, failure("invalid_api_key", "The API key is invalid or deactivated"));
            ctx.skipRemainingHandlers();
        }
    }

    private void createNote(Context ctx) {
        var body = Simulator.jsonObject(ctx).orElse(null);
        if (body == null) {
            Simulator.json(ctx, 200, failure("invalid_input", "Request body must be a JSON object"));
            return;
        }
        Object candidateId = body.get("candidateId");
        String content = content(body.get("note"));
        if (!Simulator.isNonBlankString(candidateId)) {
            Simulator.json(ctx, 200, failure("invalid_input", "candidateId is required"));
        } else if (content == null) {
            Simulator.json(ctx, 200, failure("invalid_input",
                    "note must be a non-empty string or {type: \"text/html\", value}"));
        } else if (body.containsKey("sendNotifications") && !(body.get("sendNotifications") instanceof Boolean)) {
            Simulator.json(ctx, 200, failure("invalid_input", "sendNotifications must be a boolean"));
        } else if (body.containsKey("isPrivate") && !(body.get("isPrivate") instanceof Boolean)) {
            Simulator.json(ctx, 200, failure("invalid_input", "isPrivate must be a boolean"));
        } else if (body.containsKey("createdAt") && createdAt(body.get("createdAt")) == null) {
            Simulator.json(ctx, 200, failure("invalid_input", "createdAt must be an ISO 8601 date-time"));
        } else if (notes.of((String) candidateId).isEmpty()) {
            Simulator.json(ctx, 200, failure("candidate_not_found", "Candidate not found"));
        } else if (Boolean.TRUE.equals(body.get("isPrivate")) && !seesPrivate(ctx)) {
            // Guess: the docs name the permission, not the error a key without it gets.
            Simulator.json(ctx, 200, failure("missing_endpoint_permission",
                    "Creating private notes requires the permission to access non-offer private fields"));
        } else {
            var note = new LinkedHashMap<String, Object>();
            note.put("id", UUID.randomUUID().toString());
            Instant at = body.containsKey("createdAt") ? createdAt(body.get("createdAt")) : Instant.now();
            note.put("createdAt", at.truncatedTo(ChronoUnit.MILLIS).toString());
            note.put("isPrivate", Boolean.TRUE.equals(body.get("isPrivate")));
            note.put("content", content);
            note.put("author", AUTHOR);
            notes.of((String) candidateId).orElseThrow().add(note);
            Simulator.json(ctx, 200, Map.of("success", true, "results", note));
        }
    }

    private void listNotes(Context ctx) {
        var body = Simulator.jsonObject(ctx).orElse(Map.of());
        Object candidateId = body.get("candidateId");
        if (!Simulator.isNonBlankString(candidateId)) {
            Simulator.json(ctx, 200, failure("invalid_input", "candidateId is required"));
            return;
        }
        List<Map<String, Object>> all = notes.of((String) candidateId).orElse(null);
        if (all == null) {
            Simulator.json(ctx, 200, failure("candidate_not_found", "Candidate not found"));
            return;
        }
        if (!seesPrivate(ctx)) {
            all = all.stream().filter(note -> !Boolean.TRUE.equals(note.get("isPrivate"))).toList();
        }
        int limit = body.get("limit") instanceof Number n ? Math.max(1, Math.min(100, n.intValue())) : 100;
        int from = body.get("cursor") instanceof String cursor && cursor.matches("\\d+") ? Integer.parseInt(cursor) : 0;
        var page = new ArrayList<>(all.subList(Math.min(from, all.size()), Math.min(from + limit, all.size())));
        boolean more = from + limit < all.size();
        var result = new LinkedHashMap<String, Object>();
        result.put("success", true);
        result.put("results", page);
        result.put("moreDataAvailable", more);
        if (more) {
            result.put("nextCursor", String.valueOf(from + limit));
        }
        Simulator.json(ctx, 200, result);
    }

    private static boolean seesPrivate(Context ctx) {
        return Simulator.basicUser(ctx).map(API_KEY::equals).orElse(false);
    }

    static Instant createdAt(Object value) {
        try {
            return value instanceof String text ? java.time.OffsetDateTime.parse(text).toInstant() : null;
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** Plain text as given; HTML with only the tags Ashby keeps. */
    private static String content(Object note) {
        if (note instanceof String text) {
            return text.isBlank() ? null : text;
        }
        if (note instanceof Map<?, ?> html && "text/html".equals(html.get("type"))
                && html.get("value") instanceof String value && !value.isBlank()) {
            Matcher matcher = TAG.matcher(value);
            var kept = new StringBuilder();
            while (matcher.find()) {
                String tag = matcher.group(1).toLowerCase();
                matcher.appendReplacement(kept, KEPT_TAGS.contains(tag) ? Matcher.quoteReplacement(matcher.group()) : "");
            }
            matcher.appendTail(kept);
            return kept.toString();
        }
        return null;
    }

    static Map<String, Object> failure(String code, String message) {
        return Map.of("success", false, "errorInfo", Map.of("code", code, "message", message,
                "requestId", UUID.randomUUID().toString()));
    }
}
