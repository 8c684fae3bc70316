package dev.switchboard.engine;

import dev.switchboard.accounts.AccountService;
import dev.switchboard.accounts.IntegratedAccount;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.FieldSchema;
import dev.switchboard.catalog.Operation;
import dev.switchboard.crypto.SecretBox;
import dev.switchboard.error.ApiException;
import dev.switchboard.observability.RequestTrace;
import dev.switchboard.transport.RemoteResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The read side of a unified resource: a candidate's activities a page at a time, and one
 * activity by id where the provider can fetch one. Pages are read through the same list
 * mapping the search after an unknown create uses. A caller's page may span provider pages
 * or be part of one (Recruitee answers all notes at once); the cursor keeps the place.
 */
public final class Listing {

    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 100;
    /** Provider pages one caller page may read while deleted notes leave pages short. */
    private static final int MAX_PROVIDER_PAGES = 5;
    public static final String NEXT_CURSOR_HEADER = "x-switchboard-next-cursor";

    private final Catalog catalog;
    private final AccountService accounts;
    private final PageReader pages;
    private final SecretBox box;

    public Listing(Catalog catalog, AccountService accounts, RemoteCaller caller, SecretBox box) {
        this.catalog = catalog;
        this.accounts = accounts;
        this.pages = new PageReader(caller, accounts);
        this.box = box;
    }

