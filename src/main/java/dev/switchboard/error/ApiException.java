package dev.switchboard.error;

import java.util.Collection;
import java.util.LinkedHashMap;
import org.eclipse.jetty.http.HttpStatus;
import java.util.List;
import java.util.Map;

/**
 * A failure with the HTTP status and error body the caller gets. Thrown anywhere on the
 * request path and turned into JSON in one place.
 *
 * <p>Its message and extras are shown to the caller: they never hold a credential.
 */
public final class ApiException extends RuntimeException {

    private static final String CODE = "code";

    private final int status;
    private final Map<String, Object> extras;
    private final Map<String, String> headers;

    private ApiException(int status, String message, Map<String, Object> extras, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.extras = Map.copyOf(extras);
        this.headers = Map.copyOf(headers);
    }

    public static ApiException of(int status, String message) {
        return new ApiException(status, message, Map.of(), Map.of());
    }

    public static ApiException badRequest(String message) {
        return of(400, message);
    }

    /**
     * A validation failure whose {@code truto_error_insight} names every offending field.
     *
     * @param subject what was checked, as the insight's keys name it: {@code body} gives
     *                {@code missing_required_body_fields} and {@code invalid_body_fields}
     */
    public static ApiException invalid(String message, String subject, List<String> missing,
            Map<String, Object> invalid) {
        var insight = new LinkedHashMap<String, Object>();
        if (!missing.isEmpty()) {
            insight.put("missing_required_" + subject + "_fields", List.copyOf(missing));
        }
        if (!invalid.isEmpty()) {
            insight.put("invalid_" + subject + "_fields", new LinkedHashMap<>(invalid));
        }
        return new ApiException(400, message, Map.of("truto_error_insight", insight), Map.of());
    }

    /** The same error with one more entry in its {@code truto_error_insight}. */
    @SuppressWarnings("unchecked")
    public ApiException withInsight(String key, Object value) {
        var insight = new LinkedHashMap<String, Object>(extras.get("truto_error_insight") instanceof Map<?, ?> existing
                ? (Map<String, Object>) existing : Map.of());
        insight.put(key, value);
        return withExtra("truto_error_insight", insight);
    }

    public ApiException withExtra(String key, Object value) {
        var copy = new LinkedHashMap<>(extras);
        copy.put(key, value);
        return new ApiException(status, getMessage(), copy, headers);
    }

    /**
     * The same error with this stable {@code code}, for callers that branch on the kind of
     * failure rather than its wording.
     */
    public ApiException withCode(String code) {
        return withExtra(CODE, code);
    }

    /** The error's stable code: the one given, or one for its status, {@code remote_}-prefixed for a provider's. */
    public String code() {
        if (extras.get(CODE) instanceof String given) {
            return given;
        }
        String base = switch (status) {
            case 400 -> "invalid_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 408 -> "request_timeout";
            case 409 -> "conflict";
            case 410 -> "gone";
            case 413 -> "body_too_large";
            case 414 -> "uri_too_long";
            case 415 -> "unsupported_media_type";
            case 422 -> "unprocessable";
            case 429 -> "rate_limited";
            case 431 -> "headers_too_large";
            case 501 -> "not_implemented";
            case 502 -> "bad_gateway";
            case 503 -> "unavailable";
            case 504 -> "timeout";
            default -> status >= 500 ? "internal_error" : "client_error";
        };
        return Boolean.TRUE.equals(extras.get("truto_is_remote_error")) ? "remote_" + base : base;
    }

    public ApiException withHeader(String name, String value) {
        var copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new ApiException(status, getMessage(), extras, copy);
    }

    /**
     * The same error with every occurrence of these values in its message and its
     * {@code raw_response} masked: a provider that echoes the credential it was sent must not
     * show it to the caller.
     */
    public ApiException redacting(Collection<String> secrets) {
        if (secrets.isEmpty()) {
            return this;
        }
        var copy = new LinkedHashMap<>(extras);
        if (copy.containsKey("raw_response")) {
            copy.put("raw_response", redact(copy.get("raw_response"), secrets));
        }
        // The message may quote the provider's own message, echo and all.
        return new ApiException(status, (String) redact(getMessage(), secrets), copy, headers);
    }

    private static Object redact(Object value, Collection<String> secrets) {
        if (value instanceof String text) {
            for (String secret : secrets) {
                text = text.replace(secret, "********");
            }
            return text;
        }
        if (value instanceof Map<?, ?> map) {
            var result = new LinkedHashMap<Object, Object>();
            map.forEach((key, item) -> result.put(redact(key, secrets), redact(item, secrets)));
            return result;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(item -> redact(item, secrets)).toList();
        }
        return value;
    }

    /** The JSON error body of docs/api.md §5: statusCode, error, code, message, then the extras. */
    public Map<String, Object> body() {
        var body = new LinkedHashMap<String, Object>();
        body.put("statusCode", status);
        body.put("error", HttpStatus.getMessage(status));
        body.put(CODE, code());
        body.put("message", getMessage());
        body.putAll(extras);
        return body;
    }

    public int status() {
        return status;
    }

    public Map<String, Object> extras() {
        return extras;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
