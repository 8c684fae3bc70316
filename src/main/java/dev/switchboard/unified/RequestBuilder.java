package dev.switchboard.unified;

import dev.switchboard.accounts.ContextSecrets;
import dev.switchboard.accounts.IntegratedAccount;
import dev.switchboard.catalog.IntegrationDefinition;
import dev.switchboard.catalog.Operation;
import dev.switchboard.catalog.Pagination;
import dev.switchboard.error.ApiException;
import dev.switchboard.mapping.Json;
import dev.switchboard.mapping.Mapping;
import dev.switchboard.mapping.MappingException;
import dev.switchboard.remote.AuthHeaders;
import dev.switchboard.remote.RemoteRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs an operation's request mappings and assembles the provider call. */
public final class RequestBuilder {

    /** Where the response mappings find the provider body that was sent. */
    static final String WRITTEN_BODY = "remote_body";

    private RequestBuilder() {
    }

    /**
     * What the request mappings see: the body, the query, the {@code remote_query} the
     * provider will also get, {@code acting_user} (who a note is written as: the caller's
     * choice or the account's default), and the context without its secrets.
     */
    public static Map<String, Object> mappingInput(Operation operation, IntegratedAccount account, ValidatedBody body,
            Map<String, Object> query, List<Map.Entry<String, String>> remoteQuery) {
        var remote = new LinkedHashMap<String, Object>();
        remoteQuery.forEach(entry -> remote.putIfAbsent(entry.getKey(), entry.getValue()));
        var input = new LinkedHashMap<String, Object>();
        input.put("body", body.fields());
        input.put("query", query);
        input.put("remote_query", remote);
        ActingUsers.of(operation, account, remoteQuery).ifPresent(user -> input.put("acting_user", user));
        input.put("context", ContextSecrets.withoutSecrets(
                operation.integration().context().properties(), account.context()));
        return input;
    }

    public static RemoteRequest build(Operation operation, IntegratedAccount account, Map<String, Object> input,
            ValidatedBody body, List<Map.Entry<String, String>> remoteQuery) throws MappingException {
        return build(operation, account, input, body, remoteQuery, Optional.empty());
    }

    /** @param upload the file the write carries, sent as the endpoint's upload format says */
    public static RemoteRequest build(Operation operation, IntegratedAccount account, Map<String, Object> input,
            ValidatedBody body, List<Map.Entry<String, String>> remoteQuery, Optional<Upload> upload)
            throws MappingException {
        Pagination pagination = operation.endpoint().pagination();
        Object cursor = input.get("query") instanceof Map<?, ?> query ? query.get("cursor") : null;
        if (pagination.followsUrls() && cursor != null) {
            // The next page is where the provider said it is, if that is on the account's own API.
            return request(operation.integration(), account, operation.endpoint().method(),
                    followed(operation.integration(), account, String.valueOf(cursor)), Optional.empty());
        }
        Optional<byte[]> payload = Optional.empty();
        Optional<UploadEncoding.Encoded> streamed = Optional.empty();
        if (operation.requestBody().isPresent()) {
            Map<String, Object> mapped = object(operation.requestBody().get(), input);
            if (body.remoteData().isPresent()) {
                mapped = DeepMerge.merge(mapped, body.remoteData().get());
            }
            // The body as written, remote_data and all, for the response mapping: an answer
            // the provider does not fill in says what was written, not what was asked for.
            input.put(WRITTEN_BODY, mapped);
            var format = operation.endpoint().uploadFormat();
            if (format.isPresent() && upload.isPresent()) {
                streamed = Optional.of(UploadEncoding.encode(format.get(), mapped, upload.get(),
                        operation.integration().jsonApi() ? "application/vnd.api+json" : "application/json"));
            } else {
                payload = Optional.of(Json.write(mapped));
            }
        }
        var query = new ArrayList<Map.Entry<String, String>>();
        if (operation.query().isPresent()) {
            object(operation.query().get(), input).forEach((name, value) -> addQuery(query, name, value));
        }
        if (pagination.format().equals("page")) {
            query.removeIf(existing -> existing.getKey().equals(pagination.pageParameter()));
            query.add(Map.entry(pagination.pageParameter(), String.valueOf(cursor != null ? cursor : pagination.firstPage())));
        }
        List<Map.Entry<String, String>> sent = ActingUsers.sentInQuery(operation, remoteQuery);
        for (var entry : sent) {
            // remote_query wins over a mapped parameter of the same name.
            query.removeIf(existing -> existing.getKey().equals(entry.getKey()));
        }
        query.addAll(sent);

        RemoteRequest request = assemble(operation.integration(), account, operation.endpoint().method(),
                fillPath(operation, input), query, payload);
        if (streamed.isEmpty()) {
            return request;
        }
        var headers = new LinkedHashMap<>(request.headers());
        headers.put("Content-Type", streamed.get().contentType());
        return new RemoteRequest(request.method(), request.uri(), headers, Optional.empty(),
                Optional.of(streamed.get().body()));
    }

