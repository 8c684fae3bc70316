package dev.switchboard.sandbox;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulated Teamtailor's company: users, jobs, candidates and the job applications that
 * join them, made the same way on every start, and rendered as JSON:API resources with
 * Teamtailor's dasherized attributes.
 *
 * <p>Shapes, all from the repository Teamtailor/docs: {@code source/includes/candidates/_index.md.erb}
 * (the candidate object, its attributes and relations), {@code job_applications/_index.md.erb}
 * (a job application always relates to one candidate and one job), {@code jobs/_index.md.erb}
 * (status, human-status, the recruiter as the {@code user} relation), {@code users/_index.md.erb}.
 * Relationship data appears only for included relations, as jsonapi.org/format/#fetching-includes
 * has it; otherwise a relationship carries its links alone, as in every documented example.
 * The hiring setup (departments, locations, reject reasons, each job's stages, where each
 * application stands) is {@link TeamtailorHiring}'s; uploads and resumes are {@link TeamtailorFiles}'.
 */
final class TeamtailorWorld {

    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    static final long FIRST_CANDIDATE = 4;
    static final int CANDIDATES = 124;

    private static final String[] FIRST = {"Astrid", "Bo", "Cecilia", "David", "Elin", "Filip", "Greta", "Hugo",
        "Ida", "Johan", "Karin", "Lars"};
    private static final String[] LAST = {"Andersson", "Berg", "Carlsson", "Dahl", "Ek", "Falk", "Gustafsson",
        "Holm", "Isaksson", "Jonsson", "Karlsson"};
    private static final OffsetDateTime START = OffsetDateTime.of(2026, 1, 5, 9, 0, 0, 0, ZoneOffset.ofHours(1));

    record Relation(String name, String type, List<Long> ids) {
    }

    /** Relations that link to many resources: their linkage is an array (jsonapi.org/format/#document-resource-object-linkage). */
    private static final Set<String> TO_MANY = Set.of("job-applications", "uploads", "activities", "roles", "teams",
            "triggers");

    private record Resource(long id, Map<String, Object> attributes) {
    }

    private record Application(long id, long candidate, long job, Map<String, Object> attributes) {
    }

    private final ConcurrentSkipListMap<Long, Resource> users = new ConcurrentSkipListMap<>();
    private final ConcurrentSkipListMap<Long, Resource> jobs = new ConcurrentSkipListMap<>();
    private final Map<Long, Long> recruiters = new ConcurrentSkipListMap<>();
    private final ConcurrentSkipListMap<Long, Resource> candidates = new ConcurrentSkipListMap<>();
    private final ConcurrentSkipListMap<Long, Application> applications = new ConcurrentSkipListMap<>();
    private final AtomicLong nextCandidate = new AtomicLong(FIRST_CANDIDATE + CANDIDATES);
    private final AtomicLong nextApplication = new AtomicLong(3000);
    private final TeamtailorHiring hiring;
    private final TeamtailorFiles files;

    TeamtailorWorld() {
        user(2, "Sandbox Admin", "admin");
        user(3, "Sandbox Recruiter", "recruiter");
        user(8, "Sandbox Hiring Manager", "user");
        job(7263, "Account manager", "open", "published", 2);
        job(7264, "Backend developer", "open", "published", 3);
        job(7265, "Marketing manager", "draft", "draft", 8);
        job(7266, "Office manager", "archived", "archived", 2);
        long[] jobIds = {7263, 7264, 7265, 7266};
        hiring = new TeamtailorHiring(List.of(7263L, 7264L, 7265L, 7266L));
        files = new TeamtailorFiles(FIRST_CANDIDATE, FIRST_CANDIDATE + 1, 7263);
        for (int i = 0; i < CANDIDATES; i++) {
            long id = FIRST_CANDIDATE + i;
            String first = FIRST[i % FIRST.length];
            String last = LAST[(i / FIRST.length) % LAST.length];
            OffsetDateTime created = START.plusHours(3L * i);
            var attributes = candidate(first, last, (first + "." + last + "." + id + "@example.com")
                    .toLowerCase(Locale.ROOT), created);
            attributes.put("phone", String.format("+46 70 000 %04d", id));
            attributes.put("linkedin-url", i % 5 == 0 ? "https://www.linkedin.com/in/" + first.toLowerCase(Locale.ROOT)
                    + "-" + id : null);
            attributes.put("tags", i % 3 == 0 ? List.of("Java") : List.of());
            candidates.put(id, new Resource(id, attributes));
            apply(id, jobIds[i % jobIds.length], created.plusMinutes(10), i % 7 == 6, i % 2 == 0 ? "Teamtailor" : "LinkedIn");
            if (i % 5 == 0) {
                apply(id, jobIds[(i + 1) % jobIds.length], created.plusDays(2), false, null);
            }
        }
    }

