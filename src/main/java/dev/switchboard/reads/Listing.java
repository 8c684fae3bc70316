package dev.switchboard.reads;

import dev.switchboard.ratelimit.RateLimitHeaders;
import dev.switchboard.remote.RemoteCaller;
import dev.switchboard.unified.ResponseFormat;
import dev.switchboard.unified.ResponseOptions;
import dev.switchboard.unified.ResponseShaper;
import dev.switchboard.unified.UnifiedRequest;
import dev.switchboard.unified.UnifiedResult;

import dev.switchboard.accounts.AccountService;
import dev.switchboard.accounts.IntegratedAccount;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.Operation;
import dev.switchboard.crypto.SecretBox;
import dev.switchboard.error.ApiException;
import dev.switchboard.observability.RequestTrace;
import dev.switchboard.remote.RemoteResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The read side of every unified resource: a page of a list, and one item by id where the
 * provider can fetch one. Pages are read through the same list mapping the search after an
 * unknown create uses. A caller's page may span provider pages or be part of one (Recruitee
 * answers all notes at once); the cursor keeps the place.
 */
public final class Listing {

    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 100;
    /** Provider pages one caller page may read while skipped items leave pages short. */
    private static final int MAX_PROVIDER_PAGES = 5;
    public static final String NEXT_CURSOR_HEADER = "x-switchboard-next-cursor";

    private final Catalog catalog;
    private final AccountService accounts;
    private final PageReader pages;
    private final SecretBox box;

    public Listing(Catalog catalog, AccountService accounts, PageReader pages, SecretBox box) {
        this.catalog = catalog;
        this.accounts = accounts;
        this.pages = pages;
        this.box = box;
    }

    /** {@code GET /unified/{resource}}: one page of a resource, as its filters narrow it. */
    public UnifiedResult list(UnifiedRequest request, RequestTrace trace) {
        IntegratedAccount account = accounts.get(request.environment(), request.accountId());
        trace.operation(account.integration(), request.resource(), "list");
        Operation list = operation(account, request.resource(), "list");
        ResponseOptions options = options(request);
        ListFilters filters = ListFilters.of(list, request.query());
        String scope = request.resource() + "?" + filters.binding();
        int limit = limit(request.query());
        ListCursor cursor = ListCursor.open(text(request.query().get("next_cursor")), box, account.id(), scope);

        var query = new LinkedHashMap<String, Object>(filters.values());
        query.put("limit", limit);
        cursor.provider().ifPresent(value -> query.put("cursor", value));
        if (options.format() == ResponseFormat.STREAM) {
            // The provider's page as it arrives, never held; only a cursor its headers carry can be given.
            PageReader.StreamedPage page = pages.stream(list, account, query, request.remoteQuery(), trace);
            var headers = new LinkedHashMap<>(page.headers());
            page.next().ifPresent(next -> headers.put(NEXT_CURSOR_HEADER,
                    ListCursor.at(next).seal(box, account.id(), scope)));
            return new UnifiedResult.StreamBody(page.status(), headers, page.contentType(), page.body());
        }
        if (options.format() == ResponseFormat.RAW) {
            // The provider's page exactly as it came; where the next one starts goes in a header.
            PageReader.ProviderPage page = pages.read(list, account, query, request.remoteQuery(), trace);
            var headers = headers(page.response());
            page.next().ifPresent(next -> headers.put(NEXT_CURSOR_HEADER,
                    ListCursor.at(next).seal(box, account.id(), scope)));
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
            result.add(shape(list, item, options, account));
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("result", result);
        body.put("next_cursor", next.map(c -> c.seal(box, account.id(), scope)).orElse(null));
        body.put("result_count", result.size());
        return new UnifiedResult.JsonBody(list.method().status(), headers, body);
    }

    /** {@code GET /unified/{resource}/{id}}: one item, where the provider can fetch one. */
    public UnifiedResult get(UnifiedRequest request, String id, RequestTrace trace) {
        IntegratedAccount account = accounts.get(request.environment(), request.accountId());
        trace.operation(account.integration(), request.resource(), "get");
        Operation get = operation(account, request.resource(), "get");
        ResponseOptions options = options(request);
        var query = new LinkedHashMap<String, Object>(ListFilters.of(get, request.query()).values());
        query.put("id", id);
        if (options.format() == ResponseFormat.STREAM) {
            PageReader.StreamedPage page = pages.stream(get, account, query, request.remoteQuery(), trace);
            return new UnifiedResult.StreamBody(page.status(), page.headers(), page.contentType(), page.body());
        }
        PageReader.ProviderItem read = pages.readOne(get, account, query, request.remoteQuery(), trace);
        if (options.format() == ResponseFormat.RAW) {
            return new UnifiedResult.RawBody(read.response().status(), headers(read.response()),
                    read.response().contentType(), read.response().body());
        }
        Map<String, Object> item = read.item().orElseThrow(() -> ApiException.of(404, get.integration().label()
                + " has no " + get.model().noun() + " '" + id + "' (it may have been deleted)"));
        return new UnifiedResult.JsonBody(get.method().status(), headers(read.response()), shape(get, item, options, account));
    }

    private Operation operation(IntegratedAccount account, String resource, String method) {
        String integration = account.integration();
        return catalog.operation(integration, resource, method).orElseThrow(() -> {
            String label = catalog.integration(integration).map(i -> i.label()).orElse(integration);
            String what = catalog.model(resource).map(model -> method.equals("get")
                    ? "fetch a single " + model.noun() : method + " " + model.plural()).orElse(method + " " + resource);
            return ApiException.badRequest(label + " cannot " + what
                    + catalog.integration(integration).flatMap(i -> i.unsupportedReason(resource, method))
                            .map(why -> " (" + why + ")").orElse(""));
        });
    }

    private static ResponseOptions options(UnifiedRequest request) {
        if (request.dryRun()) {
            throw ApiException.badRequest("switchboard_dry_run is for create; a read sends nothing that changes");
        }
        return request.options();
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

    private Map<String, Object> shape(Operation operation, Map<String, Object> item, ResponseOptions options,
            IntegratedAccount account) {
        var mapped = FileReference.sealIn(item, operation.model().fileUrlFields(), box, account.id());
        Object remote = mapped.remove("remote_data");
        return options.format() == ResponseFormat.NORMALIZED
                ? ResponseShaper.normalized(operation.model().responseFields(), mapped, options)
                : ResponseShaper.unified(mapped, remote, options);
    }

    private static LinkedHashMap<String, String> headers(RemoteResponse response) {
        return new LinkedHashMap<>(RateLimitHeaders.normalised(response::header));
    }
}
