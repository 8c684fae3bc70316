package dev.switchboard.reads;

import dev.switchboard.remote.OutcomeUnknown;
import dev.switchboard.remote.RemoteCaller;
import dev.switchboard.remote.RemoteErrors;
import dev.switchboard.unified.RequestBuilder;
import dev.switchboard.unified.ValidatedBody;

import dev.switchboard.accounts.AccountService;
import dev.switchboard.accounts.IntegratedAccount;
import dev.switchboard.catalog.Operation;
import dev.switchboard.catalog.Pagination;
import dev.switchboard.error.ApiException;
import dev.switchboard.mapping.Json;
import dev.switchboard.mapping.MappingException;
import dev.switchboard.observability.RequestTrace;
import dev.switchboard.remote.RemoteFailure;
import dev.switchboard.remote.RemoteResponse;
import dev.switchboard.remote.RemoteRequest;
import dev.switchboard.remote.RemoteStream;
import dev.switchboard.ratelimit.RateLimitHeaders;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one page of a list operation through the catalog's list mapping. Listing and
 * the search for a note after an unknown outcome both read notes here, so what one sees
 * the other sees: the same deleted notes skipped, the same fields read back.
 */
public final class PageReader {

    private static final Logger LOG = LoggerFactory.getLogger(PageReader.class);
    private static final ValidatedBody NO_BODY = new ValidatedBody(Map.of(), Optional.empty(), List.of());

    /**
     * A provider page, mapped.
     *
     * @param response the provider's answer as it came
     * @param items    unified items, each with its {@code remote_data}
     * @param next     the provider's cursor for the page after this one, if there is one
     */
    public record ProviderPage(RemoteResponse response, List<Map<String, Object>> items, Optional<Object> next) {
    }

    private final RemoteCaller caller;
    private final AccountService accounts;

    /**
     * A provider's answer passed on as it arrives.
     *
     * @param next the next page's cursor, where the answer's headers carry it (a Link header)
     */
    public record StreamedPage(int status, Map<String, String> headers, String contentType, java.io.InputStream body,
            Optional<Object> next) {
    }

    public PageReader(RemoteCaller caller, AccountService accounts) {
        this.caller = caller;
        this.accounts = accounts;
    }

    /**
     * An item fetched by id.
     *
     * @param response the provider's answer as it came
     * @param item     the unified item, absent when the mapping finds none (a deleted note)
     */
    public record ProviderItem(RemoteResponse response, Optional<Map<String, Object>> item) {
    }

    /**
     * @param query what the list mappings see as {@code query}: {@code candidate_id},
     *              {@code cursor} (the provider's, absent for the first page), {@code limit}
     * @throws ApiException the provider's error, or why its answer could not be read
     */
    public ProviderPage read(Operation list, IntegratedAccount account, Map<String, Object> query,
            List<Map.Entry<String, String>> remoteQuery, RequestTrace trace) {
        return read(list, account, query, remoteQuery, trace, Optional.empty());
    }

    /** @param deadline when the read must be over, sooner than the integration's timeouts (a search's budget) */
    public ProviderPage read(Operation list, IntegratedAccount account, Map<String, Object> query,
            List<Map.Entry<String, String>> remoteQuery, RequestTrace trace, Optional<Instant> deadline) {
        try {
            return readPage(list, account, query, remoteQuery, trace, deadline);
        } catch (ApiException e) {
            throw RemoteErrors.redacted(e, list.integration(), account);
        }
    }

    private ProviderPage readPage(Operation list, IntegratedAccount account, Map<String, Object> query,
            List<Map.Entry<String, String>> remoteQuery, RequestTrace trace, Optional<Instant> deadline) {
        Mapped mapped = fetchAndMap(list, account, query, remoteQuery, trace, deadline);
        Map<String, Object> page = mapped.result().orElseThrow(() ->
                RemoteErrors.unreadable(list, mapped.response(), "it does not have the expected shape"));
        return new ProviderPage(mapped.response(), items(page.get("results")),
                next(list.endpoint().pagination(), mapped.response(), page, query.get("cursor")));
    }

    /** Where the next provider page is, as the endpoint's pagination format says. */
    private static Optional<Object> next(Pagination pagination, RemoteResponse response, Map<String, Object> page,
            Object cursor) {
        return switch (pagination.format()) {
            case "link_header" -> response.header("link").flatMap(link -> LinkHeader.target(link, "next"))
                    .map(Object.class::cast);
            case "page" -> Boolean.TRUE.equals(page.get("has_more"))
                    ? Optional.of(pageNumber(cursor, pagination) + 1) : Optional.empty();
            default -> Optional.ofNullable(page.get("next_cursor"));
        };
    }

    private static long pageNumber(Object cursor, Pagination pagination) {
        return cursor instanceof Number number ? number.longValue()
                : cursor instanceof String text && text.matches("\\d{1,9}") ? Long.parseLong(text)
                : pagination.firstPage();
    }

