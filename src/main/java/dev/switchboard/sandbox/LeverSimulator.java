package dev.switchboard.sandbox;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A simulated Lever under {@code /v1}: notes on opportunities, Basic auth with the API key
 * or an OAuth bearer token, epoch-millisecond timestamps, errors as {@code {code, message}}.
 * Its OAuth token endpoint ({@code /oauth/token}) issues expiring access tokens and
 * rotates refresh tokens, as Lever's does.
 *
 * <p>Sources: hire.lever.co/developer/documentation, sections "Create a note" (value
 * required, secret, score 1-4, notifyFollowers, createdAt not in the future, perform_as;
 * the answer {@code 201 {"data": {"noteId"}}}), "List all notes" (limit, offset, hasNext,
 * next; deletedAt on deleted notes), "Retrieve a single note", "Errors" (ResourceNotFound,
 * BadRequestError, UnauthorizedError) and "Authentication"; Nango's create-note template
 * (NangoHQ/integration-templates, integrations/lever/actions/create-note.ts), which reads a
 * whole note from the create answer: {@link #answerCreatesWithWholeNote} gives that shape.
 * The account's stages, archive reasons, tags, interviews, stage and archive updates are
 * {@link LeverHiring}'s; files on opportunities (list, download, upload) are {@link LeverFiles}'.
 */
public final class LeverSimulator {

    public static final String API_KEY = "sandbox-lever-key";
    /** Switchboard's OAuth client at the simulated Lever. */
    public static final String CLIENT_ID = "sandbox-lever-client";
    public static final String CLIENT_SECRET = "sandbox-lever-client-secret";
    public static final String OPPORTUNITY_ID = "250d8f03-738a-4bba-a671-8a3d73477145";
    public static final String OTHER_OPPORTUNITY_ID = "7a1c9e44-2f6b-4c0d-8e3a-96b5d2f1c078";
    public static final String KEY_OWNER = "8d49b010-cc6a-4f40-ace5-e86061c677ed";
    public static final String OTHER_USER = "1e6f4a27-95c3-4b8d-a0f2-3c7d8e9b5a64";

    /** Lever refuses notes dated in the future; a little clock skew is forgiven. */
    private static final long FUTURE_SKEW_MS = 60_000;

    /** A third user, so that the users list is more than the two note writers. */
    public static final String THIRD_USER = "5f2b8c91-0d4e-4a7b-9c36-e1f2a3b4c5d6";

    private final NoteBook notes = new NoteBook(OPPORTUNITY_ID, OTHER_OPPORTUNITY_ID);
    private final LeverWorld world = new LeverWorld(List.of(KEY_OWNER, OTHER_USER, THIRD_USER),
            OPPORTUNITY_ID, OTHER_OPPORTUNITY_ID);

    /** Stages, archive reasons, tags, interviews; stage moves and archiving. */
    private final LeverHiring hiring = new LeverHiring(world, List.of(OPPORTUNITY_ID, OTHER_OPPORTUNITY_ID));
    /** Files on opportunities: the named one holds a PDF, a DOCX and a large generated file. */
    private final LeverFiles files = new LeverFiles(world, OPPORTUNITY_ID);

    {
        // Every opportunity of the world can hold notes.
        world.opportunities.forEach(opportunity -> notes.add((String) opportunity.get("id")));
    }
    private final Map<String, Instant> accessTokens = new ConcurrentHashMap<>();
    private final Set<String> refreshTokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger refreshes = new AtomicInteger();
    /** Authorization codes given on consent: code → the redirect URI it was given for; single use. */
    private final Map<String, String> codes = new ConcurrentHashMap<>();
    private volatile Duration accessTokenLifetime = Duration.ofHours(1);
    private volatile boolean wholeNoteOnCreate;


    /** Adds a candidate with no notes yet, for demos and tests that need many. */
    public void addCandidate(String id) {
        if (notes.of(id).isEmpty()) {
            world.addOpportunity(id, Map.of("name", "Added Candidate"), KEY_OWNER, System.currentTimeMillis());
        }
        notes.add(id);
    }

    /** Every opportunity of the world, in the order "List all opportunities" gives them. */
    public List<Map<String, Object>> opportunities() {
        return List.copyOf(world.opportunities);
    }

    /** An opportunity's applications; none for an unknown opportunity. */
    public List<Map<String, Object>> applicationsOf(String opportunityId) {
        return List.copyOf(world.applications.getOrDefault(opportunityId, List.of()));
    }

    public List<Map<String, Object>> users() {
        return List.copyOf(world.users);
    }

    public List<Map<String, Object>> postings() {
        return List.copyOf(world.postings);
    }

    /** The account's stages, as "List all stages" gives them (the same for every posting). */
    public List<Map<String, Object>> stages() {
        return LeverHiring.STAGES;
    }

    /** Every archive reason, hired and non-hired. */
    public List<Map<String, Object>> archiveReasons() {
        return List.copyOf(hiring.archiveReasons);
    }

    /** The tags as "List all tags" gives them: {text, count}. */
    public List<Map<String, Object>> tags() {
        return hiring.tags();
    }

    public List<Map<String, Object>> interviewsOf(String opportunityId) {
        return List.copyOf(hiring.interviews.getOrDefault(opportunityId, List.of()));
    }

    /** How many stage updates the simulated Lever carried out. */
    public int stageMoves() {
        return hiring.stageMoves.get();
    }

    /** The next stage or archive update is carried out, but answered with a gateway's 502. */
    public void loseNextActionAnswer() {
        hiring.loseNextAnswer.set(true);
    }

    /** How many archive updates the simulated Lever carried out. */
    public int archivings() {
        return hiring.archivings.get();
    }

    /** An opportunity's files: their Lever fields (without downloadUrl, which names the host asked). */
    public List<Map<String, Object>> filesOf(String opportunityId) {
        return files.of(opportunityId).stream().map(LeverFiles.StoredFile::fields).toList();
    }

    /** A file's bytes, opened anew (the large one is generated as it is read). */
    public java.io.InputStream fileContent(String opportunityId, String fileId) {
        return files.of(opportunityId).stream().filter(file -> file.fields().get("id").equals(fileId))
                .findFirst().orElseThrow().open();
    }

    public Javalin create() {
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.before("/v1/*", this::authenticate);
            config.routes.post("/oauth/token", this::token);
            config.routes.get("/authorize", this::consentPage);
            config.routes.post("/authorize", this::consent);
            new LeverReads(world, notes).register(config.routes::get, config.routes::post);
            hiring.register(config.routes::get, config.routes::put);
            files.register(config.routes::get, config.routes::post);
            config.routes.post("/v1/opportunities/{id}/notes", this::createNote);
            config.routes.get("/v1/opportunities/{id}/notes", this::listNotes);
            config.routes.get("/v1/opportunities/{id}/notes/{noteId}", this::getNote);
            config.routes.delete("/v1/opportunities/{id}/notes/{noteId}", this::deleteNote);
        });
    }

    public List<Map<String, Object>> notesOf(String opportunityId) {
        return notes.copyOf(opportunityId);
    }

    /** Grants tokens as if an admin had just consented: {access_token, refresh_token, expires_at}. */
    public Map<String, Object> issueTokens() {
        String access = "lat_" + UUID.randomUUID();
        String refresh = "lrt_" + UUID.randomUUID();
        Instant expiresAt = Instant.now().plus(accessTokenLifetime);
        accessTokens.put(access, expiresAt);
        refreshTokens.add(refresh);
        return Map.of("access_token", access, "refresh_token", refresh, "expires_at", expiresAt.toString());
    }

    /** Ends the life of every access token now, as an hour passing would. */
    public void expireAccessTokens() {
        accessTokens.replaceAll((token, expiry) -> Instant.now().minusSeconds(1));
    }

    /**
     * Answers creates with the whole note, as Nango's template expects, instead of the
     * documented {@code {"data": {"noteId"}}}. The sources disagree; Switchboard reads both.
     */
    public void answerCreatesWithWholeNote(boolean whole) {
        wholeNoteOnCreate = whole;
    }

    public void setAccessTokenLifetime(Duration lifetime) {
        accessTokenLifetime = lifetime;
    }

    /** How many refresh grants the token endpoint has honoured. */
    public int refreshCount() {
        return refreshes.get();
    }

    /**
     * Lever's consent step (hire.lever.co/developer/documentation#authentication: /authorize
     * with client_id, redirect_uri, state, response_type=code, scope, audience, prompt),
     * simulated: a page on which the person allows or denies the app.
     */
    private void consentPage(Context ctx) {
        if (!CLIENT_ID.equals(ctx.queryParam("client_id")) || !"code".equals(ctx.queryParam("response_type"))
                || ctx.queryParam("redirect_uri") == null || ctx.queryParam("state") == null) {
            ctx.status(400).contentType("text/plain; charset=utf-8").result("invalid_request: client_id, "
                    + "response_type=code, redirect_uri and state are required");
            return;
        }
        String hidden = "<input type=\"hidden\" name=\"redirect_uri\" value=\"" + escape(ctx.queryParam("redirect_uri"))
                + "\"><input type=\"hidden\" name=\"state\" value=\"" + escape(ctx.queryParam("state")) + "\">";
        ctx.contentType("text/html; charset=utf-8").result("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Lever (simulated): authorize</title></head><body><main><h1>Lever (simulated)</h1>"
                + "<p>Allow Switchboard to read opportunities and write notes as you?</p>"
                + "<p>Scopes: " + escape(String.valueOf(ctx.queryParam("scope"))) + "</p>"
                + "<form method=\"post\" action=\"/authorize\">" + hidden
                + "<button type=\"submit\" name=\"decision\" value=\"allow\" id=\"allow\">Allow</button> "
                + "<button type=\"submit\" name=\"decision\" value=\"deny\" id=\"deny\">Deny</button>"
                + "</form></main></body></html>");
    }

    /** After consent: back to the app with a code, or with error=access_denied (RFC 6749 §4.1.2). */
    private void consent(Context ctx) {
        String redirect = ctx.formParam("redirect_uri");
        String state = java.net.URLEncoder.encode(String.valueOf(ctx.formParam("state")), StandardCharsets.UTF_8);
        String separator = redirect.contains("?") ? "&" : "?";
        if (!"allow".equals(ctx.formParam("decision"))) {
            ctx.redirect(redirect + separator + "error=access_denied&state=" + state);
            return;
        }
        String code = "code_" + UUID.randomUUID();
        codes.put(code, redirect);
        ctx.redirect(redirect + separator + "code=" + code + "&state=" + state);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private void token(Context ctx) {
        if (!CLIENT_ID.equals(ctx.formParam("client_id")) || !CLIENT_SECRET.equals(ctx.formParam("client_secret"))) {
            Simulator.json(ctx, 401, Map.of("error", "invalid_client", "error_description", "Unknown client"));
            return;
        }
        if ("authorization_code".equals(ctx.formParam("grant_type"))) {
            String redirect = codes.remove(String.valueOf(ctx.formParam("code")));
            if (redirect == null || !redirect.equals(ctx.formParam("redirect_uri"))) {
                Simulator.json(ctx, 400, Map.of("error", "invalid_grant",
                        "error_description", "Unknown or used code, or another redirect_uri"));
                return;
            }
            Map<String, Object> tokens = issueTokens();
            Simulator.json(ctx, 200, Map.of("access_token", tokens.get("access_token"),
                    "refresh_token", tokens.get("refresh_token"), "token_type", "Bearer",
                    "expires_in", accessTokenLifetime.toSeconds(), "scope", "notes:read:admin notes:write:admin offline_access"));
            return;
        }
        if (!"refresh_token".equals(ctx.formParam("grant_type"))) {
            Simulator.json(ctx, 400, Map.of("error", "unsupported_grant_type"));
            return;
        }
        String refresh = ctx.formParam("refresh_token");
        // Refresh tokens rotate: each one is good for a single use.
        if (refresh == null || !refreshTokens.remove(refresh)) {
            Simulator.json(ctx, 400, Map.of("error", "invalid_grant",
                    "error_description", "Unknown or already used refresh token"));
            return;
        }
        refreshes.incrementAndGet();
        Map<String, Object> tokens = issueTokens();
        Simulator.json(ctx, 200, Map.of("access_token", tokens.get("access_token"),
                "refresh_token", tokens.get("refresh_token"), "token_type", "Bearer",
                "expires_in", accessTokenLifetime.toSeconds(), "scope", "notes:read:admin notes:write:admin offline_access"));
    }

    private void authenticate(Context ctx) {
        boolean keyOk = Simulator.basicUser(ctx).map(API_KEY::equals).orElse(false);
        boolean tokenOk = Simulator.bearer(ctx).map(accessTokens::get)
                .map(expiry -> expiry.isAfter(Instant.now())).orElse(false);
        if (!keyOk && !tokenOk) {
            Simulator.json(ctx, 401, error("UnauthorizedError", "Invalid API key or access token"));
            ctx.skipRemainingHandlers();
        }
    }

    private void createNote(Context ctx) {
        List<Map<String, Object>> list = notes.of(ctx.pathParam("id")).orElse(null);
        if (list == null) {
            Simulator.json(ctx, 404, error("ResourceNotFound", "Opportunity not found"));
            return;
        }
        String performAs = ctx.queryParam("perform_as");
        if (performAs != null && !world.isUser(performAs)) {
            Simulator.json(ctx, 400, error("BadRequestError", "perform_as must be the id of an active user"));
            return;
        }
        var body = Simulator.jsonObject(ctx).orElse(null);
        String problem = body == null ? "Request body must be a JSON object" : problem(body);
        if (problem != null) {
            Simulator.json(ctx, 400, error("BadRequestError", problem));
            return;
        }
        long now = System.currentTimeMillis();
        long createdAt = body.get("createdAt") instanceof Number n ? n.longValue() : now;
        String user = performAs == null ? KEY_OWNER : performAs;
        String noteId = UUID.randomUUID().toString();
        var field = new LinkedHashMap<String, Object>();
        field.put("type", "note");
        field.put("text", "Comment");
        field.put("value", body.get("value"));
        field.put("createdAt", createdAt);
        field.put("score", body.get("score"));
        field.put("user", user);
        field.put("stage", "lead-new");
        var note = new LinkedHashMap<String, Object>();
        note.put("id", noteId);
        note.put("noteId", noteId);
        note.put("text", "Note");
        note.put("fields", List.of(field));
        note.put("user", user);
        note.put("secret", Boolean.TRUE.equals(body.get("secret")));
        note.put("completedAt", createdAt);
        note.put("createdAt", createdAt);
        note.put("deletedAt", null);
        list.add(note);
        Simulator.json(ctx, 201, Map.of("data", wholeNoteOnCreate ? note : Map.of("noteId", noteId)));
    }

    private static String problem(Map<String, Object> body) {
        if (!Simulator.isNonBlankString(body.get("value"))) {
            return "value is required and must be a non-empty string";
        }
        for (String flag : List.of("secret", "notifyFollowers")) {
            if (body.containsKey(flag) && !(body.get(flag) instanceof Boolean)) {
                return flag + " must be a boolean";
            }
        }
        Object score = body.get("score");
        if (score != null && !(score instanceof Integer s && s >= 1 && s <= 4)) {
            return "score must be an integer from 1 to 4";
        }
        if (body.containsKey("createdAt")) {
            if (!(body.get("createdAt") instanceof Integer || body.get("createdAt") instanceof Long)) {
                return "createdAt must be a timestamp in milliseconds";
            }
            if (((Number) body.get("createdAt")).longValue() > System.currentTimeMillis() + FUTURE_SKEW_MS) {
                return "createdAt cannot be in the future";
            }
        }
        return null;
    }

    private void listNotes(Context ctx) {
        List<Map<String, Object>> list = notes.of(ctx.pathParam("id")).orElse(null);
        if (list == null) {
            Simulator.json(ctx, 404, error("ResourceNotFound", "Opportunity not found"));
            return;
        }
        int limit = parse(ctx.queryParam("limit"), 100, 1, 100);
        var all = new ArrayList<>(list);
        int from = LeverPageTokens.start(all, ctx.queryParam("offset"));
        if (from < 0) {
            Simulator.json(ctx, 400, error("BadRequestError", "Invalid offset"));
            return;
        }
        var page = all.subList(Math.min(from, all.size()), Math.min(from + limit, all.size()));
        boolean hasNext = from + limit < all.size();
        var result = new LinkedHashMap<String, Object>();
        result.put("data", page);
        result.put("hasNext", hasNext);
        if (hasNext) {
            result.put("next", LeverPageTokens.after(page.get(page.size() - 1)));
        }
        Simulator.json(ctx, 200, result);
    }

    private void getNote(Context ctx) {
        findNote(ctx).ifPresentOrElse(note -> Simulator.json(ctx, 200, Map.of("data", note)),
                () -> Simulator.json(ctx, 404, error("ResourceNotFound", "Note not found")));
    }

    private void deleteNote(Context ctx) {
        var note = findNote(ctx);
        if (note.isEmpty()) {
            Simulator.json(ctx, 404, error("ResourceNotFound", "Note not found"));
            return;
        }
        // A deleted note stays listed with deletedAt set (the docs' "List all notes").
        note.get().put("deletedAt", System.currentTimeMillis());
        ctx.status(204);
    }

    private java.util.Optional<Map<String, Object>> findNote(Context ctx) {
        return notes.of(ctx.pathParam("id")).orElse(List.of()).stream()
                .filter(note -> note.get("id").equals(ctx.pathParam("noteId"))).findFirst();
    }

    private static int parse(String value, int fallback, int min, int max) {
        if (value == null || !value.matches("\\d{1,9}")) {
            return fallback;
        }
        return Math.max(min, Math.min(max, Integer.parseInt(value)));
    }

    private static Map<String, Object> error(String code, String message) {
        return Map.of("code", code, "message", message);
    }
}
