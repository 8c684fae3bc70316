package dev.switchboard.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The simulated Ashby's people and jobs: users, jobs, candidates and their applications,
 * generated the same way on every start. Object shapes follow Ashby's published OpenAPI
 * description (candidate.info, application.info, job.info and user.info results; stored
 * copy: api-evangelist/ashby, openapi/ashby-*-api-openapi.yml).
 */
final class AshbyWorld {

    /** Enough candidates that a unified page of 100 needs two Ashby pages (Ashby's limit is at most 100). */
    static final int GENERATED_CANDIDATES = 120;
    private static final Instant EPOCH = Instant.parse("2026-01-05T09:00:00Z");
    private static final List<String> FIRST = List.of("Grace", "Alan", "Katherine", "Edsger", "Barbara", "Donald",
            "Frances", "Dennis", "Radia", "Tim", "Margaret", "Ken");
    private static final List<String> LAST = List.of("Hopper", "Turing", "Johnson", "Dijkstra", "Liskov", "Knuth",
            "Allen", "Ritchie", "Perlman", "Berners-Lee");

    final List<Map<String, Object>> users = new ArrayList<>();
    final List<Map<String, Object>> jobs = new ArrayList<>();
    final List<Map<String, Object>> candidates = new CopyOnWriteArrayList<>();
    final List<Map<String, Object>> applications = new CopyOnWriteArrayList<>();
    /** Interview plan id → its stages, in order. */
    final Map<String, List<Map<String, Object>>> plans = new LinkedHashMap<>();

    AshbyWorld(Map<String, Object> keyOwner, String... namedCandidates) {
        users.add(user(keyOwner, "Organization Admin"));
        users.add(user(Map.of("id", id("user", 1), "firstName", "Joey", "lastName", "Joe",
                "email", "joey@example.com"), "Elevated Access"));
        users.add(user(Map.of("id", id("user", 2), "firstName", "Mary", "lastName", "Jackson",
                "email", "mary@example.com"), "Limited Access"));
        job(0, "Software Engineer", "Open", "Hiring Manager");
        job(1, "Product Designer", "Open", "Recruiter");
        job(2, "Data Analyst", "Closed", "Hiring Manager");
        int index = 0;
        for (String id : namedCandidates) {
            addGenerated(id, index++);
        }
        for (int i = 0; i < GENERATED_CANDIDATES; i++) {
            addGenerated(id("candidate", i), index++);
        }
    }

    /** A deterministic id, so the world is the same on every start. */
    static String id(String kind, int number) {
        return UUID.nameUUIDFromBytes(("ashby-" + kind + "-" + number).getBytes(StandardCharsets.UTF_8)).toString();
    }

    Optional<Map<String, Object>> find(List<Map<String, Object>> items, String id) {
        return items.stream().filter(item -> item.get("id").equals(id)).findFirst();
    }

    /** A candidate as candidate.create makes one: no applications yet. */
    Map<String, Object> addCandidate(String id, String name, List<String> emails, String phone, Instant createdAt) {
        var candidate = new LinkedHashMap<String, Object>();
        String at = createdAt.truncatedTo(ChronoUnit.MILLIS).toString();
        candidate.put("id", id);
        candidate.put("createdAt", at);
        candidate.put("updatedAt", at);
        candidate.put("name", name);
        List<Map<String, Object>> addresses = new ArrayList<>();
        for (int i = 0; i < emails.size(); i++) {
            addresses.add(contact(emails.get(i), "Personal", i == 0));
        }
        if (!addresses.isEmpty()) {
            candidate.put("primaryEmailAddress", addresses.get(0));
        }
        candidate.put("emailAddresses", addresses);
        List<Map<String, Object>> phones = phone == null ? List.of() : List.of(contact(phone, "Mobile", true));
        if (!phones.isEmpty()) {
            candidate.put("primaryPhoneNumber", phones.get(0));
        }
        candidate.put("phoneNumbers", phones);
        candidate.put("socialLinks", new ArrayList<>());
        candidate.put("tags", new ArrayList<>());
        candidate.put("applicationIds", new CopyOnWriteArrayList<>());
        candidate.put("fileHandles", new ArrayList<>());
        candidate.put("customFields", new ArrayList<>());
        candidate.put("profileUrl", "https://app.ashbyhq.com/candidates/" + id);
        candidates.add(candidate);
        return candidate;
    }

    private void addGenerated(String id, int i) {
        String first = FIRST.get(i % FIRST.size());
        String last = LAST.get((i / FIRST.size()) % LAST.size());
        String email = first.toLowerCase() + "." + last.toLowerCase().replace("-", "") + i + "@example.com";
        var candidate = addCandidate(id, first + " " + last, List.of(email),
                String.format("+1 555 01%02d", i % 100), EPOCH.plus(i, ChronoUnit.HOURS));
        candidate.put("position", i % 2 == 0 ? "Software Engineer" : "Designer");
        candidate.put("company", "Company " + (i % 7));
        candidate.put("socialLinks", List.of(Map.of("type", "LinkedIn", "url", "https://linkedin.com/in/candidate" + i)));
        candidate.put("tags", List.of(Map.of("id", id("tag", i % 2), "title", i % 2 == 0 ? "Referral" : "Sourced",
                "isArchived", false)));
        candidate.put("location", Map.of("id", id("location", 0), "locationSummary", "United States, California, San Francisco",
                "locationComponents", List.of(Map.of("type", "Country", "name", "United States"),
                        Map.of("type", "Region", "name", "California"), Map.of("type", "City", "name", "San Francisco"))));
        apply(candidate, jobs.get(i % jobs.size()), i);
        if (i % 4 == 0) {
            apply(candidate, jobs.get((i + 1) % jobs.size()), i + 1000);
        }
    }

