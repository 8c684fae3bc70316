package dev.switchboard.sandbox;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The simulated Greenhouse's organization: users, jobs, candidates and the applications that
 * join them, made the same way on every start, each a Harvest v3 object as a JSON map.
 *
 * <p>Shapes: the objects Greenhouse documents (grnhse/greenhouse-api-docs,
 * {@code source/includes/harvest/_candidates.md}, {@code _applications.md}, {@code _jobs.md},
 * {@code _users.md}) reshaped by Harvest v3's rules (harvestdocs.greenhouse.io/docs/standardizations:
 * ISO-8601 UTC {@code *_at} times, {@code created_at} and {@code updated_at} on every resource,
 * a child names its parents' ids, a parent names no children; /docs/overview-and-philosophy:
 * a candidate no longer embeds its applications). Which v1 fields v3 kept is not in the sources
 * read: the fields here are a guess from the documented v1 objects, kept to the plain ones.
 *
 * <p>Each job has its own four stages ({@code _job_stages.md}: a stage names its {@code job_id},
 * {@code priority} 0 first, {@code active}), and each application is in one of its job's stages,
 * shown as the documented {@code current_stage {id, name}}; a rejected one names its
 * {@code rejection_reason {id, name, type}} ({@code _rejection_reasons.md}, {@code _applications.md}).
 * A move or a reject replaces the application's map, so a list being written out is never changed
 * under it.
 */
final class GreenhouseWorld {

    static final long FIRST_CANDIDATE = 53883394;
    static final int CANDIDATES = 124;
    static final long FIRST_APPLICATION = 69306314;

    private static final String[] FIRST = {"John", "Kate", "Jack", "Juliet", "Hugo", "Sayid", "Sun", "Jin",
        "Claire", "Charlie", "Desmond", "Penny"};
    private static final String[] LAST = {"Locke", "Austen", "Shephard", "Burke", "Reyes", "Jarrah", "Kwon",
        "Littleton", "Pace", "Hume", "Widmore"};
    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
    /** Stage names in pipeline order, as Greenhouse's default interview plan names them (_job_stages.md, _applications.md). */
    static final List<String> STAGES = List.of("Application Review", "Recruiter Phone Screen", "Face to Face", "Offer");
    /** The organization's rejection reasons (_rejection_reasons.md, its documented names and types). */
    private static final List<Map<String, Object>> REASONS = List.of(
            reason(262, "Missing resume", 1, "We rejected them"),
            reason(263, "Lacking skill(s)/qualification(s)", 1, "We rejected them"),
            reason(264, "Took another offer", 2, "They rejected us"));

    private final List<Map<String, Object>> users = new ArrayList<>();
    private final List<Map<String, Object>> jobs = new ArrayList<>();
    private final List<Map<String, Object>> candidates = new ArrayList<>();
    private final List<Map<String, Object>> applications = new ArrayList<>();
    private final List<Map<String, Object>> stages = new ArrayList<>();

    GreenhouseWorld() {
        user(4080, "Kate", "Austen", true);
        user(4081, "Juliet", "Burke", false);
        user(4082, "Benjamin", "Linus", false);
        job(6404, "Archaeologist", "open", "abc123");
        job(6405, "Flight Engineer", "open", "abc124");
        job(6406, "Island Caretaker", "closed", "abc125");
        long[] jobIds = {6404, 6405, 6406};
        for (int i = 0; i < CANDIDATES; i++) {
            long id = FIRST_CANDIDATE + i;
            String first = FIRST[i % FIRST.length];
            String last = LAST[(i / FIRST.length) % LAST.length];
            Instant created = START.plus(2L * i, ChronoUnit.HOURS);
            var candidate = new LinkedHashMap<String, Object>();
            candidate.put("id", id);
            candidate.put("first_name", first);
            candidate.put("last_name", last);
            candidate.put("company", i % 4 == 0 ? "The Tustin Box Company" : null);
            candidate.put("title", i % 4 == 0 ? "Customer Success Representative" : null);
            candidate.put("is_private", i % 11 == 10);
            candidate.put("can_email", true);
            candidate.put("email_addresses", List.of(Map.of("value",
                    (first + "." + last + "." + id + "@example.com").toLowerCase(Locale.ROOT), "type", "personal")));
            candidate.put("phone_numbers", List.of(Map.of("value", String.format("555-555-%04d", i), "type", "mobile")));
            candidate.put("website_addresses", List.of());
            candidate.put("tags", i % 3 == 0 ? List.of("Python") : List.of());
            candidate.put("last_activity", stamp(created.plus(1, ChronoUnit.DAYS)));
            candidate.put("created_at", stamp(created));
            candidate.put("updated_at", stamp(created.plus(1, ChronoUnit.DAYS)));
            candidates.add(candidate);
            apply(id, jobIds[i % jobIds.length], created.plus(5, ChronoUnit.MINUTES), i % 7 == 6);
            if (i % 5 == 0) {
                apply(id, jobIds[(i + 1) % jobIds.length], created.plus(3, ChronoUnit.DAYS), false);
            }
        }
    }

