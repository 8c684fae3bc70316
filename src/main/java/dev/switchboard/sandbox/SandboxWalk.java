package dev.switchboard.sandbox;

import dev.switchboard.accounts.IntegratedAccount;
import dev.switchboard.catalog.Catalog;
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
        var server = new ServerQuestions(base, token, account.id());
        Optional<String> user = Optional.empty();
        if (catalog.operation(integration, "ats/users", "list").isPresent()) {
            out.append(read("users", accountQuery + "&limit=5"));
            user = server.list("users", "limit=1").stream().map(one -> String.valueOf(one.get("id"))).findFirst();
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
        out.append(read("activities", accountQuery + "&candidate_id=" + candidate + "&limit=10"));
        out.append(HiringWalk.of(catalog, definition, server, accountQuery, candidate, user)).append('\n');
        return out.toString();
    }

    static String read(String resource, String query) {
        return "  curl -s \"$SWITCHBOARD/unified/ats/" + resource + "?" + query + "\" -H \"Authorization: Bearer $TOKEN\"\n";
    }

}
