package dev.switchboard.sandbox;

import dev.switchboard.mapping.Json;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A simulated Teamtailor, under {@code /v1}: JSON:API documents with dasherized attribute
 * names, {@code Authorization: Token token=…}, a required {@code X-Api-Version}, notes
 * written with {@code POST /notes}, and activities listed by page number.
 *
 * <p>Sources, all in the repository Teamtailor/docs: {@code source/includes/_auth.md.erb}
 * (the Token header), {@code _versioning.md.erb} (X-Api-Version is required),
 * {@code _pagination.md.erb} ({@code page[size]} default 10, max 30, {@code page[number]},
 * {@code links} first/next/last, {@code meta} record-count/page-count),
 * {@code notes/_create.md.erb} (the create document and its answer; its heading says
 * {@code POST /v1/note} while the collection is {@code /v1/notes}: both are served),
 * {@code activities/_list.md.erb} and {@code _index.md.erb} (activities with {@code code},
 * {@code created-at} and {@code data}, a JSON document in a string; filters and include).
 * Guesses, marked: a note's activity has code {@code note} and data
 * {@code {"note": text, "note_id": id}} (snake_case: it is a serialized hash, not a JSON:API
 * attribute); the error bodies follow jsonapi.org/format/#errors,
 * as no Teamtailor source quotes one.
 */
public final class TeamtailorSimulator {

    public static final String API_KEY = "sandbox-teamtailor-key";
    public static final String CANDIDATE_ID = "4";
    public static final String OTHER_CANDIDATE_ID = "5";
    public static final String USER_ID = "2";
    public static final String OTHER_USER_ID = "3";
    static final String MEDIA_TYPE = "application/vnd.api+json";

    private static final Set<String> USERS = Set.of(USER_ID, OTHER_USER_ID);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

    private final NoteBook activities = new NoteBook(CANDIDATE_ID, OTHER_CANDIDATE_ID);
    private final AtomicLong nextNote = new AtomicLong(100);
    private final AtomicLong nextActivity = new AtomicLong(1000);

    public TeamtailorSimulator() {
        for (String candidate : List.of(CANDIDATE_ID, OTHER_CANDIDATE_ID)) {
            activities.of(candidate).orElseThrow().add(activity("created", "{}", null));
        }
    }

    public void addCandidate(String id) {
        activities.add(id);
    }

    public List<Map<String, Object>> activitiesOf(String candidateId) {
        return activities.copyOf(candidateId);
    }