    private void user(long id, String first, String last, boolean siteAdmin) {
        var user = new LinkedHashMap<String, Object>();
        String email = (first + "." + last + "@example.com").toLowerCase(Locale.ROOT);
        user.put("id", id);
        user.put("name", first + " " + last);
        user.put("first_name", first);
        user.put("last_name", last);
        user.put("primary_email_address", email);
        user.put("emails", List.of(email));
        user.put("disabled", false);
        user.put("site_admin", siteAdmin);
        user.put("employee_id", null);
        user.put("created_at", stamp(START.minus(400, ChronoUnit.DAYS).plus(id - 4080, ChronoUnit.DAYS)));
        user.put("updated_at", stamp(START.minus(10, ChronoUnit.DAYS)));
        users.add(user);
    }

    private void job(long id, String name, String status, String requisition) {
        var job = new LinkedHashMap<String, Object>();
        Instant opened = START.minus(60, ChronoUnit.DAYS).plus(id - 6404, ChronoUnit.DAYS);
        job.put("id", id);
        job.put("name", name);
        job.put("requisition_id", requisition);
        job.put("notes", "<p>" + name + " on the island.</p>");
        job.put("confidential", false);
        job.put("status", status);
        job.put("opened_at", stamp(opened));
        job.put("closed_at", status.equals("closed") ? stamp(START.minus(1, ChronoUnit.DAYS)) : null);
        job.put("created_at", stamp(opened.minus(1, ChronoUnit.DAYS)));
        job.put("updated_at", stamp(opened));
        jobs.add(job);
        for (int i = 0; i < STAGES.size(); i++) {
            var stage = new LinkedHashMap<String, Object>();
            stage.put("id", stageId(id, i));
            stage.put("name", STAGES.get(i));
            stage.put("created_at", stamp(opened));
            stage.put("updated_at", stamp(opened));
            stage.put("active", true);
            stage.put("job_id", id);
            stage.put("priority", i);
            stage.put("interviews", List.of());
            stages.add(stage);
        }
    }

    /** A job's i-th stage's id: unique across jobs, ascending in pipeline order. */
    static long stageId(long job, int i) {
        return job * 10 + i;
    }

    private static Map<String, Object> reason(long id, String name, long type, String typeName) {
        return Map.of("id", id, "name", name, "type", Map.of("id", type, "name", typeName),
                "created_at", "2025-01-06T10:00:00.000Z", "updated_at", "2025-01-06T10:00:00.000Z");
    }

    private void apply(long candidate, long job, Instant at, boolean rejected) {
        var application = new LinkedHashMap<String, Object>();
        application.put("id", FIRST_APPLICATION + applications.size());
        application.put("candidate_id", candidate);
        application.put("job_id", job);
        application.put("prospect", false);
        application.put("status", rejected ? "rejected" : "active");
        application.put("applied_at", stamp(at));
        application.put("rejected_at", rejected ? stamp(at.plus(2, ChronoUnit.DAYS)) : null);
        int stage = applications.size() % STAGES.size();
        application.put("current_stage", Map.of("id", stageId(job, stage), "name", STAGES.get(stage)));
        application.put("rejection_reason", rejected ? REASONS.get(applications.size() % REASONS.size()) : null);
        application.put("last_activity_at", stamp(at.plus(2, ChronoUnit.DAYS)));
        application.put("created_at", stamp(at));
        application.put("updated_at", stamp(at.plus(2, ChronoUnit.DAYS)));
        applications.add(application);
    }

    private static String stamp(Instant at) {
        return at.truncatedTo(ChronoUnit.MILLIS).toString().replace("Z", "").concat(
                at.getNano() == 0 ? ".000Z" : "Z");
    }

    /** Every object of a resource, by ascending id; empty for a resource this world does not have. */
    synchronized List<Map<String, Object>> all(String resource) {
        return switch (resource) {
            case "candidates" -> List.copyOf(candidates);
            case "applications" -> List.copyOf(applications);
            case "jobs" -> List.copyOf(jobs);
            case "users" -> List.copyOf(users);
            case "job_stages" -> List.copyOf(stages);
            case "rejection_reasons" -> REASONS;
            default -> List.of();
        };
    }

    synchronized Optional<Map<String, Object>> application(long id) {
        return applications.stream().filter(a -> ((Number) a.get("id")).longValue() == id).findFirst();
    }

    Optional<Map<String, Object>> stage(long id) {
        return stages.stream().filter(s -> ((Number) s.get("id")).longValue() == id).findFirst();
    }

    Optional<Map<String, Object>> reason(long id) {
        return REASONS.stream().filter(r -> ((Number) r.get("id")).longValue() == id).findFirst();
    }

    /** The application with these fields changed, as a new map in its place; updated_at is now. */
    synchronized void change(long id, Map<String, Object> fields) {
        for (int i = 0; i < applications.size(); i++) {
            if (((Number) applications.get(i).get("id")).longValue() == id) {
                var changed = new LinkedHashMap<>(applications.get(i));
                changed.putAll(fields);
                changed.put("updated_at", stamp(Instant.now()));
                applications.set(i, changed);
                return;
            }
        }
        throw new IllegalArgumentException("no application " + id);
    }

    static String now() {
        return stamp(Instant.now());
    }

    boolean hasUser(String id) {
        return users.stream().anyMatch(user -> String.valueOf(user.get("id")).equals(id));
    }
}
