package dev.switchboard.proxy;

import dev.switchboard.ratelimit.RateLimitHeaders;
import dev.switchboard.remote.OutcomeUnknown;
import dev.switchboard.remote.RemoteCaller;
import dev.switchboard.remote.RemoteErrors;
import dev.switchboard.unified.PathTemplate;
import dev.switchboard.unified.RequestBuilder;
import dev.switchboard.unified.UnifiedResult;

import dev.switchboard.accounts.AccountService;
import dev.switchboard.accounts.ContextSecrets;
import dev.switchboard.accounts.IntegratedAccount;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.IntegrationDefinition;
import dev.switchboard.catalog.ProxyEndpoint;
import dev.switchboard.catalog.ProxyResource;
import dev.switchboard.error.ApiException;
import dev.switchboard.mapping.Json;
import dev.switchboard.observability.RequestTrace;
import dev.switchboard.remote.RemoteFailure;
import dev.switchboard.remote.RemoteResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The proxy API, Truto's escape hatch: a provider's own endpoint, called with the account's
 * credentials, rate limit and error handling, answered with the provider's body (a list as
 * {@code {result, next_cursor}}). Only the resources an integration's catalog names can be
 * called, at the paths it gives: no account becomes a general HTTP client.
 */
public final class Proxy {

    private static final String ACCOUNT = "integrated_account_id";
    private static final String NEXT_CURSOR = "next_cursor";

    /**
     * One proxy call.
     *
     * @param method list, get, create, update or delete
     * @param id     the item, for get, update and delete
     * @param query  the caller's query: the account, path values, the provider's own parameters
     * @param body   the JSON body, for create and update
     */
    public record ProxyRequest(String environment, String resource, String method, Optional<String> id,
            Map<String, List<String>> query, Optional<Map<String, Object>> body) {
    }

    private final Catalog catalog;
    private final AccountService accounts;
    private final RemoteCaller caller;

    public Proxy(Catalog catalog, AccountService accounts, RemoteCaller caller) {
        this.catalog = catalog;
        this.accounts = accounts;
        this.caller = caller;
    }

    public UnifiedResult call(ProxyRequest request, RequestTrace trace) {
        String accountId = single(request.query(), ACCOUNT).filter(id -> !id.isBlank()).orElseThrow(() ->
                ApiException.invalid("'" + ACCOUNT + "' is required", "query", List.of(ACCOUNT), Map.of()));
        IntegratedAccount account = accounts.get(request.environment(), accountId);
        trace.operation(account.integration(), "proxy/" + request.resource(), request.method());
        IntegrationDefinition integration = catalog.integration(account.integration()).orElseThrow();
        ProxyResource resource = Optional.ofNullable(integration.proxy().get(request.resource())).orElseThrow(() ->
                ApiException.of(404, integration.label() + " has no proxy resource '" + request.resource()
                        + "'; it has " + integration.proxy().keySet().stream().sorted().toList()));
        ProxyEndpoint endpoint = resource.method(request.method()).orElseThrow(() -> ApiException.badRequest(
                integration.label() + "'s " + request.resource() + " cannot " + request.method() + " through the proxy"));

        var rest = new LinkedHashMap<String, List<String>>(request.query());
        rest.remove(ACCOUNT);
        Optional<String> cursor = Optional.ofNullable(rest.remove(NEXT_CURSOR)).flatMap(values -> values.stream()
                .filter(value -> !value.isEmpty()).findFirst());
        Map<String, Object> context = ContextSecrets.withoutSecrets(integration.context().properties(), account.context());
        String path = fillPath(endpoint, rest, context, request.id());
        cursor.ifPresent(value -> endpoint.cursorParameterName().ifPresent(name -> rest.put(name, List.of(value))));

        RemoteResponse response = send(integration, account, endpoint, path, rest, request.body(), trace);
        Optional<Object> parsed = Json.tryParse(response.body());
        Optional<ApiException> error = RemoteErrors.recognise(integration, catalog.errorRule(integration.name())
                .orElseThrow(), response, parsed);
        if (error.isPresent()) {
            if (error.get().status() == 401) {
                accounts.markNeedsReauth(account);
            }
            throw RemoteErrors.redacted(error.get(), integration, account);
        }
        accounts.markChecked(account);
        var headers = new LinkedHashMap<>(RateLimitHeaders.normalised(response::header));
        Object body = parsed.orElse(Map.of());
        if (request.method().equals("list")) {
            return new UnifiedResult.JsonBody(200, headers, page(endpoint, body));
        }
        Object item = endpoint.resultField().flatMap(field -> field(body, field)).orElse(body);
        return new UnifiedResult.JsonBody(response.status() == 201 ? 201 : 200, headers,
                item instanceof Map<?, ?> map ? cast(map) : Map.of("result", item));
    }