    /**
     * A list page or an item, streamed: the body is not read here, so only a plain 401 can
     * mark the account, and only a Link header can say where the next page is.
     */
    public StreamedPage stream(Operation operation, IntegratedAccount account, Map<String, Object> query,
            List<Map.Entry<String, String>> remoteQuery, RequestTrace trace) {
        Map<String, Object> input = RequestBuilder.mappingInput(operation, account, NO_BODY, query, remoteQuery);
        RemoteStream stream;
        try {
            stream = caller.call(operation.integration(), account, current -> build(operation, current, input,
                    remoteQuery), trace, Optional.empty());
        } catch (OutcomeUnknown unknown) {
            throw RemoteErrors.redacted(unknown.error(), operation.integration(), account);
        }
        if (stream.status() == 401) {
            accounts.markNeedsReauth(account);
        }
        Optional<Object> next = operation.endpoint().pagination().format().equals("link_header")
                ? stream.header("link").flatMap(link -> LinkHeader.target(link, "next")).map(Object.class::cast)
                : Optional.empty();
        return new StreamedPage(stream.status(), new LinkedHashMap<>(RateLimitHeaders.normalised(stream::header)),
                stream.header("content-type").orElse("application/octet-stream"), stream.body(), next);
    }

    /** One item by id, through a {@code get} operation's mapping. */
    public ProviderItem readOne(Operation get, IntegratedAccount account, Map<String, Object> query,
            List<Map.Entry<String, String>> remoteQuery, RequestTrace trace) {
        try {
            Mapped mapped = fetchAndMap(get, account, query, remoteQuery, trace, Optional.empty());
            return new ProviderItem(mapped.response(), mapped.result());
        } catch (ApiException e) {
            throw RemoteErrors.redacted(e, get.integration(), account);
        }
    }

    private record Mapped(RemoteResponse response, Optional<Map<String, Object>> result) {
    }

    private Mapped fetchAndMap(Operation operation, IntegratedAccount account, Map<String, Object> query,
            List<Map.Entry<String, String>> remoteQuery, RequestTrace trace, Optional<Instant> deadline) {
        Map<String, Object> input = RequestBuilder.mappingInput(operation, account, NO_BODY, query, remoteQuery);
        RemoteResponse response = fetch(operation, account, input, remoteQuery, trace, deadline);
        Optional<Object> parsed = Json.tryParse(response.body());
        Optional<ApiException> error = RemoteErrors.recognise(operation, response, parsed);
        if (error.isPresent()) {
            if (error.get().status() == 401) {
                accounts.markNeedsReauth(account);
            }
            throw error.get();
        }
        accounts.markChecked(account);
        if (parsed.isEmpty()) {
            throw RemoteErrors.unreadable(operation, response, "it is not JSON");
        }
        var mappingInput = new LinkedHashMap<String, Object>();
        mappingInput.put("status", response.status());
        mappingInput.put("response", parsed.get());
        mappingInput.put("request", input);
        try {
            return new Mapped(response, operation.response().evaluate(mappingInput).flatMap(Json::asObject));
        } catch (MappingException e) {
            LOG.warn("read mapping failed: {}", e.getMessage());
            throw RemoteErrors.unreadable(operation, response, "it does not have the expected shape");
        }
    }

    /** A read changes nothing at the provider, so a call that failed part-way is simply an error. */
    private RemoteResponse fetch(Operation list, IntegratedAccount account, Map<String, Object> input,
            List<Map.Entry<String, String>> remoteQuery, RequestTrace trace, Optional<Instant> deadline) {
        try {
            return caller.read(caller.call(list.integration(), account,
                    current -> build(list, current, input, remoteQuery), trace, deadline));
        } catch (OutcomeUnknown unknown) {
            throw unknown.error();
        } catch (RemoteFailure failure) {
            throw RemoteErrors.failure(list, failure);
        }
    }

    private static RemoteRequest build(Operation operation, IntegratedAccount account, Map<String, Object> input,
            List<Map.Entry<String, String>> remoteQuery) {
        try {
            return RequestBuilder.build(operation, account, input, NO_BODY, remoteQuery);
        } catch (MappingException e) {
            LOG.error("read request mapping failed: {}", e.getMessage());
            throw ApiException.of(500, "the read request could not be mapped for " + operation.integration().label());
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Object results) {
        // JSONata gives a lone item unwrapped, and nothing for none.
        List<?> list = results instanceof List<?> many ? many : results == null ? List.of() : List.of(results);
        var items = new ArrayList<Map<String, Object>>();
        for (Object item : list) {
            if (item instanceof Map<?, ?> map) {
                items.add((Map<String, Object>) map);
            }
        }
        return items;
    }
}
