package dev.switchboard.cli;

import dev.switchboard.Engine;
import dev.switchboard.Server;
import dev.switchboard.api.JsonBodies;
import dev.switchboard.api.UnifiedQuery;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.unified.UnifiedRequest;
import dev.switchboard.unified.UnifiedResult;
import dev.switchboard.error.ApiException;
import dev.switchboard.mapping.Json;
import dev.switchboard.observability.RequestTrace;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code switchboard call}: one unified call from the terminal, through the same engine as the API. */
@Command(name = "call", mixinStandardHelpOptions = true, description = {
        "Run one unified call on a resource (default ats/activities), without the HTTP server.",
        "A create (POST /unified/{resource}), a list (GET, with its filters as --query, e.g. candidate_id=…) or a",
        "get (GET …/{id}, with --id). The answer's JSON goes to standard output",
        "alone (pipe it to jq); its HTTP status and headers go to standard error. Exits 1 on an error answer.",
        "With --dry-run, print the provider request a create would send (credentials masked) and send nothing."})
public final class CallCommand implements Callable<Integer> {

    @Option(names = "--account", required = true, description = "The integrated account id.")
    String account;

    @Option(names = "--environment", defaultValue = "default", description = "The account's environment (default: ${DEFAULT-VALUE}).")
    String environment;

    @Option(names = "--resource", defaultValue = "ats/activities",
            description = "The unified resource, as in its path, e.g. ats/candidates (default: ${DEFAULT-VALUE}).")
    String resource;

    @Option(names = "--method", defaultValue = "create", description = "create, list or get (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--id", description = "The item's id, for --method get.")
    String id;

    @Option(names = "--body", description = "For create: the unified body as JSON, e.g. '{\"candidate_id\": \"c1\", \"body\": \"Hi\"}'.")
    String body;

    @Option(names = "--query", description = "A query parameter as name=value, repeatable, e.g. --query 'remote_query[perform_as]=u1'.")
    List<String> query = new ArrayList<>();

    @Option(names = "--idempotency-key", description = "An Idempotency-Key for the create.")
    String idempotencyKey;

    @Option(names = "--dry-run", description = "Map only; print the provider request.")
    boolean dryRun;

    @Override
    public Integer call() throws IOException {
        ServerConfig config = ServerConfig.fromEnvironment(System.getenv());
        try (var stores = Server.Stores.open(config)) {
            Engine engine = Engine.build(config, stores);
            var parameters = new LinkedHashMap<String, List<String>>();
            parameters.put("integrated_account_id", List.of(account));
            for (String pair : query) {
                int equals = pair.indexOf('=');
                if (equals <= 0) {
                    throw new IllegalArgumentException("--query takes name=value, not '" + pair + "'");
                }
                parameters.computeIfAbsent(pair.substring(0, equals), name -> new ArrayList<>())
                        .add(pair.substring(equals + 1));
            }
            try {
                var model = stores.catalog().model(resource).orElseThrow(() -> ApiException.badRequest(
                        "--resource must be one of " + stores.catalog().models().stream()
                                .map(m -> m.resource()).toList() + ", not '" + resource + "'"));
                if (!model.methods().containsKey(method)) {
                    throw ApiException.badRequest("--method must be one of " + model.methods().keySet().stream()
                            .sorted().toList() + " for " + resource + ", not '" + method + "'");
                }
                var parsed = UnifiedQuery.parse(parameters, model.responseFields().keySet(),
                        UnifiedQuery.methodParameters(model, method));
                var trace = new RequestTrace(UUID.randomUUID().toString());
                print(switch (method) {
                    case "create" -> engine.writes().run(request("create", parsed, createBody()), trace);
                    case "list" -> engine.listing().list(request("list", parsed, Map.of()), trace);
                    case "get" -> engine.listing().get(request("get", parsed, Map.of()), Optional.ofNullable(id)
                            .orElseThrow(() -> ApiException.badRequest("--method get needs --id")), trace);
                    default -> throw ApiException.badRequest("--method must be create, list or get, not '" + method + "'");
                });
                return 0;
            } catch (ApiException e) {
                System.err.println("HTTP " + e.status());
                System.out.println(pretty(e.body()));
                return 1;
            }
        }
    }

    private UnifiedRequest request(String unifiedMethod, UnifiedQuery parsed, Map<String, Object> unifiedBody) {
        return new UnifiedRequest(environment, parsed.accountId(), resource, unifiedMethod, unifiedBody,
                parsed.query(), parsed.remoteQuery(), parsed.options(),
                unifiedMethod.equals("create") ? Optional.ofNullable(idempotencyKey) : Optional.empty(),
                dryRun || parsed.dryRun());
    }

    private Map<String, Object> createBody() throws IOException {
        if (body == null) {
            throw ApiException.badRequest("--method create needs --body");
        }
        return JsonBodies.object(body.getBytes(StandardCharsets.UTF_8));
    }

    /** The body on standard output, alone, so that {@code | jq} works; the status and headers on standard error. */
    private static void print(UnifiedResult result) throws IOException {
        System.err.println("HTTP " + result.status());
        result.headers().forEach((name, value) -> System.err.println(name + ": " + value));
        if (result instanceof UnifiedResult.JsonBody json) {
            System.out.println(pretty(json.body()));
        } else if (result instanceof UnifiedResult.RawBody raw) {
            System.out.println(new String(raw.body(), StandardCharsets.UTF_8));
        } else if (result instanceof UnifiedResult.StreamBody stream) {
            try (InputStream in = stream.body()) {
                in.transferTo(System.out);
            }
            System.out.println();
        }
    }

    private static String pretty(Object value) throws IOException {
        return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    }
}
