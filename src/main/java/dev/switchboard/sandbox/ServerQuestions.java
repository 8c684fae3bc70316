package dev.switchboard.sandbox;

import dev.switchboard.mapping.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Lists asked of the running server as a product would ask them, so that the walk the
 * sandbox prints names ids that exist: a listed user, a job's stage, a listed reason.
 *
 * @param base    the server's base URL
 * @param token   an API token of the sandbox's environment
 * @param account the integrated account asked about
 */
record ServerQuestions(String base, String token, String account) {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The first page of a unified list, without remote data; empty when the server cannot answer. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> list(String resource, String query) {
        try {
            var answer = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/unified/ats/" + resource
                    + "?truto_ignore_remote_data=true&integrated_account_id=" + account
                    + (query.isEmpty() ? "" : "&" + query)))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (answer.statusCode() != 200) {
                return List.of();
            }
            return Json.asObject(Json.parse(answer.body())).map(page -> page.get("result"))
                    .filter(List.class::isInstance).map(list -> ((List<Object>) list).stream()
                            .filter(Map.class::isInstance).map(item -> (Map<String, Object>) item).toList())
                    .orElse(List.of());
        } catch (java.io.IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /** The id inside an object field ({@code job.id}), if there is one. */
    static java.util.Optional<String> idOf(Map<String, Object> item, String field) {
        return item.get(field) instanceof Map<?, ?> object && object.get("id") != null
                ? java.util.Optional.of(String.valueOf(object.get("id"))) : java.util.Optional.empty();
    }
}