    private void user(long id, String name, String role) {
        var attributes = new LinkedHashMap<String, Object>();
        String email = name.toLowerCase(Locale.ROOT).replace(' ', '.') + "@example.com";
        attributes.put("description", "");
        attributes.put("email", email);
        attributes.put("external-id", null);
        attributes.put("hide-email", false);
        attributes.put("login-email", email);
        attributes.put("name", name);
        attributes.put("phone", "");
        attributes.put("role", role);
        attributes.put("title", role.equals("admin") ? "Head of Talent" : "Recruiter");
        attributes.put("username", name.toLowerCase(Locale.ROOT).replace(" ", ""));
        attributes.put("visible", true);
        users.put(id, new Resource(id, attributes));
    }

    private void job(long id, String title, String status, String humanStatus, long recruiter) {
        var attributes = new LinkedHashMap<String, Object>();
        attributes.put("apply-button-text", null);
        attributes.put("body", "<p>" + title + " at the sandbox company.</p>");
        attributes.put("end-date", null);
        attributes.put("human-status", humanStatus);
        attributes.put("internal", false);
        attributes.put("picture", null);
        attributes.put("pinned", false);
        attributes.put("start-date", null);
        attributes.put("status", status);
        attributes.put("title", title);
        attributes.put("pitch", "Become part of something great!");
        attributes.put("remote-status", "hybrid");
        attributes.put("tags", List.of());
        attributes.put("external-application-url", null);
        attributes.put("created-at", STAMP.format(START.minusDays(30).plusDays(id - 7263)));
        jobs.put(id, new Resource(id, attributes));
        recruiters.put(id, recruiter);
    }

    private static LinkedHashMap<String, Object> candidate(String first, String last, String email,
            OffsetDateTime created) {
        var attributes = new LinkedHashMap<String, Object>();
        attributes.put("connected", false);
        attributes.put("created-at", STAMP.format(created));
        attributes.put("email", email);
        attributes.put("facebook-id", null);
        attributes.put("first-name", first);
        attributes.put("internal", false);
        attributes.put("last-name", last);
        attributes.put("linkedin-uid", null);
        attributes.put("linkedin-url", null);
        attributes.put("original-resume", null);
        attributes.put("phone", null);
        attributes.put("picture", null);
        attributes.put("pitch", null);
        attributes.put("referring-site", null);
        attributes.put("referring-url", null);
        attributes.put("referred", false);
        attributes.put("resume", null);
        attributes.put("sourced", false);
        attributes.put("unsubscribed", false);
        attributes.put("updated-at", STAMP.format(created));
        attributes.put("facebook-profile", null);
        attributes.put("linkedin-profile", null);
        attributes.put("tags", List.of());
        return attributes;
    }

    private void apply(long candidate, long job, OffsetDateTime at, boolean rejected, String site) {
        long id = nextApplication.getAndIncrement();
        var attributes = new LinkedHashMap<String, Object>();
        attributes.put("created-at", STAMP.format(at));
        attributes.put("cover-letter", "");
        attributes.put("updated-at", STAMP.format(rejected ? at.plusDays(3) : at));
        attributes.put("rejected-at", rejected ? STAMP.format(at.plusDays(3)) : null);
        attributes.put("referring-url", null);
        attributes.put("referring-site", site);
        attributes.put("sourced", site == null);
        attributes.put("changed-stage-at", STAMP.format(at));
        applications.put(id, new Application(id, candidate, job, attributes));
        // Seeded applications stand in their job's first three stages; a rejected one keeps its stage.
        hiring.place(id, job, (int) (id % 3), rejected ? 1 + id % 3 : null);
    }

