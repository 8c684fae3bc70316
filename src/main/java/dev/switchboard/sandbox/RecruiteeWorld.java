package dev.switchboard.sandbox;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulated Recruitee's company: offers (jobs), their pipeline stages, admins, and
 * candidates placed on offers. Built the same on every start, so a page of candidates is the
 * same page in every run.
 *
 * <p>Shapes follow recorded answers of the Recruitee API (repository miguelpetete/capstoneproject,
 * responses.py: a candidate list with {@code placements} and {@code references}, a created
 * candidate, an offer) and api.recruitee.com/docs, sections "candidate" and "offer".
 */
final class RecruiteeWorld {

    static final int CANDIDATES = 125;
    private static final DateTimeFormatter MICROS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final Instant EPOCH = Instant.parse("2026-06-01T09:00:00Z");
    private static final String[] FIRST = {"Ada", "Bo", "Chen", "Dana", "Emil", "Fatima", "Goran", "Hana", "Ivo", "Jun"};
    private static final String[] LAST = {"Lindqvist", "Okafor", "Moreau", "Tanaka", "Silva", "Novak", "Haddad"};

    /** id, title, status: two open jobs and a closed one, each with a pipeline of its own. */
    private static final List<Map<String, Object>> OFFERS = List.of(
            offer(1200001, "Backend Engineer", "published", RecruiteeLookups.DEPARTMENTS.get(0),
                    "Amsterdam, Netherlands", pipeline(77001, 8080459, 8080460, 8080461, 8080464)),
            offer(1200002, "Product Designer", "published", RecruiteeLookups.DEPARTMENTS.get(1), "Remote",
                    pipeline(77002, 8080470, 8080471, 8080472, 8080473)),
            offer(1200003, "Office Manager", "closed", RecruiteeLookups.DEPARTMENTS.get(2), "Warsaw, Poland",
                    pipeline(77003, 8080480, 8080481, 8080482, 8080483)));
    static final List<Map<String, Object>> ADMINS = List.of(
            admin(RecruiteeSimulator.ADMIN_ID, "Rita", "Recruiter"), admin(46, "Hugo", "Hiring"),
            admin(47, "Iris", "Interviewer"));

    /** Newest first, as the candidate list answers them. */
    private final List<Map<String, Object>> candidates = new CopyOnWriteArrayList<>();
    private final AtomicLong nextPlacement = new AtomicLong(49_000_001);
    private final AtomicLong nextCandidate;

    RecruiteeWorld(long firstCandidateId) {
        for (int i = 0; i < CANDIDATES; i++) {
            long id = firstCandidateId + i;
            var placements = new ArrayList<Long>();
            placements.add((Long) OFFERS.get(i % 3).get("id"));
            if (i % 4 == 0) {
                placements.add((Long) OFFERS.get((i + 1) % 3).get("id"));
            }
            String first = FIRST[i % FIRST.length];
            String last = LAST[i % LAST.length];
            String email = first.toLowerCase() + "." + last.toLowerCase() + "." + i + "@candidates.example";
            candidates.add(candidate(id, first + " " + last, List.of(email), List.of("+31 20 555 " + (1000 + i)),
                    List.of(), List.of(), placements, EPOCH.minus(i, ChronoUnit.HOURS)));
        }
        nextCandidate = new AtomicLong(firstCandidateId + CANDIDATES);
    }

    List<Map<String, Object>> candidates() {
        return List.copyOf(candidates);
    }

    Optional<Map<String, Object>> candidate(String id) {
        return candidates.stream().filter(c -> String.valueOf(c.get("id")).equals(id)).findFirst();
    }

    List<Map<String, Object>> offers() {
        return OFFERS;
    }

    Optional<Map<String, Object>> offer(String id) {
        return OFFERS.stream().filter(o -> String.valueOf(o.get("id")).equals(id)).findFirst();
    }

    /** A candidate added through the API: the newest, so first in the list. */
    Map<String, Object> add(String name, List<String> emails, List<String> phones, List<String> links, List<String> tags,
            List<Long> offers) {
        var added = candidate(nextCandidate.getAndIncrement(), name, emails, phones, links, tags, offers, Instant.now());
        candidates.add(0, added);
        return added;
    }

    /** A candidate with a known id, placed on the first offer: for tests that need one more. */
    void addWithId(long id) {
        if (candidate(String.valueOf(id)).isEmpty()) {
            candidates.add(0, candidate(id, "Candidate " + id, List.of(), List.of(), List.of(), List.of(),
                    List.of((Long) OFFERS.get(0).get("id")), Instant.now()));
        }
    }

    /** The offers, stages and admins a list of candidates refers to, as the answer's {@code references}. */
    static List<Map<String, Object>> references(List<Map<String, Object>> shown) {
        var refs = new ArrayList<Map<String, Object>>();
        for (Map<String, Object> offer : OFFERS) {
            boolean used = shown.stream().anyMatch(c -> placements(c).stream()
                    .anyMatch(p -> p.get("offer_id").equals(offer.get("id"))));
            if (used) {
                refs.add(Map.of("id", offer.get("id"), "kind", "job", "title", offer.get("title"),
                        "status", offer.get("status"), "type", "Offer"));
            }
        }
        for (Map<String, Object> offer : OFFERS) {
            for (Map<String, Object> stage : stagesOf((Long) offer.get("id"))) {
                var ref = new LinkedHashMap<>(stage);
                ref.put("type", "Stage");
                refs.add(ref);
            }
        }
        for (Map<String, Object> admin : ADMINS) {
            var ref = new LinkedHashMap<>(admin);
            ref.put("type", "Admin");
            refs.add(ref);
        }
        return refs;
    }

