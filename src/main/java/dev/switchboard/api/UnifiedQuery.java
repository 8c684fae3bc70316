package dev.switchboard.api;

import dev.switchboard.catalog.UnifiedModel;
import dev.switchboard.unified.ResponseFormat;
import dev.switchboard.unified.ResponseOptions;
import dev.switchboard.error.ApiException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The query string of a unified call, split into its parts: the account, the
 * {@code truto_*} response options, {@code remote_query[...]} passthrough, and the rest.
 *
 * @param accountId   {@code integrated_account_id}
 * @param options     the response options
 * @param remoteQuery {@code remote_query[name]=value} as {@code name=value}, untransformed
 * @param query       every other parameter, bracket syntax expanded
 * @param dryRun      {@code switchboard_dry_run=true}: map, do not send
 */
public record UnifiedQuery(String accountId, ResponseOptions options, List<Map.Entry<String, String>> remoteQuery,
        Map<String, Object> query, boolean dryRun) {

    private static final String ACCOUNT = "integrated_account_id";
    private static final String FORMAT = "truto_response_format";
    private static final String IGNORE_REMOTE_DATA = "truto_ignore_remote_data";
    private static final String EXCLUDE_FIELDS = "truto_exclude_fields";
    private static final Set<String> KNOWN_TRUTO = Set.of(FORMAT, IGNORE_REMOTE_DATA, EXCLUDE_FIELDS);
    private static final String REMOTE_QUERY = "remote_query";
    private static final String DRY_RUN = "switchboard_dry_run";

    /**
     * @param responseFields the fields a caller may exclude
     * @param methodQuery    the method's own parameters (a list's candidate_id, limit, next_cursor);
     *                       any other unknown parameter is refused, so that a typo or a client that
     *                       flattens {@code remote_query[perform_as]} to {@code perform_as} never
     *                       silently changes what is done
     */
    public static UnifiedQuery parse(Map<String, List<String>> parameters, Set<String> responseFields,
            Set<String> methodQuery) {
        var rest = new LinkedHashMap<String, List<String>>();
        var remoteQuery = new ArrayList<Map.Entry<String, String>>();
        for (var entry : parameters.entrySet()) {
            String key = entry.getKey();
            String name = BracketQuery.path(key).get(0);
            if (name.startsWith("truto_") && !KNOWN_TRUTO.contains(name)) {
                throw ApiException.badRequest("unknown parameter '" + key + "'; truto_ parameters are "
                        + KNOWN_TRUTO.stream().sorted().toList());
            }
            if (name.equals(REMOTE_QUERY)) {
                String remoteName = remoteName(key);
                entry.getValue().forEach(value -> remoteQuery.add(Map.entry(remoteName, value)));
            } else if (methodQuery.contains(name)) {
                rest.put(key, entry.getValue());
            } else if (!name.equals(ACCOUNT) && !KNOWN_TRUTO.contains(name) && !name.equals(DRY_RUN)) {
                throw ApiException.invalid("unknown query parameter '" + key + "'; to pass it to the provider, send "
                        + "remote_query[" + name + "]", "query", List.of(),
                        Map.of(key, "is not a parameter of this call; provider parameters go in remote_query["
                                + name + "]"));
            }
        }
        String dryRun = single(parameters, DRY_RUN, "false");
        if (!dryRun.equals("true") && !dryRun.equals("false")) {
            throw ApiException.badRequest("'" + DRY_RUN + "' must be true or false, not '" + dryRun + "'");
        }
        return new UnifiedQuery(accountId(parameters), options(parameters, responseFields), remoteQuery,
                BracketQuery.expand(rest), dryRun.equals("true"));
    }

    /** What a method takes besides the common parameters: its model's query fields, and paging for a list. */
    public static Set<String> methodParameters(UnifiedModel model, String method) {
        var names = new HashSet<String>(model.methods().get(method).query());
        if (method.equals("list")) {
            names.addAll(Set.of("limit", "next_cursor"));
        }
        return Set.copyOf(names);
    }

    private static String accountId(Map<String, List<String>> parameters) {
        List<String> values = parameters.getOrDefault(ACCOUNT, List.of());
        if (values.isEmpty() || values.get(0).isBlank()) {
            throw ApiException.badRequest("'" + ACCOUNT + "' is required");
        }
        if (values.size() > 1) {
            throw ApiException.badRequest("'" + ACCOUNT + "' must be given once");
        }
        return Ids.check(ACCOUNT, values.get(0));
    }

    private static ResponseOptions options(Map<String, List<String>> parameters, Set<String> responseFields) {
        String formatValue = single(parameters, FORMAT, "unified");
        ResponseFormat format = ResponseFormat.fromWire(formatValue).orElseThrow(() -> ApiException.badRequest(
                "'" + FORMAT + "' must be one of " + Arrays.stream(ResponseFormat.values())
                        .map(ResponseFormat::wire).collect(Collectors.joining(", ")) + ", not '" + formatValue + "'"));
        String ignore = single(parameters, IGNORE_REMOTE_DATA, "false");
        if (!ignore.equals("true") && !ignore.equals("false")) {
            throw ApiException.badRequest("'" + IGNORE_REMOTE_DATA + "' must be true or false, not '" + ignore + "'");
        }
        var exclude = new ArrayList<String>();
        for (String value : BracketQuery.array(parameters, EXCLUDE_FIELDS)) {
            // Truto documents the comma form too: truto_exclude_fields=a,b
            for (String field : value.split(",", -1)) {
                if (!field.isBlank()) {
                    exclude.add(field.strip());
                }
            }
        }
        for (String field : exclude) {
            if (!responseFields.contains(field)) {
                throw ApiException.badRequest("'" + EXCLUDE_FIELDS + "[]' names '" + field
                        + "', which is not a response field; fields are " + responseFields);
            }
        }
        return new ResponseOptions(format, ignore.equals("true"), exclude);
    }

    private static String single(Map<String, List<String>> parameters, String name, String fallback) {
        List<String> values = parameters.getOrDefault(name, List.of());
        if (values.size() > 1) {
            throw ApiException.badRequest("'" + name + "' must be given once");
        }
        return values.isEmpty() ? fallback : values.get(0);
    }

    /** {@code remote_query[a][b]} → {@code a[b]}: the provider sees the name as the caller wrote it. */
    private static String remoteName(String key) {
        if (!key.startsWith(REMOTE_QUERY + "[")) {
            throw ApiException.badRequest("'" + key + "' must name a parameter, as remote_query[name]=value");
        }
        int close = key.indexOf(']');
        String name = key.substring(REMOTE_QUERY.length() + 1, close);
        if (name.isEmpty()) {
            throw ApiException.badRequest("'" + key + "' must name a parameter, as remote_query[name]=value");
        }
        return name + key.substring(close + 1);
    }
}