    public Javalin create() {
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.before("/v1/*", this::authenticate);
            config.routes.post("/v1/notes", this::createNote);
            config.routes.post("/v1/note", this::createNote);
            config.routes.get("/v1/activities", this::listActivities);
            // Teamtailor/docs source/includes/users/_list.md.erb: a JSON:API list of users.
            config.routes.get("/v1/users", ctx -> document(ctx, 200, Map.of("data", List.of(Map.of("id", USER_ID,
                    "type", "users", "attributes", Map.of("name", "Sandbox Admin", "role", "admin"))),
                    "meta", Map.of("record-count", 2, "page-count", 2))));
        });
    }

    private void authenticate(Context ctx) {
        if (!("Token token=" + API_KEY).equals(ctx.header("Authorization"))) {
            error(ctx, 401, "Unauthorized", "The API key is missing or not valid");
            ctx.skipRemainingHandlers();
        } else if (ctx.header("X-Api-Version") == null || !ctx.header("X-Api-Version").matches("\\d{8}")) {
            error(ctx, 406, "Not acceptable", "The X-Api-Version header is required");
            ctx.skipRemainingHandlers();
        }
    }

    @SuppressWarnings("unchecked")
    private void createNote(Context ctx) {
        String contentType = ctx.header("Content-Type");
        if (contentType == null || !contentType.startsWith(MEDIA_TYPE)) {
            error(ctx, 415, "Unsupported media type", "Send " + MEDIA_TYPE);
            return;
        }
        var document = Simulator.jsonObject(ctx).orElse(Map.of());
        if (!(document.get("data") instanceof Map<?, ?> data) || !"notes".equals(data.get("type"))
                || !(data.get("attributes") instanceof Map<?, ?> attributes)) {
            error(ctx, 400, "Bad request", "data must be a notes resource with attributes");
            return;
        }
        if (!Simulator.isNonBlankString(attributes.get("note"))) {
            error(ctx, 422, "can't be blank", "note - can't be blank");
            return;
        }
        Map<String, Object> relationships = data.get("relationships") instanceof Map<?, ?> given
                ? (Map<String, Object>) given : Map.of();
        String candidate = relatedId(relationships, "candidate");
        List<Map<String, Object>> feed = candidate == null ? null : activities.of(candidate).orElse(null);
        if (feed == null) {
            error(ctx, 422, "must exist", "candidate - must exist");
            return;
        }
        String user = relatedId(relationships, "user");
        if (user != null && !USERS.contains(user)) {
            error(ctx, 422, "must exist", "user - must exist");
            return;
        }
        long id = nextNote.getAndIncrement();
        String now = STAMP.format(OffsetDateTime.now(ZoneOffset.ofHours(1)));
        var note = new LinkedHashMap<String, Object>();
        note.put("note", attributes.get("note"));
        note.put("created-at", now);
        note.put("created-by-trigger", false);
        note.put("mentioned-user-ids", List.of());
        note.put("private-note", false);
        note.put("updated-at", now);
        note.put("candidate-id", Long.parseLong(candidate));
        note.put("user-id", user == null ? null : Long.parseLong(user));
        feed.add(activity("note", Json.writeString(Map.of("note", attributes.get("note"), "note_id", id)), user));
        document(ctx, 201, Map.of("data", Map.of("id", String.valueOf(id), "type", "notes",
                "links", Map.of("self", "/v1/notes/" + id), "attributes", note)));
    }

    /** {@code GET /activities?filter[candidate]=&page[number]=&page[size]=}, oldest first. */
    private void listActivities(Context ctx) {
        String candidate = ctx.queryParam("filter[candidate]");
        List<Map<String, Object>> feed = candidate == null ? List.of() : activities.copyOf(candidate);
        int size = number(ctx.queryParam("page[size]"), 10);
        int page = number(ctx.queryParam("page[number]"), 1);
        if (size < 1 || size > 30 || page < 1) {
            error(ctx, 400, "Invalid page", "page[size] must be 1 to 30 and page[number] at least 1");
            return;
        }
        int pages = Math.max(1, (feed.size() + size - 1) / size);
        int from = Math.min(feed.size(), (page - 1) * size);
        var data = new ArrayList<>(feed.subList(from, Math.min(feed.size(), from + size)));
        var links = new LinkedHashMap<String, Object>();
        links.put("first", pageLink(ctx, candidate, 1, size));
        if (page < pages) {
            links.put("next", pageLink(ctx, candidate, page + 1, size));
        }
        links.put("last", pageLink(ctx, candidate, pages, size));
        document(ctx, 200, Map.of("data", data, "meta", Map.of("record-count", feed.size(), "page-count", pages),
                "links", links));
    }

    private static String pageLink(Context ctx, String candidate, int page, int size) {
        String filter = candidate == null ? "" : "filter%5Bcandidate%5D="
                + URLEncoder.encode(candidate, StandardCharsets.UTF_8) + "&";
        return ctx.scheme() + "://" + ctx.host() + "/v1/activities?" + filter + "page%5Bnumber%5D=" + page
                + "&page%5Bsize%5D=" + size;
    }

    private Map<String, Object> activity(String code, String data, String user) {
        String id = String.valueOf(nextActivity.getAndIncrement());
        var attributes = new LinkedHashMap<String, Object>();
        attributes.put("code", code);
        attributes.put("created-at", STAMP.format(OffsetDateTime.now(ZoneOffset.ofHours(1))));
        attributes.put("data", data);
        var activity = new LinkedHashMap<String, Object>();
        activity.put("id", id);
        activity.put("type", "activities");
        activity.put("links", Map.of("self", "https://api.teamtailor.com/v1/activities/" + id));
        activity.put("attributes", attributes);
        var linkage = new LinkedHashMap<String, Object>();
        linkage.put("data", user == null ? null : Map.of("id", user, "type", "users"));
        activity.put("relationships", Map.of("user", linkage));
        return activity;
    }

    @SuppressWarnings("unchecked")
    private static String relatedId(Map<String, Object> relationships, String name) {
        if (relationships.get(name) instanceof Map<?, ?> relation && relation.get("data") instanceof Map<?, ?> data) {
            Object id = ((Map<String, Object>) data).get("id");
            if (id instanceof Number || (id instanceof String text && text.matches("\\d{1,18}"))) {
                return String.valueOf(id);
            }
        }
        return null;
    }

    private static int number(String value, int fallback) {
        return value == null ? fallback : value.matches("\\d{1,6}") ? Integer.parseInt(value) : -1;
    }

    private static void document(Context ctx, int status, Object body) {
        ctx.status(status).contentType(MEDIA_TYPE).result(Json.write(body));
    }

    private static void error(Context ctx, int status, String title, String detail) {
        document(ctx, status, Map.of("errors", List.of(Map.of("status", String.valueOf(status), "title", title,
                "detail", detail))));
    }
}