    /** A candidate as the list shows it: the recorded list item's fields. */
    static Map<String, Object> listed(Map<String, Object> candidate) {
        var item = new LinkedHashMap<String, Object>();
        for (String key : List.of("admin_id", "created_at", "emails", "id", "name", "notes_count", "phones",
                "placements", "rating", "referrer", "source", "updated_at")) {
            item.put(key, candidate.get(key));
        }
        return item;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> placements(Map<String, Object> candidate) {
        return (List<Map<String, Object>>) candidate.get("placements");
    }

    private Map<String, Object> candidate(long id, String name, List<String> emails, List<String> phones,
            List<String> links, List<String> tags, List<Long> offers, Instant created) {
        String at = MICROS.format(created);
        var placements = new ArrayList<Map<String, Object>>();
        for (long offer : offers) {
            var placement = new LinkedHashMap<String, Object>();
            placement.put("candidate_id", id);
            placement.put("created_at", at);
            placement.put("hired_at", null);
            placement.put("id", nextPlacement.getAndIncrement());
            placement.put("offer_id", offer);
            placement.put("position", 1);
            List<Map<String, Object>> stages = stagesOf(offer);
            placement.put("stage_id", stages.get((int) (id % stages.size())).get("id"));
            placement.put("updated_at", at);
            placements.add(placement);
        }
        var candidate = new LinkedHashMap<String, Object>();
        candidate.put("id", id);
        candidate.put("name", name);
        candidate.put("emails", List.copyOf(emails));
        candidate.put("phones", List.copyOf(phones));
        candidate.put("links", List.copyOf(links));
        candidate.put("social_links", List.of());
        candidate.put("tags", List.copyOf(tags));
        candidate.put("placements", placements);
        candidate.put("admin_id", RecruiteeSimulator.ADMIN_ID);
        candidate.put("notes_count", 0);
        candidate.put("rating", 0);
        candidate.put("referrer", null);
        candidate.put("source", "manual");
        candidate.put("created_at", at);
        candidate.put("updated_at", at);
        candidate.put("last_activity_at", at);
        return candidate;
    }

    /**
     * An offer's pipeline stages, as its {@code pipeline_template.stages} lists them (clients read
     * the stages there: repository jnot807/recruitee-mcp and Slates' Recruitee client,
     * pipelineStages; the fields are those of a recorded answer's Stage references, repository
     * miguelpetete/capstoneproject, responses.py).
     */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> stagesOf(long offerId) {
        return OFFERS.stream().filter(o -> o.get("id").equals(offerId)).findFirst()
                .map(o -> (List<Map<String, Object>>) ((Map<String, Object>) o.get("pipeline_template")).get("stages"))
                .orElse(List.of());
    }

    /** A placement's candidate, its offer's stages; nothing when the placement is unknown. */
    Optional<Map<String, Object>> placement(long placementId) {
        for (Map<String, Object> candidate : candidates) {
            for (Map<String, Object> placement : placements(candidate)) {
                if (((Number) placement.get("id")).longValue() == placementId) {
                    return Optional.of(placement);
                }
            }
        }
        return Optional.empty();
    }

    private static Map<String, Object> pipeline(long templateId, long apply, long screen, long interview, long hire) {
        return Map.of("id", templateId, "stages", List.of(stage(apply, "apply", "Applied", -1),
                stage(screen, "phone_screen", "Phone interview", 1), stage(interview, "interview", "On-site interview", 2),
                stage(hire, "hire", "Hired", 5)));
    }

    private static Map<String, Object> offer(long id, String title, String status, Map<String, Object> department,
            String location, Map<String, Object> pipeline) {
        var offer = new LinkedHashMap<String, Object>();
        offer.put("id", id);
        offer.put("title", title);
        offer.put("kind", "job");
        offer.put("status", status);
        offer.put("department", department.get("name"));
        offer.put("department_id", department.get("id"));
        offer.put("pipeline_template", pipeline);
        offer.put("location", location);
        offer.put("description", "<p>" + title + " at the sandbox company.</p>");
        offer.put("slug", title.toLowerCase().replace(' ', '-'));
        offer.put("hiring_manager_id", 46L);
        offer.put("recruiter_id", RecruiteeSimulator.ADMIN_ID);
        offer.put("created_at", "2026-05-01T08:00:00.000000Z");
        offer.put("updated_at", "2026-05-02T08:00:00.000000Z");
        return java.util.Collections.unmodifiableMap(offer);
    }

    private static Map<String, Object> stage(long id, String category, String name, int position) {
        return Map.of("id", id, "category", category, "name", name, "position", position);
    }

    private static Map<String, Object> admin(long id, String first, String last) {
        return Map.of("id", id, "first_name", first, "last_name", last,
                "email", first.toLowerCase() + "@sandbox-company.example");
    }
}
