package dev.switchboard.sandbox;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.IntegrationDefinition;
import dev.switchboard.catalog.Operation;
import dev.switchboard.mapping.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The walk's second half, from the candidate's application on: its job's stages, a move to
 * another of them, the reject reasons, a rejection of another candidate's application, and
 * the candidate's files with a download of the first. Ids are asked of the running server,
 * so every printed command works when pasted; what an integration lacks is said, with the
 * catalog's reason, instead of printed.
 */
final class HiringWalk {

    private static final String APPLICATIONS = "ats/applications";

    private HiringWalk() {
    }

    static String of(Catalog catalog, IntegrationDefinition integration, ServerQuestions server, String accountQuery,
            String candidate, Optional<String> user) {
        var out = new StringBuilder();
        String name = integration.name();
        Optional<Map<String, Object>> application = applicationsOf(catalog, name, server, candidate).stream()
                .filter(HiringWalk::open).findFirst();
        Optional<String> job = application.flatMap(one -> ServerQuestions.idOf(one, "job"));

        var stages = catalog.operation(name, "ats/job_interview_stages", "list");
        Optional<String> stage = Optional.empty();
        if (stages.isPresent() && (job.isPresent() || !stages.get().rules().required().contains("job_id"))) {
            String query = stages.get().rules().sends("job_id") && job.isPresent() ? "job_id=" + job.get() : "";
            out.append(SandboxWalk.read("job_interview_stages", accountQuery + (query.isEmpty() ? "" : "&" + query)));
            Optional<String> current = application.flatMap(one -> ServerQuestions.idOf(one, "current_stage"));
            stage = nextStage(server.list("job_interview_stages", query).stream()
                    .map(one -> String.valueOf(one.get("id"))).toList(), current);
        } else {
            out.append(lacks(integration, "ats/job_interview_stages", "list", "no stages"));
        }

        var move = catalog.operation(name, APPLICATIONS, "move-stage");
        if (move.isPresent() && application.isPresent() && stage.isPresent()) {
            var body = new LinkedHashMap<String, Object>();
            body.put("application_id", application.get().get("id"));
            body.put("stage_id", stage.get());
            out.append(action(move.get(), "move-stage", accountQuery, body, application.get(), user,
                    "walk-move-" + application.get().get("id")));
        } else if (move.isEmpty()) {
            out.append(lacks(integration, APPLICATIONS, "move-stage", "no move"));
        } else if (application.isEmpty()) {
            out.append("  (no move: the candidate has no open application listed)\n");
        }

        var reasons = catalog.operation(name, "ats/reject_reasons", "list");
        Optional<String> reason = Optional.empty();
        if (reasons.isPresent()) {
            out.append(SandboxWalk.read("reject_reasons", accountQuery));
            reason = server.list("reject_reasons", "").stream().map(one -> String.valueOf(one.get("id"))).findFirst();
        } else {
            out.append(lacks(integration, "ats/reject_reasons", "list", "no reject reasons"));
        }

        var reject = catalog.operation(name, APPLICATIONS, "reject");
        Optional<Map<String, Object>> another = reject.isPresent() && reason.isPresent()
                ? anotherOpenApplication(catalog, name, server, candidate) : Optional.empty();
        if (another.isPresent()) {
            var body = new LinkedHashMap<String, Object>();
            body.put("application_id", another.get().get("id"));
            body.put("reject_reason_id", reason.get());
            out.append(action(reject.get(), "reject", accountQuery, body, another.get(), user, null));
        } else if (reject.isEmpty()) {
            out.append(lacks(integration, APPLICATIONS, "reject", "no rejection"));
        }

        out.append(files(catalog, integration, server, accountQuery, candidate));
        return out.toString();
    }

    /** The candidate's files, and a download of the first into a file of its name. */
    private static String files(Catalog catalog, IntegrationDefinition integration, ServerQuestions server,
            String accountQuery, String candidate) {
        var list = catalog.operation(integration.name(), "ats/attachments", "list");
        if (list.isEmpty() || !list.get().rules().sends("candidate_id")) {
            return lacks(integration, "ats/attachments", "list", "no files by candidate");
        }
        String query = "candidate_id=" + candidate;
        var out = new StringBuilder(SandboxWalk.read("attachments", accountQuery + "&" + query));
        var first = server.list("attachments", query).stream()
                .filter(one -> one.get("file_url") instanceof String).findFirst();
        if (first.isPresent() && catalog.offers(integration.name(), "ats/attachments", "download")) {
            String file = String.valueOf(first.get().getOrDefault("file_name", "attachment"))
                    .replaceAll("[^A-Za-z0-9._-]", "_");
            out.append("  curl -s -X POST \"$SWITCHBOARD/unified/ats/attachments/download?").append(accountQuery)
                    .append("&file_url=").append(first.get().get("file_url")).append("\" \\\n")
                    .append("    -H \"Authorization: Bearer $TOKEN\" -o '").append(file).append("'\n");
        }
        return out.toString();
    }