    private RemoteResponse send(IntegrationDefinition integration, IntegratedAccount account, ProxyEndpoint endpoint,
            String path, Map<String, List<String>> query, Optional<Map<String, Object>> body, RequestTrace trace) {
        Optional<byte[]> payload = endpoint.queryAsBody() ? Optional.of(Json.write(asBody(query))) : body.map(Json::write);
        var entries = new ArrayList<Map.Entry<String, String>>();
        if (!endpoint.queryAsBody()) {
            query.forEach((name, values) -> values.forEach(value -> entries.add(Map.entry(name, value))));
        }
        try {
            return caller.read(caller.call(integration, account, current -> RequestBuilder.assemble(integration,
                    current, endpoint.method(), path, entries, payload), trace));
        } catch (OutcomeUnknown unknown) {
            throw unknown.error();
        } catch (RemoteFailure failure) {
            throw RemoteErrors.failure(integration, failure);
        }
    }

    /**
     * The provider path, its placeholders from the account's own context first: a value the
     * account holds (its company) is never the query's to change. A value from the query or
     * the id names one path segment: one with a slash, a control character, or "." or "..",
     * is refused rather than sent on encoded.
     */
    private static String fillPath(ProxyEndpoint endpoint, Map<String, List<String>> query, Map<String, Object> context,
            Optional<String> id) {
        var filled = PathTemplate.fill(endpoint.path(), name -> {
            List<String> given = query.remove(name);
            if (name.equals("id")) {
                return id.map(value -> segment("id", value));
            }
            if (context.get(name) != null) {
                String own = String.valueOf(context.get(name));
                if (given != null && !given.equals(List.of(own))) {
                    throw ApiException.invalid("'" + name + "' comes from the integrated account; the query may not "
                            + "give another", "query", List.of(), Map.of(name, "is the account's own; leave it out"));
                }
                return Optional.of(own);
            }
            return Optional.ofNullable(given).flatMap(values -> values.stream().findFirst())
                    .map(value -> segment(name, value));
        });
        if (!filled.missing().isEmpty()) {
            throw ApiException.invalid("the provider path " + endpoint.path() + " needs " + filled.missing()
                    + " in the query", "query", filled.missing(), Map.of());
        }
        return filled.path();
    }

    private static String segment(String name, String value) {
        if (value.isEmpty() || value.equals(".") || value.equals("..") || value.chars()
                .anyMatch(c -> c == '/' || c == '\\' || Character.isISOControl(c))) {
            throw ApiException.invalid("'" + name + "' must be one path segment", "query", List.of(),
                    Map.of(name, "must not be empty, '.' or '..', nor contain a slash or a control character"));
        }
        return value;
    }

    private static Map<String, Object> page(ProxyEndpoint endpoint, Object body) {
        Object items = endpoint.resultsField().flatMap(field -> field(body, field)).orElse(List.of());
        boolean more = endpoint.hasMoreField().flatMap(field -> field(body, field))
                .map(Boolean.TRUE::equals).orElse(true);
        Object next = more ? endpoint.nextCursorField().flatMap(field -> field(body, field)).orElse(null) : null;
        var page = new LinkedHashMap<String, Object>();
        page.put("result", items instanceof List<?> ? items : List.of());
        page.put(NEXT_CURSOR, next == null || "".equals(next) ? null : String.valueOf(next));
        return page;
    }

    /** Ashby's reads take their arguments as a JSON body: each parameter once, repeated ones as a list. */
    private static Map<String, Object> asBody(Map<String, List<String>> query) {
        var body = new LinkedHashMap<String, Object>();
        query.forEach((name, values) -> body.put(name, values.size() == 1 ? values.get(0) : values));
        return body;
    }

    private static Optional<Object> field(Object body, String name) {
        if (name.equals(ProxyEndpoint.WHOLE_ANSWER)) {
            return Optional.of(body);
        }
        return body instanceof Map<?, ?> map ? Optional.ofNullable(map.get(name)) : Optional.empty();
    }

    private static Optional<String> single(Map<String, List<String>> query, String name) {
        return Optional.ofNullable(query.get(name)).flatMap(values -> values.stream().findFirst());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
