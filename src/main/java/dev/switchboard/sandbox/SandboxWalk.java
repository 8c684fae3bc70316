package dev.switchboard.sandbox;

import dev.switchboard.accounts.IntegratedAccount;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.mapping.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

/** What {@code serve --sandbox} prints for each integration to walk a newcomer through the model. */
public final class SandboxWalk {

    private SandboxWalk() {
    }

    private static final String NOTES = "ats/activities";

    /**
     * One integration's walk through the model: its candidates, a candidate's applications, its
     * users, then a note on that candidate written as one of those users, and the candidate's
     * notes. What the integration lacks is said, with the catalog's reason, instead of printed.
     */
    public static String of(String base, String token, String integration, IntegratedAccount account,
            Catalog catalog, String accountVariable) {
        var definition = catalog.integration(integration).orElseThrow();
        String label = definition.label();
        String candidate = DemoAccounts.candidateOf(integration);
        String accountQuery = "integrated_account_id=$" + accountVariable;
        var out = new StringBuilder(label).append(": its candidates, a candidate's applications, its users, and a note\n");
        out.append(read("candidates", accountQuery + "&limit=5"));
        if (catalog.operation(integration, "ats/applications", "list").filter(op -> op.rules().sends("candidate_id"))
                .isPresent()) {
            out.append(read("applications", accountQuery + "&candidate_id=" + candidate));
        } else {
            out.append("  (no applications: ").append(definition.unsupportedReason("ats/applications", "list")
                    .orElse(label + " does not list them by candidate")).append(")\n");
        }
        Optional<String> user = Optional.empty();
        if (catalog.operation(integration, "ats/users", "list").isPresent()) {
            out.append(read("users", accountQuery + "&limit=5"));
            user = firstUser(base, token, account.id());
        }
        var create = catalog.operation(integration, NOTES, "create");
        if (create.isPresent()) {
            Optional<String> parameter = create.get().endpoint().actingUserRule().map(rule -> rule.parameter());
            String asUser = parameter.isPresent() && user.isPresent()
                    ? "&remote_query[" + parameter.get() + "]=" + user.get() : "";
            out.append("  curl -s").append(asUser.isEmpty() ? "" : " -g").append(" -X POST \"$SWITCHBOARD/unified/")
                    .append(NOTES).append('?').append(accountQuery).append(asUser).append("\" \\\n")
                    .append("    -H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: application/json' \\\n")
                    .append("    -d '{\"candidate_id\": \"").append(candidate)
                    .append("\", \"body\": \"Great first interview\"}'\n");
        } else {
            out.append("  (no note write: ").append(definition.unsupportedReason(NOTES, "create").orElse("none"))
                    .append(")\n");
        }
        out.append(read("activities", accountQuery + "&candidate_id=" + candidate + "&limit=10")).append('\n');
        return out.toString();
    }

    private static String read(String resource, String query) {
        return "  curl -s \"$SWITCHBOARD/unified/ats/" + resource + "?" + query + "\" -H \"Authorization: Bearer $TOKEN\"\n";
    }

    /** The first listed user, asked of this server as a product would ask it, to write the walk's note as. */
    private static Optional<String> firstUser(String base, String token, String accountId) {
        try {
            var answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base
                    + "/unified/ats/users?limit=1&truto_ignore_remote_data=true&integrated_account_id=" + accountId))
                    .header("Authorization", "Bearer " + token).timeout(java.time.Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (answer.statusCode() != 200) {
                return Optional.empty();
            }
            return Json.asObject(Json.parse(answer.body())).map(page -> page.get("result"))
                    .filter(java.util.List.class::isInstance).map(java.util.List.class::cast)
                    .filter(list -> !list.isEmpty()).map(list -> list.get(0))
                    .filter(java.util.Map.class::isInstance).map(item -> ((java.util.Map<?, ?>) item).get("id"))
                    .map(String::valueOf);
        } catch (java.io.IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

}