    /** {@code GET /unified/{resource}}: one page of a candidate's activities. */
    public UnifiedResult list(UnifiedRequest request, RequestTrace trace) {
        IntegratedAccount account = accounts.get(request.environment(), request.accountId());
        trace.operation(account.integration(), request.resource(), "list");
        Operation list = operation(account, request.resource(), "list", "list activities");
        ResponseOptions options = options(request);
        String candidate = candidate(list, request.query());
        int limit = limit(request.query());
        ListCursor cursor = ListCursor.open(text(request.query().get("next_cursor")), box, account.id(), candidate);

        var query = new LinkedHashMap<String, Object>();
        query.put("candidate_id", candidate);
        query.put("limit", limit);
        cursor.provider().ifPresent(value -> query.put("cursor", value));
        if (options.format() == ResponseFormat.RAW) {
            // The provider's page exactly as it came; where the next one starts goes in a header.
            PageReader.ProviderPage page = pages.read(list, account, query, request.remoteQuery(), trace);
            var headers = headers(page.response());
            page.next().ifPresent(next -> headers.put(NEXT_CURSOR_HEADER,
                    ListCursor.at(next).seal(box, account.id(), candidate)));
            return new UnifiedResult.RawBody(page.response().status(), headers, page.response().contentType(),
                    page.response().body());
        }

        var taken = new ArrayList<Map<String, Object>>();
        Optional<ListCursor> next = Optional.empty();
        Map<String, String> headers = Map.of();
        for (int read = 0; read < MAX_PROVIDER_PAGES; read++) {
            PageReader.ProviderPage page = pages.read(list, account, query, request.remoteQuery(), trace);
            headers = headers(page.response());
            List<Map<String, Object>> items = page.items();
            int start = start(cursor, items);
            int end = Math.min(items.size(), start + limit - taken.size());
            taken.addAll(items.subList(start, end));
            if (end < items.size()) {
                next = Optional.of(new ListCursor(cursor.provider(),
                        Optional.of(String.valueOf(items.get(end - 1).get("id"))), end));
                break;
            }
            if (page.next().isEmpty()) {
                next = Optional.empty(); // this was the last provider page, read to its end
                break;
            }
            cursor = ListCursor.at(page.next().get());
            next = Optional.of(cursor);
            if (taken.size() >= limit) {
                break;
            }
            query.put("cursor", page.next().get());
        }

        var result = new ArrayList<Map<String, Object>>();
        for (Map<String, Object> item : taken) {
            result.add(shape(list, item, options));
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("result", result);
        body.put("next_cursor", next.map(c -> c.seal(box, account.id(), candidate)).orElse(null));
        body.put("result_count", result.size());
        return new UnifiedResult.JsonBody(list.method().status(), headers, body);
    }

    /** {@code GET /unified/{resource}/{id}}: one activity, where the provider can fetch one. */
    public UnifiedResult get(UnifiedRequest request, String id, RequestTrace trace) {
        IntegratedAccount account = accounts.get(request.environment(), request.accountId());
        trace.operation(account.integration(), request.resource(), "get");
        Operation get = operation(account, request.resource(), "get",
                "fetch a single activity; list the candidate's activities instead");
        ResponseOptions options = options(request);
        var query = new LinkedHashMap<String, Object>();
        query.put("candidate_id", candidate(get, request.query()));
        query.put("id", id);
        PageReader.ProviderItem read = pages.readOne(get, account, query, request.remoteQuery(), trace);
        if (options.format() == ResponseFormat.RAW) {
            return new UnifiedResult.RawBody(read.response().status(), headers(read.response()),
                    read.response().contentType(), read.response().body());
        }
        Map<String, Object> item = read.item().orElseThrow(() -> ApiException.of(404, get.integration().label()
                + " has no activity '" + id + "' on that candidate (it may have been deleted)"));
        return new UnifiedResult.JsonBody(get.method().status(), headers(read.response()), shape(get, item, options));
    }

    private Operation operation(IntegratedAccount account, String resource, String method, String what) {
        String integration = account.integration();
        return catalog.operation(integration, resource, method).orElseThrow(() -> ApiException.badRequest(
                catalog.integration(integration).map(i -> i.label()).orElse(integration) + " cannot " + what
                        + catalog.integration(integration).flatMap(i -> i.unsupportedReason(resource, method))
                                .map(why -> " (" + why + ")").orElse("")));
    }

    private static ResponseOptions options(UnifiedRequest request) {
        if (request.options().format() == ResponseFormat.STREAM) {
            throw ApiException.invalid("truto_response_format=stream is for create; a list answers unified, raw "
                    + "or normalized", "query", List.of(), Map.of("truto_response_format", "must be one of unified, "
                    + "raw, normalized for a read"));
        }
        if (request.dryRun()) {
            throw ApiException.badRequest("switchboard_dry_run is for create; a read sends nothing that changes");
        }
        return request.options();
    }

    private static String candidate(Operation operation, Map<String, Object> query) {
        FieldSchema schema = operation.model().requestFields().get("candidate_id");
        Object value = query.get("candidate_id");
        if (value == null || (value instanceof String text && text.isBlank())) {
            throw ApiException.invalid("'candidate_id' is required: " + operation.integration().label()
                    + " keeps notes on a candidate", "query", List.of("candidate_id"), Map.of());
        }
        if (!(value instanceof String text) || schema.isBadId(text)) {
            throw ApiException.invalid("'candidate_id' must be one id", "query", List.of(),
                    Map.of("candidate_id", "must be an id: at most 256 characters, no slashes or control characters"));
        }
        return text;
    }

    private static int limit(Map<String, Object> query) {
        Object value = query.get("limit");
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        if (value instanceof String text && text.matches("\\d{1,3}")) {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        }
        throw ApiException.invalid("'limit' must be a whole number from 1 to " + MAX_LIMIT, "query", List.of(),
                Map.of("limit", "must be a whole number from 1 to " + MAX_LIMIT));
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw ApiException.invalid("'next_cursor' must be given once", "query", List.of(),
                    Map.of("next_cursor", "must be given once"));
        }
        return text;
    }

    /** Where this caller's page starts in a provider page: after the last item given from it. */
    private static int start(ListCursor cursor, List<Map<String, Object>> items) {
        if (cursor.afterId().isEmpty()) {
            return Math.min(cursor.offset(), items.size());
        }
        for (int i = 0; i < items.size(); i++) {
            if (cursor.afterId().get().equals(String.valueOf(items.get(i).get("id")))) {
                return i + 1;
            }
        }
        return Math.min(cursor.offset(), items.size()); // that item was deleted since: go on by count
    }

    private static Map<String, Object> shape(Operation operation, Map<String, Object> item, ResponseOptions options) {
        var mapped = new LinkedHashMap<>(item);
        Object remote = mapped.remove("remote_data");
        return options.format() == ResponseFormat.NORMALIZED
                ? ResponseShaper.normalized(operation.model().responseFields(), mapped, options)
                : ResponseShaper.unified(mapped, remote, options);
    }

    private static LinkedHashMap<String, String> headers(RemoteResponse response) {
        return new LinkedHashMap<>(RateLimitHeaders.normalised(response::header));
    }
}
