package dev.switchboard.engine;

import dev.switchboard.accounts.IntegratedAccount;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.Operation;
import dev.switchboard.mapping.Json;
import dev.switchboard.mapping.MappingException;
import dev.switchboard.mapping.Timestamps;
import dev.switchboard.observability.RequestTrace;
import dev.switchboard.transport.ProviderClient;
import dev.switchboard.transport.RemoteFailure;
import dev.switchboard.transport.RemoteResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a create whose outcome is unknown, looks through the candidate's notes at the
 * provider for the one it may have made: same text, same candidate, and made since the
 * request was sent (or carrying the exact time the request asked for).
 */
final class Reconciler {

    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    /** Clocks differ between Switchboard and the provider by about this much at most. */
    private static final Duration SKEW = Duration.ofMinutes(2);
    private static final int MAX_PAGES = 10;

    private final Catalog catalog;
    private final RemoteCaller caller;

    Reconciler(Catalog catalog, RemoteCaller caller) {
        this.catalog = catalog;
        this.caller = caller;
    }

    /**
     * The unified note (with its {@code remote_data}) the create made, if it can be found.
     *
     * @param taken notes already known to belong to other requests, never claimed twice
     */
    Optional<Map<String, Object>> find(Operation create, IntegratedAccount account, ValidatedBody body,
            Instant sentAt, Supplier<Set<String>> taken, RequestTrace trace) {
        Optional<Operation> list = catalog.operation(create.integration().name(), create.model().resource(), "list");
        Object candidate = body.fields().get("candidate_id");
        Object text = body.fields().get("body");
        if (list.isEmpty() || !(candidate instanceof String) || !(text instanceof String)) {
            return Optional.empty();
        }
        Set<String> claimed = taken.get();
        Object cursor = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            var query = new LinkedHashMap<String, Object>();
            query.put("candidate_id", candidate);
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            Optional<Map<String, Object>> mapped = page(list.get(), account, query, trace);
            if (mapped.isEmpty()) {
                return Optional.empty();
            }
            for (Object item : asList(mapped.get().get("results"))) {
                if (item instanceof Map<?, ?> note && matches(note, (String) text, body, sentAt, claimed)) {
                    LOG.info("{} create of unknown outcome found as note {}", create.integration().name(), note.get("id"));
                    @SuppressWarnings("unchecked")
                    Map<String, Object> found = (Map<String, Object>) note;
                    return Optional.of(found);
                }
            }
            cursor = mapped.get().get("next_cursor");
            if (cursor == null) {
                break;
            }
        }
        return Optional.empty();
    }

    private Optional<Map<String, Object>> page(Operation list, IntegratedAccount account, Map<String, Object> query,
            RequestTrace trace) {
        var nothing = new ValidatedBody(Map.of(), Optional.empty(), List.of());
        Map<String, Object> input = RequestBuilder.mappingInput(list, account, nothing, query);
        try {
            RemoteResponse response = ProviderClient.readWhole(caller.call(list, account, current -> {
                try {
                    return RequestBuilder.build(list, current, input, nothing, List.of());
                } catch (MappingException e) {
                    throw new IllegalStateException(e.getMessage());
                }
            }, trace));
            Optional<Object> answer = Json.tryParse(response.body());
            if (RemoteErrors.recognise(list, response, answer).isPresent()) {
                LOG.warn("{} list for reconciliation answered HTTP {}", list.integration().name(), response.status());
                return Optional.empty();
            }
            if (answer.isEmpty()) {
                return Optional.empty();
            }
            var mappingInput = new LinkedHashMap<String, Object>();
            mappingInput.put("status", response.status());
            mappingInput.put("response", answer.get());
            mappingInput.put("request", input);
            return list.response().evaluate(mappingInput).flatMap(Json::asObject);
        } catch (OutcomeUnknown | RemoteFailure | MappingException | RuntimeException e) {
            LOG.warn("{} list for reconciliation failed: {}", list.integration().name(), e.getMessage());
            return Optional.empty();
        }
    }

    private static boolean matches(Map<?, ?> note, String text, ValidatedBody body, Instant sentAt, Set<String> taken) {
        if (!text.strip().equals(String.valueOf(note.get("body")).strip()) || taken.contains(String.valueOf(note.get("id")))) {
            return false;
        }
        Optional<Instant> createdAt = instant(note.get("created_at"));
        if (createdAt.isEmpty()) {
            return false;
        }
        Object requested = body.fields().get("created_at");
        if (requested instanceof String asked) {
            // The provider keeps the time the request gave: it must be that time, to the millisecond.
            return instant(asked).map(at -> Timestamps.format(at).equals(Timestamps.format(createdAt.get())))
                    .orElse(false);
        }
        return !createdAt.get().isBefore(sentAt.minus(SKEW)) && !createdAt.get().isAfter(Instant.now().plus(SKEW));
    }

    private static Optional<Instant> instant(Object value) {
        try {
            return value instanceof String text ? Optional.of(OffsetDateTime.parse(text).toInstant()) : Optional.empty();
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static List<?> asList(Object value) {
        if (value instanceof List<?> list) {
            return list;
        }
        return value == null ? List.of() : List.of(value); // JSONata gives a lone item unwrapped
    }
}