    TeamtailorHiring hiring() {
        return hiring;
    }

    TeamtailorFiles files() {
        return files;
    }

    /** The job an application is for. */
    long jobOf(long application) {
        return applications.get(application).job();
    }

    /**
     * An update of an application (job_applications/_update.md.erb): a new current stage, and
     * rejected-at with the reject reason; updated-at is the time of the change, changed-stage-at
     * too when the stage changed (job_applications/_index.md.erb: "Date when candidate was added to
     * current stage").
     */
    void updateApplication(long id, Optional<Long> stage, Optional<Optional<String>> rejectedAt,
            Optional<Optional<Long>> reason) {
        Application application = applications.get(id);
        String now = STAMP.format(OffsetDateTime.now(ZoneOffset.ofHours(1)));
        stage.ifPresent(to -> {
            if (!hiring.stageOf(id).equals(Optional.of(to))) {
                application.attributes().put("changed-stage-at", now);
            }
            hiring.move(id, to);
        });
        rejectedAt.ifPresent(at -> application.attributes().put("rejected-at", at.orElse(null)));
        reason.ifPresent(to -> hiring.reject(id, to.orElse(null)));
        application.attributes().put("updated-at", now);
    }

    // ---- reads ----

    boolean hasUser(String id) {
        return number(id).map(users::containsKey).orElse(false);
    }

    boolean hasCandidate(String id) {
        return number(id).map(candidates::containsKey).orElse(false);
    }

    List<Long> candidateIds(Optional<String> email) {
        return candidates.values().stream()
                .filter(c -> email.map(e -> e.equalsIgnoreCase(String.valueOf(c.attributes().get("email")))).orElse(true))
                .map(Resource::id).toList();
    }

    List<Long> userIds() {
        return List.copyOf(users.keySet());
    }

    /** Jobs with that human status, or all of them for {@code all}. */
    List<Long> jobIds(String humanStatus) {
        return jobs.values().stream()
                .filter(j -> humanStatus.equals("all") || humanStatus.equals(j.attributes().get("human-status")))
                .map(Resource::id).toList();
    }

    List<Long> applicationIds(Optional<Long> candidate) {
        return applications.values().stream().filter(a -> candidate.map(c -> c == a.candidate()).orElse(true))
                .map(Application::id).toList();
    }

    boolean exists(String type, long id) {
        return switch (type) {
            case "candidates" -> candidates.containsKey(id);
            case "jobs" -> jobs.containsKey(id);
            case "users" -> users.containsKey(id);
            case "job-applications" -> applications.containsKey(id);
            case "uploads" -> files.hasUpload(id);
            default -> hiring.exists(type, id);
        };
    }

    /** The relations a resource names, each with the ids it links to. */
    List<Relation> relations(String type, long id) {
        return switch (type) {
            case "candidates" -> List.of(new Relation("activities", "activities", List.of()),
                    new Relation("job-applications", "job-applications", applicationIds(Optional.of(id))),
                    new Relation("uploads", "uploads", files.uploadIds(Optional.of(id))));
            case "job-applications" -> {
                Application a = applications.get(id);
                yield List.of(new Relation("candidate", "candidates", List.of(a.candidate())),
                        new Relation("job", "jobs", List.of(a.job())),
                        new Relation("stage", "stages", hiring.stageOf(id).map(List::of).orElse(List.of())),
                        new Relation("reject-reason", "reject-reasons",
                                hiring.reasonOf(id).map(List::of).orElse(List.of())));
            }
            // stages/_index.md.erb: job-applications, triggers, job.
            case "stages" -> List.of(new Relation("job-applications", "job-applications", List.of()),
                    new Relation("triggers", "triggers", List.of()),
                    new Relation("job", "jobs", List.of(hiring.stage(id).orElseThrow().job())));
            // reject_reasons/_index.md.erb: job-applications.
            case "reject-reasons" -> List.of(new Relation("job-applications", "job-applications", List.of()));
            // departments/_index.md.erb: roles, teams.
            case "departments" -> List.of(new Relation("roles", "roles", List.of()),
                    new Relation("teams", "teams", List.of()));
            // locations/_index.md.erb documents no relations.
            case "locations" -> List.of();
            // uploads/_index.md.erb: candidate, job.
            case "uploads" -> {
                TeamtailorFiles.Upload upload = files.upload(id);
                yield List.of(new Relation("candidate", "candidates", List.of(upload.candidate())),
                        new Relation("job", "jobs", upload.job() == null ? List.of() : List.of(upload.job())));
            }
            case "jobs" -> List.of(new Relation("activities", "activities", List.of()),
                    new Relation("user", "users", List.of(recruiters.get(id))));
            default -> List.of(new Relation("activities", "activities", List.of()));
        };
    }