    @SuppressWarnings("unchecked")
    private void apply(Map<String, Object> candidate, Map<String, Object> job, int number) {
        var application = new LinkedHashMap<String, Object>();
        String id = id("application", number);
        String at = (String) candidate.get("createdAt");
        boolean closedJob = "Closed".equals(job.get("status"));
        application.put("id", id);
        application.put("createdAt", at);
        application.put("updatedAt", at);
        application.put("status", closedJob ? "Archived" : "Active");
        application.put("customFields", List.of());
        var summary = new LinkedHashMap<String, Object>();
        summary.put("id", candidate.get("id"));
        summary.put("name", candidate.get("name"));
        summary.put("primaryEmailAddress", candidate.get("primaryEmailAddress"));
        application.put("candidate", summary);
        // Each job has a plan of its own, so a stage of another job is not one of this application's.
        var plan = stagesOf((String) job.get("defaultInterviewPlanId"));
        application.put("currentInterviewStage", plan.get(closedJob ? plan.size() - 1 : 0));
        application.put("source", Map.of("id", id("source", 0), "title", "Applied", "isArchived", false,
                "sourceType", Map.of("id", id("source-type", 0), "title", "Inbound", "isArchived", false)));
        if (closedJob) {
            application.put("archiveReason", Map.of("id", id("archive-reason", 0), "text", "Position closed",
                    "reasonType", "RejectedByOrg", "isArchived", false));
            application.put("archivedAt", at);
        }
        application.put("job", Map.of("id", job.get("id"), "title", job.get("title"),
                "locationId", job.get("locationId"), "departmentId", job.get("departmentId")));
        application.put("creditedToUser", users.get(0));
        application.put("hiringTeam", List.of());
        application.put("appliedViaJobPostingId", ((List<?>) job.get("jobPostingIds")).get(0));
        applications.add(application);
        ((List<Object>) candidate.get("applicationIds")).add(id);
    }

    /**
     * A job's interview plan, in order: the stage kinds Ashby names (Lead, PreInterviewScreen,
     * Active, Offer, Hired, Archived; Ashby's OpenAPI, interviewStage.info and the application's
     * currentInterviewStage), each plan with ids of its own.
     */
    private List<Map<String, Object>> plan(int jobNumber, String planId) {
        var stages = new ArrayList<Map<String, Object>>();
        String[][] kinds = {{"Application Review", "PreInterviewScreen"}, {"Phone Screen", "Active"},
                {"Onsite", "Active"}, {"Offer", "Offer"}, {"Hired", "Hired"}, {"Archived", "Archived"}};
        for (int order = 0; order < kinds.length; order++) {
            var stage = new LinkedHashMap<String, Object>();
            stage.put("id", id("stage", jobNumber * 10 + order));
            stage.put("title", kinds[order][0]);
            stage.put("type", kinds[order][1]);
            stage.put("orderInInterviewPlan", order + 1);
            stage.put("interviewStageGroupId", id("stage-group", order));
            stage.put("interviewPlanId", planId);
            stages.add(java.util.Collections.unmodifiableMap(stage));
        }
        return List.copyOf(stages);
    }

    /** The stages of an interview plan, in order; empty for a plan the world does not have. */
    List<Map<String, Object>> stagesOf(String planId) {
        return plans.getOrDefault(planId, List.of());
    }

    private static Map<String, Object> user(Map<String, Object> person, String role) {
        var user = new LinkedHashMap<String, Object>(person);
        user.put("globalRole", role);
        user.put("isEnabled", true);
        user.put("updatedAt", "2026-01-02T10:00:00.000Z");
        return user;
    }

    private Map<String, Object> job(int number, String title, String status, String ownerRole) {
        var job = new LinkedHashMap<String, Object>();
        var owner = users.get(number % users.size());
        job.put("id", id("job", number));
        job.put("title", title);
        job.put("confidential", false);
        job.put("status", status);
        job.put("employmentType", "FullTime");
        job.put("locationId", id("location", 0));
        job.put("departmentId", id("department", number % 2));
        job.put("defaultInterviewPlanId", id("plan", number));
        job.put("interviewPlanIds", List.of(id("plan", number)));
        plans.put(id("plan", number), plan(number, id("plan", number)));
        job.put("customFields", List.of());
        job.put("jobPostingIds", List.of(id("posting", number)));
        job.put("customRequisitionId", "REQ-" + (100 + number));
        job.put("hiringTeam", List.of(Map.of("userId", owner.get("id"), "firstName", owner.get("firstName"),
                "lastName", owner.get("lastName"), "email", owner.get("email"), "role", ownerRole)));
        job.put("createdAt", "2026-01-0" + (number + 1) + "T08:00:00.000Z");
        job.put("updatedAt", "2026-01-0" + (number + 1) + "T08:00:00.000Z");
        job.put("openedAt", "2026-01-0" + (number + 1) + "T08:00:00.000Z");
        if ("Closed".equals(status)) {
            job.put("closedAt", "2026-02-01T08:00:00.000Z");
        }
        jobs.add(job);
        return job;
    }

    private static Map<String, Object> contact(String value, String type, boolean primary) {
        return Map.of("value", value, "type", type, "isPrimary", primary);
    }
}
