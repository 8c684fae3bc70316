package dev.switchboard.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulated Ashby's organisation and hiring metadata: departments, locations, candidate
 * tags and archive reasons. Shapes follow Ashby's published OpenAPI description (stored copy:
 * api-evangelist/ashby, openapi/ashby-{department,location,candidate-tag,archive-reason}-api-openapi.yml):
 * department.info {id, name, externalName, isArchived, parentId, createdAt, updatedAt, extraData};
 * location.info {id, name, externalName, isArchived, address.postalAddress, isRemote, workplaceType,
 * parentLocationId, type}; candidate tags {id, title, isArchived}; archive reasons {id, text,
 * reasonType, isArchived}. Ids the core world already uses (department 0 and 1, location 0,
 * tag 0 and 1, archive reason 0) are among them.
 */
final class AshbyLookups {

    final List<Map<String, Object>> departments = new ArrayList<>();
    final List<Map<String, Object>> locations = new ArrayList<>();
    final List<Map<String, Object>> tags = new ArrayList<>();
    final List<Map<String, Object>> archiveReasons = new ArrayList<>();
    /** Communication templates a rejection email may name (application.changeStage's archiveEmail). */
    final List<String> emailTemplates = List.of(AshbyWorld.id("template", 0));

    AshbyLookups() {
        department(0, "Engineering", null, false);
        department(1, "Design", null, false);
        department(2, "Platform", AshbyWorld.id("department", 0), false);
        department(3, "Data", AshbyWorld.id("department", 0), false);
        department(4, "Operations (old)", null, true);

        // A region (LocationHierarchy) is not listed unless includeLocationHierarchy (location.list).
        location(9, "North America", "LocationHierarchy", null, null, null);
        location(0, "Bay Area Office", "Location", AshbyWorld.id("location", 9),
                Map.of("streetAddress", "49 Geary St Suite 411", "addressLocality", "San Francisco",
                        "addressRegion", "California", "postalCode", "94108", "addressCountry", "United States"), "Hybrid");
        location(1, "New York Office", "Location", AshbyWorld.id("location", 9),
                Map.of("addressLocality", "New York", "addressRegion", "New York", "addressCountry", "United States"), "OnSite");
        location(2, "Remote (US)", "Location", AshbyWorld.id("location", 9),
                Map.of("addressCountry", "United States"), "Remote");

        List<String> titles = List.of("Referral", "Sourced", "Senior Candidate", "Strong candidate", "Relocation",
                "Visa sponsorship", "Silver medalist", "Returning", "Bootcamp", "Open source", "Speaker", "Alumni");
        for (int i = 0; i < titles.size(); i++) {
            tags.add(Map.of("id", AshbyWorld.id("tag", i), "title", titles.get(i), "isArchived", false));
        }
        tags.add(Map.of("id", AshbyWorld.id("tag", 99), "title", "Old campaign", "isArchived", true));

        reason(0, "Position closed", "RejectedByOrg", false);
        reason(1, "Too inexperienced", "RejectedByOrg", false);
        reason(2, "Accepted another offer", "RejectedByCandidate", false);
        reason(3, "Duplicate", "Other", false);
        reason(4, "Culture add (retired)", "RejectedByOrg", true);
    }

    /** An archive reason the API lists and takes, by id (archived ones are still known). */
    java.util.Optional<Map<String, Object>> reason(String id) {
        return archiveReasons.stream().filter(reason -> reason.get("id").equals(id)).findFirst();
    }

    private void department(int number, String name, String parentId, boolean archived) {
        var department = new LinkedHashMap<String, Object>();
        department.put("id", AshbyWorld.id("department", number));
        department.put("name", name);
        department.put("externalName", name);
        department.put("isArchived", archived);
        department.put("parentId", parentId);
        department.put("createdAt", "2025-11-0" + (number + 1) + "T09:00:00.000Z");
        department.put("updatedAt", "2025-12-0" + (number + 1) + "T09:00:00.000Z");
        department.put("extraData", Map.of());
        departments.add(department);
    }

    private void location(int number, String name, String type, String parentId, Map<String, Object> postalAddress,
            String workplaceType) {
        var location = new LinkedHashMap<String, Object>();
        location.put("id", AshbyWorld.id("location", number));
        location.put("name", name);
        location.put("externalName", name);
        location.put("isArchived", false);
        if (postalAddress != null) {
            location.put("address", Map.of("postalAddress", postalAddress));
        }
        if (workplaceType != null) {
            location.put("isRemote", "Remote".equals(workplaceType));
            location.put("workplaceType", workplaceType);
        }
        location.put("parentLocationId", parentId);
        location.put("type", type);
        location.put("extraData", Map.of());
        locations.add(location);
    }

    private void reason(int number, String text, String type, boolean archived) {
        archiveReasons.add(Map.of("id", AshbyWorld.id("archive-reason", number), "text", text, "reasonType", type,
                "isArchived", archived));
    }
}
