package dev.switchboard.sandbox;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The simulated Teamtailor company's hiring setup: departments, locations (its offices), reject
 * reasons, each job's stages, and where each job application stands (its current stage and, once
 * rejected, its reject reason).
 *
 * <p>Shapes, all from the repository Teamtailor/docs: {@code source/includes/departments/_index.md.erb}
 * (a name; roles and teams relations), {@code locations/_index.md.erb} (address, city, country,
 * email, headquarters, lat, long, name, phone, zip; the documented examples leave name empty),
 * {@code reject_reasons/_index.md.erb} (reason, rejected-by-company), {@code stages/_index.md.erb}
 * ("The stages are defined for each job. Each job has two default stages which can't be deleted or
 * modified": Inbox and Hired; the others are "In process"; row-order sorts them;
 * active- and rejected-job-applications-count), {@code job_applications/_index.md.erb} (the stage
 * relation is the "Current stage"; rejected-at "If set, the candidate has been rejected"; the
 * reject-reason relation). The names and ids are made up, the first ones taken from the examples.
 */
final class TeamtailorHiring {

    static final long FIRST_STAGE = 22505;
    private static final String[][] STAGES = {{"Inbox", "Inbox"}, {"Reviewing", "In process"},
        {"Interview", "In process"}, {"Hired", "Hired"}};
    private static final long ROW_STEP = 4194304; // the documented example's row-order spacing
    private static final OffsetDateTime SET_UP = OffsetDateTime.of(2015, 11, 5, 20, 12, 27, 984_000_000,
            ZoneOffset.ofHours(1));

    record Stage(long id, long job, int place) {
    }

    private final ConcurrentSkipListMap<Long, Map<String, Object>> departments = new ConcurrentSkipListMap<>();
    private final ConcurrentSkipListMap<Long, Map<String, Object>> locations = new ConcurrentSkipListMap<>();
    private final ConcurrentSkipListMap<Long, Map<String, Object>> reasons = new ConcurrentSkipListMap<>();
    private final ConcurrentSkipListMap<Long, Stage> stages = new ConcurrentSkipListMap<>();
    private final Map<Long, Long> stageOf = new ConcurrentHashMap<>();
    private final Map<Long, Long> reasonOf = new ConcurrentHashMap<>();

    TeamtailorHiring(List<Long> jobs) {
        department(337, "Product Developments");
        department(338, "Sales");
        department(339, "Customer Success");
        location(667, "Tegnérgatan 34", "Stockholm", "Sweden", "support@example.com", true, "59.33855810000001",
                "18.0557594", "", "113 59");
        location(2980, "", "Göteborg", "Sweden", "", false, "57.70887", "11.97456", "", "");
        location(2981, "Stora Nygatan 5", "Malmö", "Sweden", "", false, "55.6050", "13.0038", "Malmö studio",
                "211 37");
        reason(1, "Not a fit", true);
        reason(2, "Accepted another offer", false);
        reason(3, "Position filled", true);
        long id = FIRST_STAGE;
        for (long job : jobs) {
            for (int place = 0; place < STAGES.length; place++) {
                stages.put(id, new Stage(id, job, place));
                id++;
            }
        }
    }

    private void department(long id, String name) {
        departments.put(id, Map.of("name", name));
    }

    private void location(long id, String address, String city, String country, String email, boolean headquarters,
            String lat, String lon, String name, String zip) {
        var attributes = new LinkedHashMap<String, Object>();
        attributes.put("address", address);
        attributes.put("city", city);
        attributes.put("country", country);
        attributes.put("email", email);
        attributes.put("headquarters", headquarters);
        attributes.put("lat", lat);
        attributes.put("long", lon);
        attributes.put("name", name);
        attributes.put("phone", "");
        attributes.put("zip", zip);
        locations.put(id, attributes);
    }

    private void reason(long id, String text, boolean byCompany) {
        reasons.put(id, Map.of("reason", text, "rejected-by-company", byCompany));
    }

    // ---- where an application stands ----

    /** A new application enters its job's first stage, Inbox; some seeded ones have moved on. */
    void place(long application, long job, int place, Long reason) {
        stageOf.put(application, stagesOf(job).get(Math.min(place, STAGES.length - 1)));
        if (reason != null) {
            reasonOf.put(application, reason);
        }
    }

    Optional<Long> stageOf(long application) {
        return Optional.ofNullable(stageOf.get(application));
    }

    Optional<Long> reasonOf(long application) {
        return Optional.ofNullable(reasonOf.get(application));
    }

    void move(long application, long stage) {
        stageOf.put(application, stage);
    }

    void reject(long application, Long reason) {
        if (reason == null) {
            reasonOf.remove(application);
        } else {
            reasonOf.put(application, reason);
        }
    }

    // ---- reads ----

    List<Long> departmentIds() {
        return List.copyOf(departments.keySet());
    }

    List<Long> locationIds() {
        return List.copyOf(locations.keySet());
    }

    List<Long> reasonIds() {
        return List.copyOf(reasons.keySet());
    }

    List<Long> stageIds() {
        return List.copyOf(stages.keySet());
    }

    /** A job's stages in row order (their ids were given in that order). */
    List<Long> stagesOf(long job) {
        var ids = new ArrayList<Long>();
        stages.values().stream().filter(s -> s.job() == job).forEach(s -> ids.add(s.id()));
        return ids;
    }

    Optional<Stage> stage(long id) {
        return Optional.ofNullable(stages.get(id));
    }

    boolean exists(String type, long id) {
        return switch (type) {
            case "departments" -> departments.containsKey(id);
            case "locations" -> locations.containsKey(id);
            case "reject-reasons" -> reasons.containsKey(id);
            case "stages" -> stages.containsKey(id);
            default -> false;
        };
    }

    /** The resource's attributes; a stage's counts are counted from where the applications stand now. */
    Map<String, Object> attributes(String type, long id) {
        return switch (type) {
            case "departments" -> new LinkedHashMap<>(departments.get(id));
            case "locations" -> new LinkedHashMap<>(locations.get(id));
            case "reject-reasons" -> new LinkedHashMap<>(reasons.get(id));
            case "stages" -> stageAttributes(stages.get(id));
            default -> throw new IllegalArgumentException(type);
        };
    }

    private Map<String, Object> stageAttributes(Stage stage) {
        long active = stageOf.entrySet().stream().filter(e -> e.getValue() == stage.id())
                .filter(e -> !reasonOf.containsKey(e.getKey())).count();
        long rejected = stageOf.entrySet().stream().filter(e -> e.getValue() == stage.id())
                .filter(e -> reasonOf.containsKey(e.getKey())).count();
        var attributes = new LinkedHashMap<String, Object>();
        attributes.put("created-at", TeamtailorWorld.STAMP.format(SET_UP.plusDays(stage.job() - 7263)));
        attributes.put("updated-at", TeamtailorWorld.STAMP.format(SET_UP.plusDays(stage.job() - 7263).plusHours(14)));
        attributes.put("name", STAGES[stage.place()][0]);
        attributes.put("stage-type", STAGES[stage.place()][1]);
        attributes.put("row-order", stage.place() == 0 ? -(ROW_STEP - 1) : stage.place() * ROW_STEP);
        attributes.put("active-job-applications-count", active);
        attributes.put("rejected-job-applications-count", rejected);
        return attributes;
    }
}
