package dev.switchboard.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.mapping.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What a generated client's walk printed (one JSON line per integration: candidates listed and
 * distinct, a get, applications, jobs, users, a create's status, each lookup's status), checked against what the
 * catalog says each integration offers; and running the client as a process.
 */
final class ClientWalks {

    private ClientWalks() {
    }

    static void check(String output, Map<String, String> accounts, Catalog catalog) throws IOException {
        int walked = 0;
        for (String line : output.strip().split("\n")) {
            Map<String, Object> walk = Json.asObject(Json.parse(line.getBytes(StandardCharsets.UTF_8))).orElseThrow();
            String integration = (String) walk.get("integration");
            assertEquals(walk.get("listed"), walk.get("distinct"), integration + ": every candidate once: " + walk);
            assertTrue(((Number) walk.get("listed")).intValue() > 100, integration + ": all pages followed: " + walk);
            assertEquals(true, walk.get("got"), integration);
            assertTrue(((Number) walk.get("users")).intValue() > 0, integration + ": users listed");
            assertTrue(((Number) walk.get("jobs")).intValue() > 0, integration + ": jobs listed");
            boolean lists = catalog.operation(integration, "ats/applications", "list")
                    .filter(op -> op.rules().sends("candidate_id")).isPresent();
            assertEquals(lists ? 200 : 400, ((Number) walk.get("applications")).intValue(), integration);
            boolean creates = catalog.operation(integration, "ats/candidates", "create")
                    .filter(op -> Set.of("first_name", "last_name", "emails").containsAll(op.rules().required()))
                    // The script names no acting user: a provider that needs one (Lever's perform_as) refuses.
                    .filter(op -> op.endpoint().actingUserRule().map(rule -> !rule.required() || rule.contextKey() != null)
                            .orElse(true))
                    .isPresent();
            assertEquals(creates ? 201 : 400, ((Number) walk.get("created")).intValue(), integration);
            @SuppressWarnings("unchecked")
            var lookups = (Map<String, Object>) walk.get("lookups");
            for (String lookup : List.of("departments", "offices", "tags", "reject_reasons")) {
                boolean offered = catalog.operation(integration, "ats/" + lookup, "list").isPresent();
                assertEquals(offered ? 200 : 400, ((Number) lookups.get(lookup)).intValue(), integration + ": " + lookup);
            }
            walked++;
        }
        assertEquals(accounts.size(), walked);
    }

    /** Runs a command in a folder; its output, or a failure that shows it. */
    static String run(java.nio.file.Path dir, List<String> command, Map<String, String> environment) throws Exception {
        var builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed:\n" + new String(output, StandardCharsets.UTF_8));
        }
        return new String(output, StandardCharsets.UTF_8);
    }
}
