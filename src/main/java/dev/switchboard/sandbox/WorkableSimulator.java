package dev.switchboard.sandbox;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A simulated Workable, under {@code /spi/v3}: an account token as a bearer, comments
 * written with a member and an optional policy, and a candidate's activity feed paged by a
 * next URL.
 *
 * <p>Sources: workable.readme.io/reference/comment-on-candidate (the body
 * {@code {"member_id", "comment": {"body", "policy"}}}, both required, the policy roles,
 * and the documented answer 201 with no body); Nango's recorded live call
 * (NangoHQ/integration-templates, integrations/workable/tests/create-comment.test.json:
 * 200 {@code {"id"}}, given when {@link #answerCreatesWithId} is set);
 * workable.readme.io/reference/candidate-activities ({@code {"activities": [...],
 * "paging": {"next"}}}, no paging on the last page, {@code limit}, {@code since_id});
 * workable.readme.io/reference/rate-limits (10 requests per 10 s for an account token,
 * {@code X-Rate-Limit-Limit/Remaining/Reset}, 429 beyond). Errors are
 * {@code {"error": "..."}}; the 422 texts are a guess, as no source quotes them. Candidates, jobs
 * and members are {@link WorkableCandidates}; departments, disqualification reasons, stages,
 * events, offers and the move and disqualify actions {@link WorkableHiring}; resumes and their
 * storage {@link WorkableFiles}, each with its sources.
 */
public final class WorkableSimulator {

    public static final String API_TOKEN = "sandbox-workable-token";
    public static final String SUBDOMAIN = "sandbox";
    public static final String CANDIDATE_ID = "3fc9a8";
    public static final String OTHER_CANDIDATE_ID = "3fc9a9";
    public static final String MEMBER_ID = "13e0f2";
    public static final String OTHER_MEMBER_ID = "13e0f3";
    /** The candidate whose resume is the large file, generated as it is streamed. */
    public static final String LARGE_RESUME_CANDIDATE_ID = "3fc9aa";
    public static final long LARGE_RESUME_BYTES = WorkableFiles.LARGE_BYTES;
    static final int RATE_LIMIT = 10;
    static final long RATE_WINDOW_MS = 10_000;

    private static final Set<String> ROLES = Set.of("admin", "recruiting_admin", "hiring_manager", "simple",
            "reviewer", "recruiter");
    private final WorkableWorld world = new WorkableWorld(CANDIDATE_ID);
    private final NoteBook activities = new NoteBook();
    private final WorkableFiles files = new WorkableFiles(CANDIDATE_ID, OTHER_CANDIDATE_ID, LARGE_RESUME_CANDIDATE_ID);
    private final WorkableCandidates candidates = new WorkableCandidates(world, activities, files);
    private final WorkableHiring hiring = new WorkableHiring(world);
    private final AtomicLong nextId = new AtomicLong(0x5f6a70);
    private final Deque<Long> recentCalls = new ArrayDeque<>();
    private volatile boolean answerCreatesWithId;
    private volatile boolean limitsCalls = true;
    private volatile int rateLimited;

    public WorkableSimulator() {
        // Every candidate's feed starts with the application, which is no comment.
        for (Map<String, Object> candidate : world.candidates()) {
            String id = (String) candidate.get("id");
            activities.add(id);
            activities.of(id).orElseThrow().add(activity("applied", null, null, Instant.parse((String) candidate.get("created_at"))));
        }
    }

    /** Every candidate's id, oldest first, as the candidate list gives them. */
    public List<String> candidateIds() {
        return world.candidates().stream().map(candidate -> (String) candidate.get("id")).toList();
    }

    /** The shortcode of the one job a candidate is in. */
    public String jobOf(String candidateId) {
        return world.candidate(candidateId).map(candidate -> (String) ((Map<?, ?>) candidate.get("job")).get("shortcode"))
                .orElseThrow();
    }

    /** The next candidate create is written and then answered 500: its outcome is unknown to the caller. */
    public void failNextCandidateCreateAfterWriting() {
        candidates.failNextAfterWriting();
    }

    /** How many candidates were created through the API. */
    public int createdCandidates() {
        return candidates.created();
    }

    /** Answer creates as the recorded live call did, 200 {"id"}, instead of the documented empty 201. */
    public void answerCreatesWithId(boolean withId) {
        this.answerCreatesWithId = withId;
    }

    /**
     * Whether calls over Workable's 10 in 10 seconds are answered 429, as Workable does (the
     * default); off for a test whose subject is not the limit, so it waits on nothing.
     */
    public void limitCalls(boolean limits) {
        this.limitsCalls = limits;
    }

    /** How many calls were answered 429 for going over the rate limit. */
    public int rateLimited() {
        return rateLimited;
    }

    /** The next move or disqualification is made and then answered 500: its outcome is unknown to the caller. */
    public void failNextActionAfterWriting() {
        hiring.failNextAfterWriting();
    }

    /** How many candidates were moved to another stage through the API. */
    public int moves() {
        return hiring.moves();
    }

    /** How many disqualifications the API made. */
    public int disqualifications() {
        return hiring.disqualifications();
    }

    /** How many resume downloads the storage served. */
    public int resumeDownloads() {
        return files.downloads();
    }

    /** The ids of the interview events (calls and meetings are not interviews). */
    public List<String> interviewIds() {
        return hiring.interviewIds();
    }

    /** The candidates that have an offer. */
    public List<String> candidatesWithOffers() {
        return hiring.candidatesWithOffers();
    }

    /** The department ids, the disqualification reason ids, and a job's stage slugs, as Workable lists them. */
    public List<String> departmentIds() {
        return WorkableHiring.DEPARTMENTS.stream().map(d -> (String) d.get("id")).toList();
    }

    public List<String> reasonIds() {
        return WorkableHiring.REASONS.stream().map(r -> (String) r.get("id")).toList();
    }

    public List<String> stagesOf(String shortcode) {
        return WorkableHiring.PIPELINES.get(shortcode).stream().map(s -> (String) s.get("slug")).toList();
    }

    /** A candidate's current stage slug and disqualification reason text (null when qualified). */
    public String stageOf(String candidateId) {
        return (String) world.candidate(candidateId).orElseThrow().get("stage");
    }

    public String disqualificationOf(String candidateId) {
        var candidate = world.candidate(candidateId).orElseThrow();
        return Boolean.TRUE.equals(candidate.get("disqualified")) ? String.valueOf(candidate.get("disqualification_reason"))
                : null;
    }

    /** The 64 KiB block the large resume repeats, for a test to hash what it should receive. */
    public static byte[] largeResumeChunk() {
        return WorkableFiles.largeChunk();
    }

    /** The bytes of a candidate's stored resume (not for the large one, which is never held). */
    public byte[] resumeBytes(String candidateId) {
        return files.bytesOf(candidateId).orElseThrow();
    }

    public void addCandidate(String id) {
        world.addWithId(id);
        activities.add(id);
    }

    /** A comment written in Workable itself; its id. */
    public String addComment(String candidateId, String member, String body) {
        var activity = activity("comment", body, member, Instant.now());
        activities.of(candidateId).orElseThrow().add(activity);
        return (String) activity.get("id");
    }

    public List<Map<String, Object>> activitiesOf(String candidateId) {
        return activities.copyOf(candidateId);
    }

    public Javalin create() {
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.before("/spi/v3/*", this::authenticate);
            config.routes.post("/spi/v3/candidates/{id}/comments", this::comment);
            config.routes.get("/spi/v3/candidates/{id}/activities", this::listActivities);
            config.routes.get("/spi/v3/candidates", candidates::list);
            config.routes.get("/spi/v3/candidates/{id}", candidates::get);
            config.routes.post("/spi/v3/jobs/{shortcode}/candidates", candidates::create);
            config.routes.get("/spi/v3/jobs", candidates::jobs);
            config.routes.get("/spi/v3/jobs/{shortcode}", candidates::job);
            config.routes.get("/spi/v3/members", candidates::members);
            config.routes.get("/spi/v3/departments", hiring::departments);
            config.routes.get("/spi/v3/disqualification_reasons", hiring::reasons);
            config.routes.get("/spi/v3/jobs/{shortcode}/stages", hiring::jobStages);
            config.routes.get("/spi/v3/events", hiring::listEvents);
            config.routes.get("/spi/v3/events/{id}", hiring::event);
            config.routes.get("/spi/v3/candidates/{id}/offer", hiring::offer);
            config.routes.post("/spi/v3/candidates/{id}/move", hiring::move);
            config.routes.post("/spi/v3/candidates/{id}/disqualify", hiring::disqualify);
            config.routes.get("/storage/resumes/{candidate}/{name}", files::serve);
        });
    }

    private void authenticate(Context ctx) {
        if (!Simulator.bearer(ctx).map(API_TOKEN::equals).orElse(false)) {
            Simulator.json(ctx, 401, Map.of("error", "Not authorized"));
            ctx.skipRemainingHandlers();
            return;
        }
        if (!limitsCalls) {
            return;
        }
        long now = System.currentTimeMillis();
        int remaining;
        synchronized (recentCalls) {
            while (!recentCalls.isEmpty() && recentCalls.peekFirst() <= now - RATE_WINDOW_MS) {
                recentCalls.removeFirst();
            }
            remaining = RATE_LIMIT - recentCalls.size();
            if (remaining > 0) {
                recentCalls.addLast(now);
            }
        }
        ctx.header("X-Rate-Limit-Limit", String.valueOf(RATE_LIMIT));
        ctx.header("X-Rate-Limit-Remaining", String.valueOf(Math.max(0, remaining - 1)));
        ctx.header("X-Rate-Limit-Reset", String.valueOf((now + RATE_WINDOW_MS) / 1000));
        if (remaining <= 0) {
            rateLimited++;
            Simulator.json(ctx, 429, Map.of("error", "Too many requests"));
            ctx.skipRemainingHandlers();
        }
    }

    @SuppressWarnings("unchecked")
    private void comment(Context ctx) {
        List<Map<String, Object>> feed = feed(ctx);
        if (feed == null) {
            return;
        }
        var body = Simulator.jsonObject(ctx).orElse(null);
        if (body == null || !(body.get("comment") instanceof Map<?, ?> comment)
                || !Simulator.isNonBlankString(((Map<String, Object>) comment).get("body"))) {
            Simulator.json(ctx, 422, Map.of("error", "comment body is required"));
            return;
        }
        if (!(body.get("member_id") instanceof String member) || memberName(member) == null) {
            Simulator.json(ctx, 422, Map.of("error", "member_id is missing or not a member of the account"));
            return;
        }
        Object policy = ((Map<String, Object>) comment).get("policy");
        if (policy != null && (!(policy instanceof List<?> roles) || !roles.stream().allMatch(ROLES::contains))) {
            Simulator.json(ctx, 422, Map.of("error", "policy must list roles among " + ROLES));
            return;
        }
        var activity = activity("comment", (String) ((Map<String, Object>) comment).get("body"), member, Instant.now());
        if (policy != null) {
            activity.put("policy", policy); // kept, though the activity feed's documented shape does not show it
        }
        feed.add(activity);
        if (answerCreatesWithId) {
            Simulator.json(ctx, 200, Map.of("id", activity.get("id")));
        } else {
            ctx.status(201);
        }
    }

    /** A page of the feed, oldest first; {@code since_id} continues after an activity, as paging.next says. */
    private void listActivities(Context ctx) {
        List<Map<String, Object>> feed = feed(ctx);
        if (feed == null) {
            return;
        }
        int limit = 50;
        String given = ctx.queryParam("limit");
        if (given != null) {
            if (!given.matches("\\d{1,3}") || Integer.parseInt(given) < 1 || Integer.parseInt(given) > 100) {
                Simulator.json(ctx, 422, Map.of("error", "limit must be between 1 and 100"));
                return;
            }
            limit = Integer.parseInt(given);
        }
        String since = ctx.queryParam("since_id");
        var all = List.copyOf(feed);
        int start = 0;
        if (since != null) {
            start = all.size();
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).get("id").equals(since)) {
                    start = i + 1;
                }
            }
        }
        var page = new ArrayList<>(all.subList(start, Math.min(all.size(), start + limit)));
        var answer = new LinkedHashMap<String, Object>();
        answer.put("activities", page.stream().map(WorkableSimulator::shown).toList());
        if (start + limit < all.size()) {
            answer.put("paging", Map.of("next", ctx.scheme() + "://" + ctx.host() + ctx.path() + "?limit=" + limit
                    + "&since_id=" + page.get(page.size() - 1).get("id")));
        }
        Simulator.json(ctx, 200, answer);
    }

    /** An activity as the feed shows it: the documented fields only. */
    private static Map<String, Object> shown(Map<String, Object> activity) {
        var copy = new LinkedHashMap<>(activity);
        copy.remove("policy");
        return copy;
    }

    private Map<String, Object> activity(String action, String body, String member, Instant at) {
        var activity = new LinkedHashMap<String, Object>();
        activity.put("id", Long.toHexString(nextId.getAndIncrement()));
        activity.put("action", action);
        activity.put("stage_name", "Applied");
        activity.put("created_at", at.truncatedTo(ChronoUnit.SECONDS).toString());
        activity.put("body", body);
        activity.put("member", member == null ? null : Map.of("id", member, "name", memberName(member)));
        return activity;
    }

    private static String memberName(String id) {
        return WorkableWorld.MEMBERS.stream().filter(member -> member.get("id").equals(id))
                .map(member -> (String) member.get("name")).findFirst().orElse(null);
    }

    private List<Map<String, Object>> feed(Context ctx) {
        List<Map<String, Object>> feed = activities.of(ctx.pathParam("id")).orElse(null);
        if (feed == null) {
            Simulator.json(ctx, 404, Map.of("error", "Not found"));
        }
        return feed;
    }
}