    /** The JSON:API resource object; relations named in {@code included} carry their linkage. */
    Map<String, Object> resource(String type, long id, String base, Set<String> included) {
        var resource = new LinkedHashMap<String, Object>();
        resource.put("id", String.valueOf(id));
        resource.put("type", type);
        resource.put("links", Map.of("self", base + "/" + type + "/" + id));
        resource.put("attributes", attributes(type, id, base.substring(0, base.length() - "/v1".length())));
        var relationships = new LinkedHashMap<String, Object>();
        for (Relation relation : relations(type, id)) {
            var entry = new LinkedHashMap<String, Object>();
            entry.put("links", Map.of("self", base + "/" + type + "/" + id + "/relationships/" + relation.name(),
                    "related", base + "/" + type + "/" + id + "/" + relation.name()));
            if (included.contains(relation.name())) {
                var linkage = relation.ids().stream().map(to -> Map.of("id", String.valueOf(to), "type", relation.type()))
                        .toList();
                entry.put("data", TO_MANY.contains(relation.name()) ? linkage
                        : linkage.isEmpty() ? null : linkage.get(0));
            }
            relationships.put(relation.name(), entry);
        }
        resource.put("relationships", relationships);
        return resource;
    }

    private Map<String, Object> attributes(String type, long id, String origin) {
        return switch (type) {
            case "candidates" -> {
                var attributes = new LinkedHashMap<>(candidates.get(id).attributes());
                files.resumeLinks(id, attributes, origin);
                yield attributes;
            }
            case "uploads" -> files.uploadAttributes(id, origin);
            case "jobs" -> new LinkedHashMap<>(jobs.get(id).attributes());
            case "users" -> new LinkedHashMap<>(users.get(id).attributes());
            case "job-applications" -> new LinkedHashMap<>(applications.get(id).attributes());
            default -> hiring.attributes(type, id);
        };
    }

    // ---- writes ----

    /** The candidate with that email, compared as Teamtailor keeps emails unique. */
    Optional<Long> candidateWithEmail(String email) {
        return candidateIds(Optional.of(email)).stream().findFirst();
    }

    /** Adds a candidate from written attributes, with the read-only ones Teamtailor sets; its id. */
    long addCandidate(Map<String, Object> written) {
        long id = nextCandidate.getAndIncrement();
        putCandidate(id, written);
        return id;
    }

    /** A candidate with a given id, as made in Teamtailor itself. */
    void addCandidate(long id) {
        putCandidate(id, Map.of("first-name", "Added", "last-name", "Candidate", "email", "candidate." + id + "@example.com"));
    }

    private void putCandidate(long id, Map<String, Object> written) {
        var attributes = candidate(null, null, null, OffsetDateTime.now(ZoneOffset.ofHours(1)));
        written.forEach((name, value) -> {
            if (attributes.containsKey(name)) {
                attributes.put(name, value);
            }
        });
        candidates.put(id, new Resource(id, attributes));
    }

    /** Merges written attributes into an existing candidate (the create's {@code merge}). */
    void mergeCandidate(long id, Map<String, Object> written) {
        var attributes = new LinkedHashMap<>(candidates.get(id).attributes());
        written.forEach((name, value) -> {
            if (attributes.containsKey(name)) {
                attributes.put(name, value);
            }
        });
        attributes.put("updated-at", STAMP.format(OffsetDateTime.now(ZoneOffset.ofHours(1))));
        candidates.put(id, new Resource(id, attributes));
    }

    static Optional<Long> number(String text) {
        return text != null && text.matches("\\d{1,18}") ? Optional.of(Long.parseLong(text)) : Optional.empty();
    }
}
