package dev.switchboard.unified;

import dev.switchboard.remote.RemoteErrors;

import dev.switchboard.accounts.AccountStatus;
import dev.switchboard.accounts.IntegratedAccount;
import dev.switchboard.api.UnifiedQuery;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.CatalogLoader;
import dev.switchboard.catalog.Operation;
import dev.switchboard.mapping.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The in-process path of a create, per integration: request mapping, response mapping
 * with shaping, error recognition, and query parsing. Run with {@code bench/jmh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class InProcessBenchmark {

    @Param({"ashby", "lever", "recruitee"})
    public String integration;

    private Operation operation;
    private IntegratedAccount account;
    private ValidatedBody body;
    private Map<String, Object> input;
    private byte[] answer;
    private Map<String, List<String>> query;
    private Set<String> responseFields;

    @Setup
    public void setUp() throws Exception {
        Catalog catalog = CatalogLoader.loadBundled();
        operation = catalog.operation(integration, "ats/activities", "create").orElseThrow();
        Map<String, Object> context = switch (integration) {
            case "recruitee" -> Map.of("api_token", "t", "company_id", "73014");
            default -> Map.of("api_key", "k");
        };
        account = new IntegratedAccount("acc", "default", integration, "t", AccountStatus.ACTIVE, context,
                Instant.now(), Instant.now());
        var fields = new LinkedHashMap<String, Object>();
        fields.put("candidate_id", "250d8f03-738a-4bba-a671-8a3d73477145");
        fields.put("body", "Moving to onsite");
        if (integration.equals("lever")) {
            fields.put("visibility", "private");
            fields.put("created_at", "2026-07-02T06:36:29.118Z");
        }
        body = BodyValidator.validate(operation, fields);
        input = RequestBuilder.mappingInput(operation, account, body, Map.of(), List.of());
        answer = CatalogLoader.class.getResourceAsStream("/catalog/integrations/" + integration
                + "/ats/activities/create/example_response.json").readAllBytes();
        query = Map.of("integrated_account_id", List.of("acc"), "truto_exclude_fields[]", List.of("actor"),
                "remote_query[perform_as]", List.of("u1"), "truto_response_format", List.of("unified"));
        responseFields = operation.model().responseFields().keySet();
    }

    @Benchmark
    public Object validateAndMapRequest() throws Exception {
        ValidatedBody validated = BodyValidator.validate(operation, Map.of("candidate_id", "c-1", "body", "text"));
        return RequestBuilder.build(operation, account,
                RequestBuilder.mappingInput(operation, account, validated, Map.of(), List.of()), validated, List.of());
    }

    @Benchmark
    public Object mapAndShapeResponse() throws Exception {
        Object parsed = Json.parse(answer);
        var mappingInput = new LinkedHashMap<String, Object>();
        mappingInput.put("status", 201);
        mappingInput.put("response", parsed);
        mappingInput.put("request", input);
        Map<String, Object> mapped = operation.response().evaluate(mappingInput).flatMap(Json::asObject).orElseThrow();
        return Json.write(ResponseShaper.unified(mapped, parsed, ResponseOptions.defaults()));
    }

    @Benchmark
    public Object recogniseErrors() {
        return RemoteErrors.recognise(operation, new dev.switchboard.remote.RemoteResponse(201, Map.of(), answer),
                Json.tryParse(answer));
    }

    @Benchmark
    public Object parseQuery() {
        return UnifiedQuery.parse(query, responseFields, Set.of());
    }

    @Benchmark
    public Object parseRequestBody() throws Exception {
        return Json.parseRequest("{\"candidate_id\": \"c-1\", \"body\": \"Moving to onsite\"}".getBytes(StandardCharsets.UTF_8));
    }
}
