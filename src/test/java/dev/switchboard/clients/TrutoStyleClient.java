package dev.switchboard.clients;

import dev.switchboard.mapping.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds requests the way Truto's TypeScript SDK does (trutohq/truto-ts-sdk, src/apiClient.ts,
 * src/pagination.ts, src/resources/*.ts): every URL is {@code /<resource>?<qs.stringify(query)>},
 * even with an empty query; nested objects and arrays in qs's default form
 * ({@code a%5Bb%5D=c}, {@code a%5B0%5D=x}); JSON headers on every call; a pager that asks for
 * the first page with {@code next_cursor=} and follows next_cursor until it is empty; and a
 * POST re-sent without an Idempotency-Key after 408, 409, 425, 429, 502, 503 or 504.
 */
final class TrutoStyleClient {

    static final Set<Integer> RETRIED = Set.of(408, 409, 425, 429, 502, 503, 504);
    static final int RETRIES = 3;

    record Answer(int status, Map<String, Object> body) {
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;
    private final String token;
    final List<Integer> statuses = new ArrayList<>();

    TrutoStyleClient(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    Answer list(String resource, Map<String, Object> query) {
        return send("GET", "/" + resource + "?" + qs(query), null);
    }

    /** {@code Cursor.toArray()}: every item of every page. */
    List<Map<String, Object>> all(String resource, Map<String, Object> query) {
        var items = new ArrayList<Map<String, Object>>();
        String cursor = "";
        do {
            var page = new java.util.LinkedHashMap<>(query);
            page.put("next_cursor", cursor);
            Answer answer = list(resource, page);
            if (answer.status() != 200) {
                throw new AssertionError("list answered " + answer);
            }
            for (Object item : (List<?>) answer.body().get("result")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> map = (Map<String, Object>) item;
                items.add(map);
            }
            cursor = answer.body().get("next_cursor") instanceof String next ? next : "";
        } while (!cursor.isEmpty());
        return items;
    }

    Answer get(String resource, String id, Map<String, Object> query) {
        return send("GET", "/" + resource + "/" + encode(id) + "?" + qs(query), null);
    }

    Answer create(String resource, Object body, Map<String, Object> query) {
        return send("POST", "/" + resource + "?" + qs(query), Json.writeString(body));
    }

    Answer update(String resource, String id, Object body) {
        return send("PATCH", "/" + resource + "/" + encode(id) + "?", Json.writeString(body));
    }

    Answer delete(String resource, String id) {
        return delete(resource, id, Map.of());
    }

    Answer delete(String resource, String id, Map<String, Object> query) {
        return send("DELETE", "/" + resource + "/" + encode(id) + "?" + qs(query), null);
    }

    /**
     * {@code unifiedApi.customMethod(method, body, {unified_model, resource, ...query})}: a POST of
     * the body to {@code /unified/<model>/<resource>/<method>}, the rest of the query as qs writes it.
     */
    Answer customMethod(String method, Object body, String unifiedModel, String resource, Map<String, Object> query) {
        return send("POST", "/unified/" + unifiedModel + "/" + resource + "/" + method + "?" + qs(query),
                Json.writeString(body));
    }

    /** {@code unifiedApi.meta(method, {category, resource, integrated_account_id})}. */
    Answer meta(String category, String resource, String method, Map<String, Object> query) {
        return get("unified/" + category + "/" + resource + "/meta", method, query);
    }

    private Answer send(String method, String pathAndQuery, String body) {
        int attempts = method.equals("POST") ? 1 + RETRIES : 1;
        Answer answer = null;
        for (int attempt = 0; attempt < attempts; attempt++) {
            answer = once(method, pathAndQuery, body);
            statuses.add(answer.status());
            if (!RETRIED.contains(answer.status())) {
                break;
            }
        }
        return answer;
    }

    private Answer once(String method, String pathAndQuery, String body) {
        var request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        try {
            var response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            Map<String, Object> parsed = response.body().length == 0 ? Map.of()
                    : Json.asObject(Json.parse(response.body())).orElse(Map.of());
            return new Answer(response.statusCode(), parsed);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** qs.stringify with its defaults: brackets encoded, arrays as indices, nested objects as a[b]. */
    static String qs(Map<String, Object> query) {
        var parts = new ArrayList<String>();
        query.forEach((key, value) -> add(parts, key, value));
        return String.join("&", parts);
    }

    private static void add(List<String> parts, String key, Object value) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((name, nested) -> add(parts, key + "[" + name + "]", nested));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                add(parts, key + "[" + i + "]", list.get(i));
            }
        } else if (value != null) {
            parts.add(encode(key) + "=" + encode(String.valueOf(value)));
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
