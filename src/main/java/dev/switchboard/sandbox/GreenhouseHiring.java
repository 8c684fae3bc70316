package dev.switchboard.sandbox;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulated Greenhouse's lookups around its applications: departments, offices, candidate
 * tags, scheduled interviews with their scorecards, and offers, each a JSON map by ascending id,
 * made the same way on every start from {@link GreenhouseWorld}'s applications.
 *
 * <p>Shapes: the v1 objects Greenhouse documents (grnhse/greenhouse-api-docs,
 * {@code source/includes/harvest/_departments.md}, {@code _offices.md} with {@code render_as=list},
 * {@code _tags.md}, {@code _scheduled_interviews.md}, {@code _scorecards.md}, {@code _offers.md}),
 * with Harvest v3's {@code created_at} and {@code updated_at} on every resource
 * (harvestdocs.greenhouse.io/docs/standardizations). A scheduled interview is listed at
 * {@code /v3/interviews} (harvestdocs.greenhouse.io/reference/get_v3-interviews). Guesses: which
 * v1 fields v3 kept, and a scorecard naming its scheduled interview as {@code interview_id}.
 */
final class GreenhouseHiring {

    private static final Instant START = Instant.parse("2026-03-04T15:00:00Z");

    private final List<Map<String, Object>> departments = new ArrayList<>();
    private final List<Map<String, Object>> offices = new ArrayList<>();
    private final List<Map<String, Object>> tags = new ArrayList<>();
    private final List<Map<String, Object>> interviews = new ArrayList<>();
    private final List<Map<String, Object>> scorecards = new ArrayList<>();
    private final List<Map<String, Object>> offers = new ArrayList<>();

    GreenhouseHiring(GreenhouseWorld world) {
        department(25907, "Research", null);
        department(25908, "Island Operations", null);
        department(25909, "Hatch Maintenance", 25908L);
        office(47012, "New York", "New York, United States", null);
        office(50891, "Utica", "Utica, New York, United States", 47012L);
        for (String name : List.of("Python", "Rails", "Junior", "Referral")) {
            tags.add(Map.of("id", 365L + tags.size(), "name", name));
        }
        long interview = 9128481;
        long scorecard = 11274;
        long offer = 1142785;
        List<Map<String, Object>> applications = world.all("applications");
        for (int i = 0; i < applications.size(); i++) {
            var application = applications.get(i);
            if (i % 3 != 0) {
                continue;
            }
            long applicationId = ((Number) application.get("id")).longValue();
            Instant at = START.plus(i, ChronoUnit.HOURS);
            boolean done = i % 2 == 0;
            interviews.add(interview(interview, applicationId, at, done));
            if (done) {
                scorecards.add(scorecard(scorecard++, interview, application, at));
            }
            interview++;
            if (i % 9 == 0) {
                offers.add(offer(offer++, application, at));
            }
        }
    }

    private void department(long id, String name, Long parent) {
        var department = new LinkedHashMap<String, Object>();
        department.put("id", id);
        department.put("name", name);
        departments.add(inTree(department, parent));
    }

    private void office(long id, String name, String location, Long parent) {
        var office = new LinkedHashMap<String, Object>();
        office.put("id", id);
        office.put("name", name);
        office.put("location", Map.of("name", location));
        office.put("primary_contact_user_id", 4080L);
        offices.add(inTree(office, parent));
    }

    /** The fields a department and an office end with alike: their place in a tree, and when they were made. */
    private static Map<String, Object> inTree(Map<String, Object> item, Long parent) {
        item.put("parent_id", parent);
        item.put("child_ids", List.of());
        item.put("external_id", null);
        item.put("created_at", "2025-02-03T09:00:00.000Z");
        item.put("updated_at", "2025-02-03T09:00:00.000Z");
        return item;
    }

