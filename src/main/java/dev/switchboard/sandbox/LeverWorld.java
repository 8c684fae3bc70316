package dev.switchboard.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The simulated Lever's people and jobs: users, postings, opportunities (Lever's unified
 * candidate) and each opportunity's applications, generated the same way on every start.
 * Shapes follow hire.lever.co/developer/documentation, sections "Users", "Postings",
 * "Opportunities" and "Applications"; timestamps are epoch milliseconds, as Lever's are.
 */
final class LeverWorld {

    /** Enough opportunities that a unified page of 100 needs more than one Lever page (limit at most 100). */
    static final int GENERATED_OPPORTUNITIES = 120;
    private static final long EPOCH_MS = 1_767_603_600_000L; // 2026-01-05T09:00:00Z
    private static final long HOUR_MS = 3_600_000L;
    private static final List<String> FIRST = List.of("Ada", "Linus", "Hedy", "Guido", "Sophie", "Bjarne",
            "Annie", "James", "Jean", "Niklaus", "Lynn", "John");
    private static final List<String> LAST = List.of("Byron", "Torvalds", "Lamarr", "van Rossum", "Wilson",
            "Stroustrup", "Easley", "Gosling", "Sammet", "Wirth");

    final List<Map<String, Object>> users = new ArrayList<>();
    final List<Map<String, Object>> postings = new ArrayList<>();
    final List<Map<String, Object>> opportunities = new CopyOnWriteArrayList<>();
    /** Opportunity id → its applications, oldest first. */
    final Map<String, List<Map<String, Object>>> applications = new java.util.concurrent.ConcurrentHashMap<>();

    LeverWorld(List<String> userIds, String... namedOpportunities) {
        List<String> names = List.of("Sandbox Admin", "Rachel Recruiter", "Harry Hiringmanager");
        List<String> roles = List.of("super admin", "admin", "team member");
        for (int i = 0; i < userIds.size(); i++) {
            users.add(user(userIds.get(i), names.get(i % names.size()), roles.get(i % roles.size())));
        }
        posting(0, "Software Engineer", "published", "Engineering", "San Francisco");
        posting(1, "Account Executive", "published", "Sales", "New York");
        posting(2, "Support Specialist", "closed", "Customer Success", "Remote");
        int index = 0;
        for (String id : namedOpportunities) {
            addGenerated(id, index++);
        }
        for (int i = 0; i < GENERATED_OPPORTUNITIES; i++) {
            addGenerated(id("opportunity", i), index++);
        }
    }

    static String id(String kind, int number) {
        return UUID.nameUUIDFromBytes(("lever-" + kind + "-" + number).getBytes(StandardCharsets.UTF_8)).toString();
    }

    Optional<Map<String, Object>> find(List<Map<String, Object>> items, String id) {
        return items.stream().filter(item -> item.get("id").equals(id)).findFirst();
    }

    boolean isUser(String id) {
        return find(users, id).isPresent();
    }

    /** An opportunity as "Create an opportunity" makes one: contact fields, and an application per posting. */
    Map<String, Object> addOpportunity(String id, Map<String, Object> fields, String performAs, long createdAt) {
        var opportunity = new LinkedHashMap<String, Object>();
        opportunity.put("id", id);
        opportunity.put("name", fields.getOrDefault("name", ""));
        opportunity.put("headline", fields.getOrDefault("headline", ""));
        opportunity.put("contact", UUID.nameUUIDFromBytes(("contact-" + id).getBytes(StandardCharsets.UTF_8)).toString());
        opportunity.put("emails", fields.getOrDefault("emails", List.of()));
        opportunity.put("phones", fields.getOrDefault("phones", List.of()));
        opportunity.put("confidentiality", "non-confidential");
        opportunity.put("location", fields.getOrDefault("location", ""));
        opportunity.put("links", fields.getOrDefault("links", List.of()));
        opportunity.put("createdAt", createdAt);
        opportunity.put("updatedAt", createdAt);
        opportunity.put("lastInteractionAt", createdAt);
        opportunity.put("lastAdvancedAt", createdAt);
        opportunity.put("snoozedUntil", null);
        opportunity.put("archivedAt", null);
        opportunity.put("archiveReason", null);
        opportunity.put("stage", "lead-new");
        opportunity.put("stageChanges", List.of(Map.of("toStageId", "lead-new", "toStageIndex", 0,
                "updatedAt", createdAt, "userId", performAs)));
        opportunity.put("owner", performAs);
        opportunity.put("tags", fields.getOrDefault("tags", List.of()));
        opportunity.put("sources", fields.getOrDefault("sources", List.of()));
        opportunity.put("origin", fields.getOrDefault("origin", "sourced"));
        opportunity.put("sourcedBy", performAs);
        opportunity.put("applications", new CopyOnWriteArrayList<>());
        opportunity.put("resume", null);
        opportunity.put("followers", List.of(performAs));
        opportunity.put("urls", Map.of("list", "https://hire.lever.co/candidates", "show",
                "https://hire.lever.co/candidates/" + id));
        opportunity.put("isAnonymized", false);
        opportunity.put("dataProtection", null);
        opportunities.add(opportunity);
        applications.put(id, new CopyOnWriteArrayList<>());
        if (fields.get("postings") instanceof List<?> postingIds) {
            for (Object posting : postingIds) {
                apply(opportunity, find(postings, (String) posting).orElseThrow(), UUID.randomUUID().toString(), performAs);
            }
        }
        return opportunity;
    }