    /** A POST of an application action, with what this integration requires besides the target. */
    private static String action(Operation operation, String action, String accountQuery, Map<String, Object> body,
            Map<String, Object> application, Optional<String> user, String idempotencyKey) {
        var rules = operation.rules();
        var beyond = rules.required().stream().filter(field -> !body.containsKey(field)
                && !java.util.Set.of("candidate_id", "user_id").contains(field)).toList();
        if (!beyond.isEmpty()) {
            // Ashby rejects by a move to the job's Archived stage: which one is the caller's to choose.
            return "  (" + action + " on " + operation.integration().label() + " also needs " + String.join(", ", beyond)
                    + ", which this walk does not choose for you: $SWITCHBOARD/docs describes it)\n";
        }
        if (rules.required().contains("candidate_id") || rules.supported().contains("candidate_id")) {
            ServerQuestions.idOf(application, "candidate").ifPresent(id -> body.put("candidate_id", id));
        }
        if (rules.required().contains("user_id") && user.isPresent()) {
            body.put("user_id", user.get());
        }
        Optional<String> parameter = operation.endpoint().actingUserRule().map(rule -> rule.parameter());
        String asUser = parameter.isPresent() && user.isPresent()
                ? "&remote_query[" + parameter.get() + "]=" + user.get() : "";
        return "  curl -s" + (asUser.isEmpty() ? "" : " -g") + " -X POST \"$SWITCHBOARD/unified/ats/applications/"
                + action + "?" + accountQuery + asUser + "\" \\\n"
                + "    -H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: application/json'"
                + (idempotencyKey == null ? "" : " -H 'Idempotency-Key: " + idempotencyKey + "'") + " \\\n"
                + "    -d '" + new String(Json.write(body), java.nio.charset.StandardCharsets.UTF_8) + "'\n";
    }

    /**
     * The candidate's applications: by the candidate_id filter where the integration takes it,
     * else among the first listed ones (Ashby filters applications by job only).
     */
    private static List<Map<String, Object>> applicationsOf(Catalog catalog, String integration,
            ServerQuestions server, String candidate) {
        var list = catalog.operation(integration, APPLICATIONS, "list");
        if (list.isEmpty()) {
            return List.of();
        }
        if (list.get().rules().sends("candidate_id")) {
            return server.list("applications", "candidate_id=" + candidate);
        }
        if (!list.get().rules().required().isEmpty()) {
            return List.of();
        }
        return server.list("applications", "limit=100").stream()
                .filter(one -> ServerQuestions.idOf(one, "candidate").filter(candidate::equals).isPresent()).toList();
    }

    /** An open application of another listed candidate, to reject without touching the walk's own. */
    private static Optional<Map<String, Object>> anotherOpenApplication(Catalog catalog, String integration,
            ServerQuestions server, String candidate) {
        for (var other : server.list("candidates", "limit=10")) {
            String id = String.valueOf(other.get("id"));
            if (id.equals(candidate)) {
                continue;
            }
            var open = applicationsOf(catalog, integration, server, id).stream().filter(HiringWalk::open).findFirst();
            if (open.isPresent()) {
                return open;
            }
        }
        return Optional.empty();
    }

    /** The stage after the current one, as a recruiter moves a candidate on; else the first other. */
    private static Optional<String> nextStage(List<String> stages, Optional<String> current) {
        int at = current.map(stages::indexOf).orElse(-1);
        if (at >= 0 && at + 1 < stages.size()) {
            return Optional.of(stages.get(at + 1));
        }
        return stages.stream().filter(id -> current.isEmpty() || !id.equals(current.get())).findFirst();
    }

    private static boolean open(Map<String, Object> application) {
        return application.get("rejected_at") == null && application.get("reject_reason") == null;
    }

    private static String lacks(IntegrationDefinition integration, String resource, String method, String what) {
        return "  (" + what + ": " + integration.unsupportedReason(resource, method)
                .orElse(integration.label() + " does not offer it here") + ")\n";
    }
}