    /**
     * A provider call at a path below the account's base URL (its {@code base_url}, else the
     * integration's), with the integration's headers and the account's credentials: every
     * call to a provider, unified or proxied, is put together here.
     */
    public static RemoteRequest assemble(IntegrationDefinition integration, IntegratedAccount account, String method,
            String path, List<Map.Entry<String, String>> query, Optional<byte[]> payload) {
        String base = integration.baseUrlFor(account.context());
        return request(integration, account, method, URI.create(stripTrailingSlash(base) + path + queryString(query)),
                payload);
    }

    /**
     * A URL the provider handed out (a next page), if it lies under the account's base URL:
     * same scheme, host and port, and a path below the base path. Anything else is refused
     * rather than sent the account's credentials.
     */
    public static URI followed(IntegrationDefinition integration, IntegratedAccount account, String url) {
        URI base = URI.create(stripTrailingSlash(integration.baseUrlFor(account.context())));
        URI next;
        try {
            next = new URI(url).normalize();
        } catch (java.net.URISyntaxException e) {
            throw ApiException.of(502, integration.label() + " gave a next page address that is not a URL")
                    .withExtra("truto_is_remote_error", true);
        }
        boolean same = base.getScheme().equalsIgnoreCase(String.valueOf(next.getScheme()))
                && base.getHost().equalsIgnoreCase(String.valueOf(next.getHost()))
                && port(base) == port(next) && next.getRawUserInfo() == null
                && next.getRawPath() != null && (next.getRawPath() + "/").startsWith(base.getRawPath() + "/")
                && !next.getRawPath().contains("/../");
        if (!same) {
            throw ApiException.of(502, integration.label() + " gave a next page outside the account's API ("
                    + next.getHost() + "); it was not followed").withExtra("truto_is_remote_error", true);
        }
        return next;
    }

    /** A GET of a link under the account's own API (a file's download link), with its credentials. */
    public static RemoteRequest fetch(IntegrationDefinition integration, IntegratedAccount account, URI target) {
        RemoteRequest api = request(integration, account, "GET", target, Optional.empty());
        var headers = new LinkedHashMap<>(api.headers());
        headers.keySet().removeIf(name -> name.equalsIgnoreCase("Accept"));
        headers.put("Accept", "*/*"); // a file, whatever its type: not the API's JSON
        return new RemoteRequest(api.method(), api.uri(), headers, api.body());
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static RemoteRequest request(IntegrationDefinition integration, IntegratedAccount account, String method,
            URI uri, Optional<byte[]> payload) {
        var headers = new LinkedHashMap<>(integration.headers());
        String mediaType = integration.jsonApi() ? "application/vnd.api+json" : "application/json";
        if (integration.jsonApi()) {
            headers.putIfAbsent("Accept", mediaType);
        }
        if (payload.isPresent()) {
            headers.put("Content-Type", mediaType);
        }
        var authorization = AuthHeaders.authorization(integration.auth(), account.context())
                .orElseThrow(() -> new IllegalStateException("account " + account.id() + " holds no credential"));
        headers.put(authorization.getKey(), authorization.getValue());
        return new RemoteRequest(method, uri, headers, payload);
    }

    private static Map<String, Object> object(Mapping mapping, Map<String, Object> input) throws MappingException {
        Optional<Object> result = mapping.evaluate(input);
        if (result.isEmpty()) {
            return Map.of();
        }
        return Json.asObject(result.get()).orElseThrow(() ->
                new MappingException(mapping.source() + ": must yield an object"));
    }

    private static String fillPath(Operation operation, Map<String, Object> input) throws MappingException {
        String template = operation.endpoint().path();
        Map<String, Object> values = operation.path().isPresent() ? object(operation.path().get(), input) : Map.of();
        var filled = PathTemplate.fill(template, name -> Optional.ofNullable(values.get(name))
                .filter(value -> !(value instanceof Map) && !(value instanceof List)).map(String::valueOf));
        if (!filled.missing().isEmpty()) {
            throw new MappingException(operation.path().map(Mapping::source).orElse(template)
                    + ": gives no text for path placeholder {" + filled.missing().get(0) + "}");
        }
        return filled.path();
    }

    private static void addQuery(List<Map.Entry<String, String>> query, String name, Object value) {
        if (value instanceof List<?> values) {
            values.forEach(item -> addQuery(query, name, item));
        } else if (value != null) {
            query.add(Map.entry(name, value instanceof String text ? text : Json.writeString(value)));
        }
    }

    private static String queryString(List<Map.Entry<String, String>> query) {
        if (query.isEmpty()) {
            return "";
        }
        var text = new StringBuilder("?");
        for (var entry : query) {
            if (text.length() > 1) {
                text.append('&');
            }
            text.append(encode(entry.getKey()))
                    .append('=').append(encode(entry.getValue()));
        }
        return text.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