    private void addGenerated(String id, int i) {
        String first = FIRST.get(i % FIRST.size());
        String last = LAST.get((i / FIRST.size()) % LAST.size());
        String owner = (String) users.get(i % users.size()).get("id");
        var fields = new LinkedHashMap<String, Object>();
        fields.put("name", first + " " + last);
        fields.put("headline", "Company " + (i % 7));
        fields.put("emails", List.of(first.toLowerCase() + "." + last.toLowerCase().replace(" ", "") + i + "@example.com"));
        fields.put("phones", List.of(Map.of("type", "mobile", "value", String.format("(415) 555-01%02d", i % 100))));
        fields.put("location", i % 2 == 0 ? "San Francisco" : "New York");
        fields.put("links", List.of("https://linkedin.com/in/opportunity" + i));
        fields.put("tags", List.of(i % 2 == 0 ? "Referral" : "Full-time"));
        fields.put("sources", List.of("LinkedIn"));
        var opportunity = addOpportunity(id, fields, owner, EPOCH_MS + i * HOUR_MS);
        // Spread over the account's pipeline (LeverHiring.STAGES), as a real account's opportunities are.
        String stage = (String) LeverHiring.STAGES.get(i % LeverHiring.STAGES.size()).get("id");
        opportunity.put("stage", stage);
        opportunity.put("stageChanges", List.of(Map.of("toStageId", stage,
                "toStageIndex", i % LeverHiring.STAGES.size(), "updatedAt", EPOCH_MS + i * HOUR_MS, "userId", owner)));
        apply(opportunity, postings.get(i % postings.size()), id("application", i), owner);
        if (i % 4 == 0) {
            apply(opportunity, postings.get((i + 1) % postings.size()), id("application", i + 1000), owner);
        }
    }

    @SuppressWarnings("unchecked")
    private void apply(Map<String, Object> opportunity, Map<String, Object> posting, String id, String user) {
        var application = new LinkedHashMap<String, Object>();
        application.put("id", id);
        application.put("type", "posting");
        application.put("candidateId", opportunity.get("id"));
        application.put("opportunityId", opportunity.get("id"));
        application.put("posting", posting.get("id"));
        application.put("postingHiringManager", posting.get("hiringManager"));
        application.put("postingOwner", posting.get("owner"));
        application.put("name", opportunity.get("name"));
        application.put("email", ((List<?>) opportunity.get("emails")).isEmpty() ? null
                : ((List<?>) opportunity.get("emails")).get(0));
        application.put("phone", null);
        application.put("company", null);
        application.put("links", List.of());
        application.put("comments", null);
        application.put("user", user);
        application.put("customQuestions", List.of());
        application.put("createdAt", opportunity.get("createdAt"));
        application.put("archived", "closed".equals(posting.get("state"))
                ? Map.of("reason", id("archive-reason", 0), "archivedAt", (Long) opportunity.get("createdAt") + HOUR_MS)
                : null);
        application.put("requisitionForHire", null);
        applications.get((String) opportunity.get("id")).add(application);
        ((List<Object>) opportunity.get("applications")).add(id);
    }

    private static Map<String, Object> user(String id, String name, String role) {
        var user = new LinkedHashMap<String, Object>();
        user.put("id", id);
        user.put("name", name);
        user.put("username", name.toLowerCase().replace(" ", "."));
        user.put("email", name.toLowerCase().replace(" ", ".") + "@example.com");
        user.put("accessRole", role);
        user.put("photo", null);
        user.put("createdAt", 1_764_576_000_000L);
        user.put("deactivatedAt", null);
        user.put("externalDirectoryId", null);
        user.put("linkedContactIds", null);
        user.put("jobTitle", null);
        user.put("managerId", null);
        return user;
    }

    private void posting(int number, String text, String state, String department, String location) {
        var posting = new LinkedHashMap<String, Object>();
        String owner = (String) users.get(1 % users.size()).get("id");
        String manager = (String) users.get(2 % users.size()).get("id");
        posting.put("id", id("posting", number));
        posting.put("text", text);
        posting.put("createdAt", 1_764_662_400_000L + number * HOUR_MS);
        posting.put("updatedAt", 1_764_662_400_000L + number * HOUR_MS);
        posting.put("user", owner);
        posting.put("owner", owner);
        posting.put("hiringManager", manager);
        posting.put("confidentiality", "non-confidential");
        posting.put("categories", Map.of("team", department, "department", department, "location", location,
                "commitment", "Full-time", "allLocations", List.of(location)));
        posting.put("content", Map.of("description", "Join us as a " + text + ".",
                "descriptionHtml", "<div>Join us as a " + text + ".</div>", "lists", List.of(), "closing", "",
                "closingHtml", ""));
        posting.put("country", "US");
        posting.put("followers", List.of(owner));
        posting.put("tags", List.of());
        posting.put("state", state);
        posting.put("distributionChannels", List.of("public", "internal"));
        posting.put("reqCode", "REQ-" + (200 + number));
        posting.put("requisitionCodes", List.of("REQ-" + (200 + number)));
        posting.put("urls", Map.of("list", "https://jobs.lever.co/example", "show",
                "https://jobs.lever.co/example/" + id("posting", number)));
        posting.put("workplaceType", "hybrid");
        postings.add(posting);
    }
}
