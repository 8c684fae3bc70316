package dev.switchboard.sandbox;

import dev.switchboard.mapping.Json;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A simulated Greenhouse Harvest v3: a client-credentials token endpoint, and a
 * candidate's notes as a bare JSON array paged by cursor links in the {@code Link} header.
 * There is no note write, as the v3 documentation shows none.
 *
 * <p>Sources: harvestdocs.greenhouse.io/docs/authentication ({@code POST /token}, HTTP Basic
 * with the client id and secret, form {@code grant_type=client_credentials&sub=<user id>},
 * then {@code Authorization: Bearer}); /docs/pagination and
 * /docs/step-by-step-migration-instructions ({@code per_page} on the first request only,
 * {@code rel="next"} cursor links, no {@code last} link, the cursor sent as the only
 * parameter; the v1 activity feed's notes became {@code GET /v3/notes}). The note fields
 * follow the providers' notes ({@code id, candidate_id, application_id, body, type}); a
 * note's {@code visibility} is named as Harvest v1 named it, a guess. The token errors follow
 * RFC 6749 §5.2; the 401 body of a refused token is a guess.
 *
 * <p>Candidates, applications, jobs and users ({@link GreenhouseWorld}) are listed the same way:
 * a bare array by ascending id, {@code per_page} (1 to 500, as Harvest documented it) on the first
 * request with {@code ids} and the parent filters (/docs/list-endpoints: {@code candidate_ids},
 * {@code job_ids} for applications), then cursor links. A cursor here remembers the last id given,
 * so an object added between pages is not skipped. A parameter the simulation does not know is
 * refused with a 400, a guess that keeps mappings honest.
 *
 * <p>The hiring lookups ({@link GreenhouseHiring}: departments, offices, tags, interviews,
 * scorecards, offers; {@link GreenhouseWorld}: job stages, rejection reasons) are listed the same
 * way; the application actions are {@link GreenhouseActions}, the attachments and their storage
 * host {@link GreenhouseFiles}.
 */
public final class GreenhouseSimulator {

    public static final String CLIENT_ID = "sandbox-greenhouse-client";
    public static final String CLIENT_SECRET = "sandbox-greenhouse-secret";
    public static final String USER_ID = "4080";
    public static final String OTHER_USER_ID = "4081";
    public static final String CANDIDATE_ID = "53883394";
    public static final String OTHER_CANDIDATE_ID = "53883395";

    /** Each listed resource's filters besides per_page (harvestdocs.greenhouse.io/docs/list-endpoints). */
    private static final Map<String, Set<String>> FILTERS = Map.ofEntries(
            Map.entry("candidates", Set.of("ids")),
            Map.entry("applications", Set.of("ids", "candidate_ids", "job_ids")),
            Map.entry("jobs", Set.of("ids")),
            Map.entry("users", Set.of("ids")),
            // The lookups (GreenhouseHiring): parent filters as get_v3-interviews and get_v3-attachments
            // document them; job_stages' job_ids and offers' and scorecards' application_ids follow
            // /docs/list-endpoints' "parent resource(s)" rule, a guess for each.
            Map.entry("departments", Set.of("ids")),
            Map.entry("offices", Set.of("ids")),
            Map.entry("tags", Set.of("ids")),
            Map.entry("rejection_reasons", Set.of("ids")),
            Map.entry("job_stages", Set.of("ids", "job_ids")),
            Map.entry("interviews", Set.of("ids", "application_ids")),
            Map.entry("offers", Set.of("ids", "application_ids")),
            Map.entry("scorecards", Set.of("ids", "application_ids")),
            Map.entry("attachments", Set.of("ids", "application_ids", "candidate_ids")));

    private final GreenhouseWorld world = new GreenhouseWorld();
    private final GreenhouseHiring hiring = new GreenhouseHiring(world);
    private final GreenhouseFiles files = new GreenhouseFiles(world);
    private final GreenhouseActions actions = new GreenhouseActions(world);
    private final NoteBook notes = new NoteBook(CANDIDATE_ID, OTHER_CANDIDATE_ID);
    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(8841);
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private volatile long tokenLifetimeSeconds = 3600;

    public GreenhouseSimulator() {
        addNote(CANDIDATE_ID, USER_ID, "Strong systems design round", "public");
        addNote(CANDIDATE_ID, OTHER_USER_ID, "Comp expectations above band", "private");
    }

    /** A note written in Greenhouse itself: the API cannot write one. */
    public Map<String, Object> addNote(String candidate, String user, String body, String visibility) {
        notes.add(candidate);
        var note = new LinkedHashMap<String, Object>();
        note.put("id", nextId.getAndIncrement());
        note.put("candidate_id", Long.parseLong(candidate));
        note.put("application_id", 69306314L);
        note.put("user_id", Long.parseLong(user));
        note.put("body", body);
        note.put("visibility", visibility);
        String now = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        note.put("created_at", now);
        note.put("updated_at", now);
        notes.of(candidate).orElseThrow().add(note);
        return note;
    }

    /** How many access tokens were asked for. */
    public int tokenRequests() {
        return tokenRequests.get();
    }

    /** Tokens issued from now on expire after this long. */
    public void tokenLifetime(long seconds) {
        this.tokenLifetimeSeconds = seconds;
    }

    /** Every access token issued so far stops working, as after a revocation. */
    public void revokeTokens() {
        tokens.clear();
    }

    public Javalin create() {
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.post("/token", this::token);
            config.routes.before("/v3/*", this::authenticate);
            config.routes.get("/v3/notes", this::listNotes);
            for (String resource : FILTERS.keySet()) {
                config.routes.get("/v3/" + resource, ctx -> list(ctx, resource));
            }
            config.routes.post("/v3/applications/{id}/move", actions::move);
            config.routes.post("/v3/applications/{id}/reject", actions::reject);
            config.routes.post("/v3/attachments", ctx -> files.create(ctx, world));
            config.routes.get("/storage/attachments/{id}/{name}", files::download);
        });
    }

    private void token(Context ctx) {
        tokenRequests.incrementAndGet();
        if (!basicClient(ctx).map((CLIENT_ID + ":" + CLIENT_SECRET)::equals).orElse(false)) {
            Simulator.json(ctx, 401, Map.of("error", "invalid_client"));
            return;
        }
        Map<String, List<String>> form = ctx.formParamMap();
        if (!List.of("client_credentials").equals(form.get("grant_type"))) {
            Simulator.json(ctx, 400, Map.of("error", "unsupported_grant_type"));
            return;
        }
        List<String> sub = form.get("sub");
        if (sub == null || sub.size() != 1 || !world.hasUser(sub.get(0))) {
            Simulator.json(ctx, 400, Map.of("error", "invalid_request", "error_description",
                    "sub must name a user of the organization"));
            return;
        }
        String token = "gh_" + UUID.randomUUID();
        tokens.put(token, Instant.now().plusSeconds(tokenLifetimeSeconds));
        Simulator.json(ctx, 200, Map.of("access_token", token, "token_type", "bearer",
                "expires_in", tokenLifetimeSeconds));
    }

    private void authenticate(Context ctx) {
        Instant expires = Simulator.bearer(ctx).map(tokens::get).orElse(null);
        if (expires == null || expires.isBefore(Instant.now())) {
            Simulator.json(ctx, 401, Map.of("message", "Unauthorized: the access token is missing, expired or revoked"));
            ctx.skipRemainingHandlers();
        }
    }

    /** {@code GET /v3/notes?candidate_ids=&per_page=} or {@code ?cursor=} alone. */
    private void listNotes(Context ctx) {
        String candidate;
        int perPage;
        int offset;
        if (ctx.queryParam("cursor") != null) {
            Optional<Map<String, Object>> position = position(ctx, GreenhouseSimulator::readCursor);
            if (position.isEmpty()) {
                return;
            }
            candidate = (String) position.get().get("c");
            perPage = ((Number) position.get().get("p")).intValue();
            offset = ((Number) position.get().get("o")).intValue();
        } else {
            candidate = ctx.queryParam("candidate_ids");
            String size = ctx.queryParam("per_page");
            perPage = size == null ? 100 : size.matches("\\d{1,3}") ? Integer.parseInt(size) : -1;
            offset = 0;
            if (perPage < 1 || perPage > 500) {
                Simulator.json(ctx, 400, Map.of("message", "per_page must be between 1 and 500"));
                return;
            }
        }
        List<Map<String, Object>> all = candidate == null ? List.of() : notes.copyOf(candidate);
        var page = new ArrayList<>(all.subList(Math.min(offset, all.size()), Math.min(all.size(), offset + perPage)));
        if (offset + perPage < all.size()) {
            String next = cursor(Map.of("c", candidate, "p", perPage, "o", offset + perPage));
            ctx.header("Link", "<" + ctx.scheme() + "://" + ctx.host() + "/v3/notes?cursor=" + next + ">; rel=\"next\"");
        }
        Simulator.json(ctx, 200, page);
    }

    /** Every candidate's id, by ascending id. */
    public List<String> candidateIds() {
        return ids("candidates");
    }

    public List<String> userIds() {
        return ids("users");
    }

    public List<String> jobIds() {
        return ids("jobs");
    }

    /** The jobs a candidate has applied to, one per application, by application id. */
    public List<String> jobIdsOf(String candidate) {
        return world.all("applications").stream().filter(a -> String.valueOf(a.get("candidate_id")).equals(candidate))
                .map(a -> String.valueOf(a.get("job_id"))).toList();
    }

    private List<String> ids(String resource) {
        return world.all(resource).stream().map(o -> String.valueOf(o.get("id"))).toList();
    }

    /**
     * {@code GET /v3/<resource>?per_page=&ids=&<parent>_ids=}, or {@code ?cursor=} alone: a bare
     * array, the next page's URL in the {@code Link} header while there is one.
     */
    private void list(Context ctx, String resource) {
        Map<String, String> filters;
        int perPage;
        long after;
        if (ctx.queryParam("cursor") != null) {
            Optional<Map<String, Object>> position = position(ctx, cursor -> readPosition(cursor, resource));
            if (position.isEmpty()) {
                return;
            }
            @SuppressWarnings("unchecked")
            var given = (Map<String, String>) position.get().get("f");
            filters = given;
            perPage = ((Number) position.get().get("p")).intValue();
            after = ((Number) position.get().get("a")).longValue();
        } else {
            filters = new LinkedHashMap<>();
            for (var parameter : ctx.queryParamMap().entrySet()) {
                String name = parameter.getKey();
                if (name.equals("per_page")) {
                    continue;
                }
                if (!FILTERS.get(resource).contains(name)) {
                    Simulator.json(ctx, 400, Map.of("message", "Unknown parameter: " + name));
                    return;
                }
                if (parameter.getValue().size() != 1 || !parameter.getValue().get(0).matches("\\d{1,20}(,\\d{1,20})*")) {
                    Simulator.json(ctx, 400, Map.of("message", name + " must be a comma-separated list of ids"));
                    return;
                }
                filters.put(name, parameter.getValue().get(0));
            }
            String size = ctx.queryParam("per_page");
            perPage = size == null ? 100 : size.matches("\\d{1,3}") ? Integer.parseInt(size) : -1;
            after = Long.MIN_VALUE;
            if (perPage < 1 || perPage > 500) {
                Simulator.json(ctx, 400, Map.of("message", "per_page must be between 1 and 500"));
                return;
            }
        }
        List<Map<String, Object>> matching = all(resource).stream()
                .filter(item -> ((Number) item.get("id")).longValue() > after)
                .filter(item -> filters.entrySet().stream().allMatch(filter -> List.of(filter.getValue().split(","))
                        .contains(String.valueOf(item.get(field(filter.getKey()))))))
                .toList();
        var page = matching.subList(0, Math.min(perPage, matching.size()));
        if (matching.size() > perPage) {
            long last = ((Number) page.get(page.size() - 1).get("id")).longValue();
            String next = cursor(Map.of("r", resource, "f", filters, "p", perPage, "a", last));
            ctx.header("Link", "<" + ctx.scheme() + "://" + ctx.host() + "/v3/" + resource + "?cursor=" + next
                    + ">; rel=\"next\"");
        }
        Simulator.json(ctx, 200, resource.equals("attachments")
                ? page.stream().map(attachment -> files.present(ctx, attachment)).toList() : page);
    }

    private List<Map<String, Object>> all(String resource) {
        return switch (resource) {
            case "departments", "offices", "tags", "interviews", "scorecards", "offers" -> hiring.all(resource);
            case "attachments" -> files.all();
            default -> world.all(resource);
        };
    }

    /** Every object of a resource as the simulated Greenhouse holds it, by ascending id (attachments without their link). */
    public List<Map<String, Object>> records(String resource) {
        return all(resource);
    }

    /** One application as it is now. */
    public Map<String, Object> application(String id) {
        return world.application(Long.parseLong(id)).orElseThrow();
    }

    /** How many moves and rejections Greenhouse carried out. */
    public int moves() {
        return actions.moves();
    }

    public int rejections() {
        return actions.rejections();
    }

    /** The large attachment's size, and its byte at a position, for comparing a download. */
    public static long largeFileSize() {
        return GreenhouseFiles.LARGE;
    }

    public static byte largeFileByte(long position) {
        return GreenhouseFiles.largeByte(position);
    }

    public static byte[] resumePdf() {
        return GreenhouseFiles.pdf();
    }

    public static byte[] coverLetterDocx() {
        return GreenhouseFiles.docx();
    }

    /** The object field a filter compares: ids the object's own id, a parent filter its parent's id. */
    private static String field(String filter) {
        return filter.equals("ids") ? "id" : filter.substring(0, filter.length() - "s".length());
    }

    /**
     * Where a {@code ?cursor=} left off, as the reader finds it in the cursor; empty once a 400
     * is answered: a cursor comes alone, and only as this simulator made it.
     */
    private static Optional<Map<String, Object>> position(Context ctx,
            Function<String, Optional<Map<String, Object>>> reader) {
        if (ctx.queryParamMap().size() != 1) {
            Simulator.json(ctx, 400, Map.of("message", "cursor must be the only parameter"));
            return Optional.empty();
        }
        Optional<Map<String, Object>> position = reader.apply(ctx.queryParam("cursor"));
        if (position.isEmpty()) {
            Simulator.json(ctx, 400, Map.of("message", "Invalid cursor"));
        }
        return position;
    }

    private static Optional<Map<String, Object>> readPosition(String text, String resource) {
        try {
            return Json.tryParse(Base64.getUrlDecoder().decode(text)).flatMap(Json::asObject)
                    .filter(map -> resource.equals(map.get("r")) && map.get("f") instanceof Map<?, ?>
                            && map.get("p") instanceof Number && map.get("a") instanceof Number);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String cursor(Map<String, Object> position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(position));
    }

    private static Optional<Map<String, Object>> readCursor(String text) {
        try {
            return Json.tryParse(Base64.getUrlDecoder().decode(text)).flatMap(Json::asObject)
                    .filter(map -> map.get("c") instanceof String && map.get("p") instanceof Number
                            && map.get("o") instanceof Number);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> basicClient(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.startsWith("Basic ")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
