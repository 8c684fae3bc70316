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
import java.util.Optional;
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
 * {@code candidates/_list.md.erb}, {@code _read.md.erb} and {@code _create.md.erb} (filter[email],
 * include, the create document: an email is required and unique, {@code merge} merges into the
 * candidate with that email), {@code job_applications/}, {@code jobs/} ({@code filter[status]}
 * defaults to published; {@code all} lists every job) and {@code users/} (lists and reads),
 * {@code activities/_list.md.erb} and {@code _index.md.erb} (activities with {@code code},
 * {@code created-at} and {@code data}, a JSON document in a string; filters and include; the list
 * was removed from the reference on 2020-10-01, commit 0cf7cc0, leaving the candidate's
 * {@code activities} relation, {@code /candidates/{id}/activities}: both are served). The hiring
 * setup (departments, locations, reject reasons, stages, where each application stands) is
 * {@link TeamtailorHiring}, application updates {@link TeamtailorApplicationUpdates}, uploads,
 * resumes and their storage host {@link TeamtailorFiles}.
 * Guesses, marked: a note's activity has code {@code note} and data
 * {@code {"note": text, "note_id": id}} (snake_case: it is a serialized hash, not a JSON:API
 * attribute); the error bodies follow jsonapi.org/format/#errors,
 * as no Teamtailor source quotes one; a filter, include or attribute this simulation does not
 * know is refused with a 400, as JSON:API servers refuse unknown ones (jsonapi.org/format/#fetching-filtering
 * leaves filters to the server; #fetching-includes: an include it cannot serve is a 400).
 */
public final class TeamtailorSimulator {

    public static final String API_KEY = "sandbox-teamtailor-key";
    public static final String CANDIDATE_ID = "4";
    public static final String OTHER_CANDIDATE_ID = "5";
    public static final String USER_ID = "2";
    public static final String OTHER_USER_ID = "3";
    static final String MEDIA_TYPE = "application/vnd.api+json";

    private static final DateTimeFormatter STAMP = TeamtailorWorld.STAMP;
    /** job_applications/_index.md.erb: candidate, job, stage, reject-reason. */
    private static final Set<String> APPLICATION_INCLUDES = Set.of("candidate", "job", "stage", "reject-reason");
    /** Attributes a create may write (Teamtailor/docs, source/includes/candidates/_index.md.erb). */
    private static final Set<String> WRITABLE = Set.of("connected", "email", "facebook-id", "first-name", "internal",
            "last-name", "linkedin-uid", "linkedin-url", "merge", "phone", "picture", "pitch", "referring-url",
            "resume", "set-consent-expiration", "sourced", "tags", "unsubscribed", "send-welcome-message");

    private final TeamtailorWorld world = new TeamtailorWorld();
    private final NoteBook activities = new NoteBook();
    private final AtomicLong nextNote = new AtomicLong(100);
    private final AtomicLong nextActivity = new AtomicLong(1000);
    private final TeamtailorApplicationUpdates updates = new TeamtailorApplicationUpdates(world);

    public TeamtailorSimulator() {
        for (long candidate : world.candidateIds(Optional.empty())) {
            created(String.valueOf(candidate));
        }
    }

    /** A candidate added in Teamtailor itself, with that id. */
    public void addCandidate(String id) {
        world.addCandidate(Long.parseLong(id));
        created(id);
    }

    private void created(String candidate) {
        activities.add(candidate);
        activities.of(candidate).orElseThrow().add(activity("created", "{}", null));
    }

    /** Every candidate's id, in Teamtailor's default order (by id). */
    public List<String> candidateIds() {
        return world.candidateIds(Optional.empty()).stream().map(String::valueOf).toList();
    }

    /** How many candidates have that email address. */
    public int candidatesWithEmail(String email) {
        return world.candidateIds(Optional.of(email)).size();
    }

    public List<String> userIds() {
        return world.userIds().stream().map(String::valueOf).toList();
    }

    /** Every job, published or not. */
    public List<String> jobIds() {
        return world.jobIds("all").stream().map(String::valueOf).toList();
    }

    /** The jobs a candidate has applied to, one per application. */
    public List<String> jobIdsOf(String candidate) {
        return world.applicationIds(TeamtailorWorld.number(candidate)).stream()
                .map(application -> world.relations("job-applications", application).get(1).ids().get(0))
                .map(String::valueOf).toList();
    }

    public List<String> departmentIds() {
        return strings(world.hiring().departmentIds());
    }

    public List<String> locationIds() {
        return strings(world.hiring().locationIds());
    }

    public List<String> rejectReasonIds() {
        return strings(world.hiring().reasonIds());
    }

    /** A job's stages, in row order. */
    public List<String> stageIdsOf(String job) {
        return strings(world.hiring().stagesOf(Long.parseLong(job)));
    }

    /** A candidate's applications, by id. */
    public List<String> applicationIdsOf(String candidate) {
        return strings(world.applicationIds(TeamtailorWorld.number(candidate)));
    }

    public String jobOfApplication(String application) {
        return String.valueOf(world.jobOf(Long.parseLong(application)));
    }

    /** Where an application stands now: its current stage's id, and its reject reason's (or null). */
    public String stageOfApplication(String application) {
        return world.hiring().stageOf(Long.parseLong(application)).map(String::valueOf).orElse(null);
    }

    public String rejectReasonOfApplication(String application) {
        return world.hiring().reasonOf(Long.parseLong(application)).map(String::valueOf).orElse(null);
    }

    /** How many job application updates (moves, rejections) Teamtailor applied. */
    public int applicationUpdates() {
        return updates.updates();
    }

    /** A candidate's upload ids. */
    public List<String> uploadIdsOf(String candidate) {
        return strings(world.files().uploadIds(TeamtailorWorld.number(candidate)));
    }

    /** The bytes Teamtailor's storage holds for a candidate's upload, its resume or its original resume. */
    public byte[] storedBytes(String candidate, String file) {
        var files = world.files();
        long id = Long.parseLong(candidate);
        String key = switch (file) {
            case "resume" -> files.resumeKey(id).orElseThrow();
            case "original-resume" -> files.originalResumeKey(id).orElseThrow();
            default -> files.upload(Long.parseLong(file)).key();
        };
        try (var in = files.file(key).orElseThrow().bytes().get()) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The large upload's size and its byte at a position, to check it without holding it. */
    public static long largeUploadBytes() {
        return TeamtailorFiles.LARGE_BYTES;
    }

    public static byte largeUploadByteAt(long position) {
        return TeamtailorFiles.byteAt(position);
    }

    private static List<String> strings(List<Long> ids) {
        return ids.stream().map(String::valueOf).toList();
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
            // activities/_list.md.erb (taken out of the reference on 2020-10-01, still served: integrations written
            // against it keep working) and the candidate's activities relation (candidates/_index.md.erb).
            config.routes.get("/v1/activities", ctx -> listActivities(ctx, ctx.queryParam("filter[candidate]")));
            config.routes.get("/v1/candidates/{id}/activities", ctx -> {
                if (found(ctx, "candidates")) {
                    listActivities(ctx, ctx.pathParam("id"));
                }
            });
            config.routes.post("/v1/candidates", this::createCandidate);
            // candidates/_list.md.erb: filter[email]; include names relations.
            config.routes.get("/v1/candidates", ctx -> list(ctx, "candidates",
                    world.candidateIds(Optional.ofNullable(ctx.queryParam("filter[email]"))),
                    Set.of("filter[email]"), Set.of("job-applications")));
            config.routes.get("/v1/candidates/{id}", ctx -> one(ctx, "candidates", Set.of("job-applications", "uploads")));
            // The candidate's uploads relation, its "related" link (candidates/_index.md.erb).
            config.routes.get("/v1/candidates/{id}/uploads", ctx -> {
                if (found(ctx, "candidates")) {
                    list(ctx, "uploads", world.files().uploadIds(TeamtailorWorld.number(ctx.pathParam("id"))),
                            Set.of(), Set.of("candidate"));
                }
            });
            // The candidate's job-applications relation, its "related" link (candidates/_index.md.erb).
            config.routes.get("/v1/candidates/{id}/job-applications", ctx -> {
                if (found(ctx, "candidates")) {
                    list(ctx, "job-applications", world.applicationIds(TeamtailorWorld.number(ctx.pathParam("id"))),
                            Set.of(), APPLICATION_INCLUDES);
                }
            });
            config.routes.get("/v1/job-applications", ctx -> list(ctx, "job-applications",
                    world.applicationIds(Optional.empty()), Set.of(), APPLICATION_INCLUDES));
            config.routes.get("/v1/job-applications/{id}", ctx -> one(ctx, "job-applications", APPLICATION_INCLUDES));
            config.routes.patch("/v1/job-applications/{id}", updates::update);
            // jobs/_list.md.erb: filter[status] defaults to published; all lists every job.
            config.routes.get("/v1/jobs", ctx -> list(ctx, "jobs",
                    world.jobIds(Optional.ofNullable(ctx.queryParam("filter[status]")).orElse("published")),
                    Set.of("filter[status]"), Set.of("user")));
            config.routes.get("/v1/jobs/{id}", ctx -> one(ctx, "jobs", Set.of("user")));
            config.routes.get("/v1/users", ctx -> list(ctx, "users", world.userIds(), Set.of(), Set.of()));
            config.routes.get("/v1/users/{id}", ctx -> one(ctx, "users", Set.of()));
            // departments/_list.md.erb, _read.md.erb.
            config.routes.get("/v1/departments", ctx -> list(ctx, "departments", world.hiring().departmentIds(),
                    Set.of(), Set.of()));
            config.routes.get("/v1/departments/{id}", ctx -> one(ctx, "departments", Set.of()));
            // locations/_list.md.erb, _read.md.erb.
            config.routes.get("/v1/locations", ctx -> list(ctx, "locations", world.hiring().locationIds(),
                    Set.of(), Set.of()));
            config.routes.get("/v1/locations/{id}", ctx -> one(ctx, "locations", Set.of()));
            // reject_reasons/_list.md.erb, _read.md.erb.
            config.routes.get("/v1/reject-reasons", ctx -> list(ctx, "reject-reasons", world.hiring().reasonIds(),
                    Set.of(), Set.of()));
            config.routes.get("/v1/reject-reasons/{id}", ctx -> one(ctx, "reject-reasons", Set.of()));
            // stages/_list.md.erb (every stage; sort by any attribute), _show.md.erb; a job's stages are its
            // stages relation (jobs/_index.md.erb), the path of the documented list's links.
            config.routes.get("/v1/stages", ctx -> list(ctx, "stages", world.hiring().stageIds(), Set.of(),
                    Set.of("job")));
            config.routes.get("/v1/stages/{id}", ctx -> one(ctx, "stages", Set.of("job")));
            config.routes.get("/v1/jobs/{id}/stages", ctx -> {
                if (found(ctx, "jobs")) {
                    list(ctx, "stages", world.hiring().stagesOf(Long.parseLong(ctx.pathParam("id"))), Set.of(),
                            Set.of("job"));
                }
            });
            // uploads/_list.md.erb, _read.md.erb.
            config.routes.get("/v1/uploads", ctx -> list(ctx, "uploads", world.files().uploadIds(Optional.empty()),
                    Set.of(), Set.of("candidate")));
            config.routes.get("/v1/uploads/{id}", ctx -> one(ctx, "uploads", Set.of("candidate")));
            // The storage host the signed links lead to: outside /v1, without the API's credentials.
            config.routes.get("/storage/uploads/<key>", world.files()::serve);
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
        if (user != null && !world.hasUser(user)) {
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

    /**
     * {@code POST /candidates}: the created candidate, whole (candidates/_create.md.erb). The
     * status is 201, as jsonapi.org/format/#crud-creating-responses-201 has it; the 422 texts
     * follow the note create's.
     */
    @SuppressWarnings("unchecked")
    private void createCandidate(Context ctx) {
        String contentType = ctx.header("Content-Type");
        if (contentType == null || !contentType.startsWith(MEDIA_TYPE)) {
            error(ctx, 415, "Unsupported media type", "Send " + MEDIA_TYPE);
            return;
        }
        var document = Simulator.jsonObject(ctx).orElse(Map.of());
        if (!(document.get("data") instanceof Map<?, ?> data) || !"candidates".equals(data.get("type"))
                || !(data.get("attributes") instanceof Map<?, ?> given)) {
            error(ctx, 400, "Bad request", "data must be a candidates resource with attributes");
            return;
        }
        var attributes = new LinkedHashMap<>((Map<String, Object>) given);
        for (String name : attributes.keySet()) {
            if (!WRITABLE.contains(name)) {
                error(ctx, 400, "Param not allowed", name + " is not allowed.");
                return;
            }
        }
        if (attributes.get("tags") != null && !(attributes.get("tags") instanceof List<?>)) {
            error(ctx, 400, "Invalid field value", "tags must be an array");
            return;
        }
        boolean sourced = Boolean.TRUE.equals(attributes.get("sourced"));
        Object email = attributes.get("email");
        if (!Simulator.isNonBlankString(email) && !sourced) {
            error(ctx, 422, "can't be blank", "email - can't be blank");
            return;
        }
        boolean merge = Boolean.TRUE.equals(attributes.remove("merge"));
        long id;
        synchronized (world) {
            Optional<Long> existing = email instanceof String text ? world.candidateWithEmail(text) : Optional.empty();
            if (existing.isPresent() && !merge) {
                error(ctx, 422, "has already been taken", "email - has already been taken");
                return;
            }
            if (existing.isPresent()) {
                id = existing.get();
                world.mergeCandidate(id, attributes);
            } else {
                id = world.addCandidate(attributes);
                created(String.valueOf(id));
            }
        }
        document(ctx, 201, Map.of("data", world.resource("candidates", id, base(ctx), Set.of())));
    }

    /** A JSON:API list: the filters and includes the endpoint takes, numbered pages of at most 30. */
    private void list(Context ctx, String type, List<Long> ids, Set<String> filters, Set<String> includable) {
        for (String parameter : ctx.queryParamMap().keySet()) {
            if (parameter.startsWith("filter[") && !filters.contains(parameter)) {
                error(ctx, 400, "Filter not allowed", parameter + " is not allowed.");
                return;
            }
        }
        Optional<Set<String>> include = includes(ctx, type, includable);
        if (include.isEmpty()) {
            return;
        }
        int size = number(ctx.queryParam("page[size]"), 10);
        int page = number(ctx.queryParam("page[number]"), 1);
        if (size < 1 || size > 30 || page < 1) {
            error(ctx, 400, "Invalid page", "page[size] must be 1 to 30 and page[number] at least 1");
            return;
        }
        int pages = Math.max(1, (ids.size() + size - 1) / size);
        int from = Math.min(ids.size(), (page - 1) * size);
        var data = new ArrayList<Map<String, Object>>();
        for (long id : ids.subList(from, Math.min(ids.size(), from + size))) {
            data.add(world.resource(type, id, base(ctx), include.get()));
        }
        var links = new LinkedHashMap<String, Object>();
        links.put("first", pageLink(ctx, 1, size));
        if (page < pages) {
            links.put("next", pageLink(ctx, page + 1, size));
        }
        links.put("last", pageLink(ctx, pages, size));
        var body = new LinkedHashMap<String, Object>();
        body.put("data", data);
        if (!include.get().isEmpty()) {
            body.put("included", included(data, include.get(), base(ctx)));
        }
        body.put("meta", Map.of("record-count", ids.size(), "page-count", pages));
        body.put("links", links);
        document(ctx, 200, body);
    }

    /** One resource by id, or JSON:API's 404. */
    private void one(Context ctx, String type, Set<String> includable) {
        if (!found(ctx, type)) {
            return;
        }
        Optional<Set<String>> include = includes(ctx, type, includable);
        if (include.isEmpty()) {
            return;
        }
        var resource = world.resource(type, Long.parseLong(ctx.pathParam("id")), base(ctx), include.get());
        var body = new LinkedHashMap<String, Object>();
        body.put("data", resource);
        if (!include.get().isEmpty()) {
            body.put("included", included(List.of(resource), include.get(), base(ctx)));
        }
        document(ctx, 200, body);
    }

    private boolean found(Context ctx, String type) {
        Optional<Long> id = TeamtailorWorld.number(ctx.pathParam("id"));
        if (id.isEmpty() || !world.exists(type, id.get())) {
            error(ctx, 404, "Record not found", "The record identified by " + ctx.pathParam("id")
                    + " could not be found.");
            return false;
        }
        return true;
    }

    private Optional<Set<String>> includes(Context ctx, String type, Set<String> includable) {
        String include = ctx.queryParam("include");
        if (include == null || include.isEmpty()) {
            return Optional.of(Set.of());
        }
        var names = new java.util.LinkedHashSet<String>(List.of(include.split(",")));
        for (String name : names) {
            if (!includable.contains(name)) {
                error(ctx, 400, "Invalid field", name + " is not a valid includable relationship of " + type);
                return Optional.empty();
            }
        }
        return Optional.of(names);
    }

    /** The resources a page's included relations link to, each once. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> included(List<Map<String, Object>> data, Set<String> include, String base) {
        var seen = new LinkedHashMap<String, Map<String, Object>>();
        for (Map<String, Object> resource : data) {
            var relationships = (Map<String, Map<String, Object>>) resource.get("relationships");
            for (String name : include) {
                Object linkage = relationships.get(name).get("data");
                List<Object> links = linkage instanceof List<?> many ? (List<Object>) many
                        : linkage == null ? List.of() : List.of(linkage);
                for (Object link : links) {
                    var target = (Map<String, Object>) link;
                    String type = (String) target.get("type");
                    long id = Long.parseLong((String) target.get("id"));
                    seen.putIfAbsent(type + "/" + id, world.resource(type, id, base, Set.of()));
                }
            }
        }
        return new ArrayList<>(seen.values());
    }

    static String base(Context ctx) {
        return ctx.scheme() + "://" + ctx.host() + "/v1";
    }

    /** The request's own URL at another page, its other parameters kept, as the documented links are. */
    private static String pageLink(Context ctx, int page, int size) {
        var query = new StringBuilder();
        ctx.queryParamMap().forEach((name, values) -> {
            if (!name.startsWith("page[")) {
                values.forEach(value -> query.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&'));
            }
        });
        return ctx.scheme() + "://" + ctx.host() + ctx.path() + "?" + query + "page%5Bnumber%5D=" + page
                + "&page%5Bsize%5D=" + size;
    }

    /**
     * {@code GET /activities?filter[candidate]=&page[number]=&page[size]=} or
     * {@code GET /candidates/{id}/activities}: a candidate's activities, oldest first.
     */
    private void listActivities(Context ctx, String candidate) {
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
        links.put("first", pageLink(ctx, 1, size));
        if (page < pages) {
            links.put("next", pageLink(ctx, page + 1, size));
        }
        links.put("last", pageLink(ctx, pages, size));
        document(ctx, 200, Map.of("data", data, "meta", Map.of("record-count", feed.size(), "page-count", pages),
                "links", links));
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

    static void document(Context ctx, int status, Object body) {
        ctx.status(status).contentType(MEDIA_TYPE).result(Json.write(body));
    }

    static void error(Context ctx, int status, String title, String detail) {
        document(ctx, status, Map.of("errors", List.of(Map.of("status", String.valueOf(status), "title", title,
                "detail", detail))));
    }
}