    /** A scheduled interview as _scheduled_interviews.md shows one: start/end date_time, organizer, interviewers. */
    private static Map<String, Object> interview(long id, long application, Instant at, boolean done) {
        var interview = new LinkedHashMap<String, Object>();
        interview.put("id", id);
        interview.put("application_id", application);
        interview.put("external_event_id", "event" + id);
        interview.put("start", Map.of("date_time", stamp(at)));
        interview.put("end", Map.of("date_time", stamp(at.plus(45, ChronoUnit.MINUTES))));
        interview.put("location", "Big Conference Room");
        interview.put("video_conferencing_url", "http://example.com");
        interview.put("status", done ? "complete" : "scheduled");
        interview.put("created_at", stamp(at.minus(3, ChronoUnit.DAYS)));
        interview.put("updated_at", stamp(at.minus(1, ChronoUnit.DAYS)));
        interview.put("interview", Map.of("id", 7001L, "name", "Culture Fit"));
        interview.put("organizer", Map.of("id", 4082L, "first_name", "Benjamin", "last_name", "Linus",
                "name", "Benjamin Linus", "employee_id", "12345"));
        interview.put("interviewers", List.of(Map.of("id", 4080L, "name", "Kate Austen",
                "email", "kate.austen@example.com", "response_status", "accepted")));
        return interview;
    }

    /** Kate Austen's scorecard on a complete interview, as _scorecards.md shows one. */
    private static Map<String, Object> scorecard(long id, long interview, Map<String, Object> application, Instant at) {
        var scorecard = new LinkedHashMap<String, Object>();
        scorecard.put("id", id);
        scorecard.put("created_at", stamp(at.plus(2, ChronoUnit.HOURS)));
        scorecard.put("updated_at", stamp(at.plus(2, ChronoUnit.HOURS)));
        scorecard.put("interview", "Culture Fit");
        scorecard.put("interview_step", Map.of("id", 7001L, "name", "Culture Fit"));
        scorecard.put("interview_id", interview);
        scorecard.put("candidate_id", application.get("candidate_id"));
        scorecard.put("application_id", application.get("id"));
        scorecard.put("interviewed_at", stamp(at));
        scorecard.put("interviewer", Map.of("id", 4080L, "first_name", "Kate", "last_name", "Austen",
                "name", "Kate Austen", "employee_id", "12345"));
        scorecard.put("submitted_at", stamp(at.plus(2, ChronoUnit.HOURS)));
        scorecard.put("overall_recommendation", id % 2 == 0 ? "yes" : "strong_yes");
        scorecard.put("attributes", List.of(Map.of("name", "Communication", "type", "Skills",
                "note", "What a great communicator!", "rating", "yes")));
        scorecard.put("questions", List.of(Map.of("id", 1234567L,
                "question", "Does the candidate have experience designing APIs?", "answer", "Yes")));
        return scorecard;
    }

    /** An offer as _offers.md shows one: dates as dates, status unresolved until resolved. */
    private static Map<String, Object> offer(long id, Map<String, Object> application, Instant at) {
        var offer = new LinkedHashMap<String, Object>();
        offer.put("id", id);
        offer.put("version", 1);
        offer.put("application_id", application.get("id"));
        offer.put("job_id", application.get("job_id"));
        offer.put("candidate_id", application.get("candidate_id"));
        offer.put("opening", null);
        offer.put("created_at", stamp(at.plus(1, ChronoUnit.DAYS)));
        offer.put("updated_at", stamp(at.plus(2, ChronoUnit.DAYS)));
        offer.put("sent_at", at.plus(2, ChronoUnit.DAYS).toString().substring(0, 10));
        offer.put("resolved_at", null);
        offer.put("starts_at", at.plus(30, ChronoUnit.DAYS).toString().substring(0, 10));
        offer.put("status", "unresolved");
        return offer;
    }

    private static String stamp(Instant at) {
        return at.truncatedTo(ChronoUnit.MILLIS).toString().replace("Z", "").concat(at.getNano() == 0 ? ".000Z" : "Z");
    }

    /** Every object of a lookup, by ascending id; empty for a resource kept elsewhere. */
    List<Map<String, Object>> all(String resource) {
        return switch (resource) {
            case "departments" -> List.copyOf(departments);
            case "offices" -> List.copyOf(offices);
            case "tags" -> List.copyOf(tags);
            case "interviews" -> List.copyOf(interviews);
            case "scorecards" -> List.copyOf(scorecards);
            case "offers" -> List.copyOf(offers);
            default -> List.of();
        };
    }
}
