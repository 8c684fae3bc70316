package dev.switchboard.sandbox;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulated Workable account: jobs by shortcode, members, and candidates, each in one job.
 * Built the same on every start. Ids are hexadecimal of one length, so ordering them as text
 * orders them by creation, which is what {@code since_id} and {@code max_id} compare.
 *
 * <p>Shapes: workable.readme.io/reference/job-candidates-index and job-candidates-show (a
 * candidate's keys), workable.readme.io/reference/jobs and get-job, workable.readme.io/reference/members.
 */
final class WorkableWorld {

    static final int CANDIDATES = 125;
    static final String ACCOUNT = "Sandbox Inc";
    private static final Instant EPOCH = Instant.parse("2026-06-01T09:00:00Z");
    private static final String[] FIRST = {"Alma", "Bruno", "Chiara", "Dev", "Elif", "Farid", "Greta", "Hideo"};
    private static final String[] LAST = {"Berg", "Costa", "Duarte", "Engel", "Fischer", "Gupta", "Ivanova"};

    static final List<Map<String, Object>> JOBS = List.of(
            job("61884e1", "SANDB001", "Backend Engineer", "published", "Engineering", "Athens, Greece"),
            job("61884e2", "SANDB002", "Sales Intern", "published", "Sales", "Portland, Oregon, United States"),
            job("61884e3", "SANDB003", "Office Manager", "closed", "Operations", "London, United Kingdom"));
    static final List<Map<String, Object>> MEMBERS = List.of(
            member(WorkableSimulator.MEMBER_ID, "Ann Recruiter", "admin"),
            member(WorkableSimulator.OTHER_MEMBER_ID, "Ben Hiring-Manager", "simple"),
            member("13e0f4", "Cleo Reviewer", "reviewer"));

    /** Oldest first: ascending ids. */
    private final List<Map<String, Object>> candidates = new CopyOnWriteArrayList<>();
    private final AtomicLong nextId;

    WorkableWorld(String firstCandidateId) {
        long first = Long.parseLong(firstCandidateId, 16);
        for (int i = 0; i < CANDIDATES; i++) {
            String given = FIRST[i % FIRST.length];
            String family = LAST[i % LAST.length];
            candidates.add(candidate(Long.toHexString(first + i), given, family,
                    given.toLowerCase() + "." + family.toLowerCase() + "." + i + "@candidates.example",
                    "+30 210 555 " + (1000 + i), List.of(), JOBS.get(i % 3), EPOCH.plus(i, ChronoUnit.HOURS)));
        }
        nextId = new AtomicLong(first + CANDIDATES);
    }

    List<Map<String, Object>> candidates() {
        return List.copyOf(candidates);
    }

    Optional<Map<String, Object>> candidate(String id) {
        return candidates.stream().filter(c -> c.get("id").equals(id)).findFirst();
    }

    static Optional<Map<String, Object>> job(String shortcode) {
        return JOBS.stream().filter(job -> job.get("shortcode").equals(shortcode)).findFirst();
    }

    /** A candidate added through the API: the newest id. */
    Map<String, Object> add(String firstname, String lastname, String email, String phone, List<String> tags,
            Map<String, Object> job) {
        var added = candidate(Long.toHexString(nextId.getAndIncrement()), firstname, lastname, email, phone, tags, job,
                Instant.now().truncatedTo(ChronoUnit.SECONDS));
        candidates.add(added);
        return added;
    }

    /** A candidate with a known id, in the first job: for tests that need one more. */
    void addWithId(String id) {
        if (candidate(id).isEmpty()) {
            candidates.add(candidate(id, "Extra", id, null, null, List.of(), JOBS.get(0), Instant.now()
                    .truncatedTo(ChronoUnit.SECONDS)));
        }
    }

    /** The keys the candidate list documents; a get adds the rest. */
    static Map<String, Object> listed(Map<String, Object> candidate) {
        var item = new LinkedHashMap<String, Object>();
        for (String key : List.of("id", "name", "firstname", "lastname", "headline", "account", "job", "stage",
                "stage_kind", "disqualified", "withdrew", "disqualification_reason", "sourced", "profile_url", "email", "domain", "created_at",
                "updated_at", "hired_at", "address", "phone")) {
            item.put(key, candidate.get(key));
        }
        return item;
    }

    private static Map<String, Object> candidate(String id, String firstname, String lastname, String email,
            String phone, List<String> tags, Map<String, Object> job, Instant created) {
        var candidate = new LinkedHashMap<String, Object>();
        candidate.put("id", id);
        candidate.put("name", firstname + " " + lastname);
        candidate.put("firstname", firstname);
        candidate.put("lastname", lastname);
        candidate.put("headline", null);
        candidate.put("account", Map.of("subdomain", WorkableSimulator.SUBDOMAIN, "name", ACCOUNT));
        candidate.put("job", Map.of("shortcode", job.get("shortcode"), "title", job.get("title")));
        candidate.put("stage", "applied");
        candidate.put("stage_kind", "applied");
        candidate.put("disqualified", false);
        candidate.put("withdrew", false);
        candidate.put("disqualification_reason", null);
        candidate.put("disqualified_at", null);
        candidate.put("sourced", true);
        candidate.put("profile_url", "https://" + WorkableSimulator.SUBDOMAIN + ".workable.com/backend/candidates/" + id);
        candidate.put("email", email);
        candidate.put("domain", null);
        candidate.put("created_at", created.toString());
        candidate.put("updated_at", created.toString());
        candidate.put("hired_at", null);
        candidate.put("address", null);
        candidate.put("phone", phone);
        candidate.put("tags", List.copyOf(tags));
        candidate.put("social_profiles", List.of());
        return Collections.synchronizedMap(candidate);
    }

    private static Map<String, Object> job(String id, String shortcode, String title, String state, String department,
            String location) {
        var job = new LinkedHashMap<String, Object>();
        job.put("id", id);
        job.put("title", title);
        job.put("full_title", title + " - " + shortcode);
        job.put("shortcode", shortcode);
        job.put("code", shortcode);
        job.put("state", state);
        job.put("department", department);
        job.put("url", "https://" + WorkableSimulator.SUBDOMAIN + ".workable.com/jobs/" + shortcode);
        job.put("shortlink", "https://" + WorkableSimulator.SUBDOMAIN + ".workable.com/j/" + shortcode);
        job.put("location", Map.of("location_str", location, "telecommuting", false));
        job.put("created_at", "2026-05-01T08:00:00Z");
        return Collections.unmodifiableMap(job);
    }

    private static Map<String, Object> member(String id, String name, String role) {
        var member = new LinkedHashMap<String, Object>();
        member.put("id", id);
        member.put("name", name);
        member.put("headline", role.equals("admin") ? "Recruiting lead" : null);
        member.put("email", name.split(" ")[0].toLowerCase() + "@" + WorkableSimulator.SUBDOMAIN + ".example");
        member.put("role", role);
        member.put("active", true);
        return Collections.unmodifiableMap(member);
    }
}
