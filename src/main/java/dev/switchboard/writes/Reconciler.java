package dev.switchboard.writes;

import dev.switchboard.reads.PageReader;
import dev.switchboard.unified.ActingUsers;
import dev.switchboard.unified.ValidatedBody;

import dev.switchboard.accounts.IntegratedAccount;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.MatchRule;
import dev.switchboard.catalog.Operation;
import dev.switchboard.error.ApiException;
import dev.switchboard.observability.RequestTrace;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a create whose outcome is unknown, looks through the listed items at the provider for
 * the one it may have made, by the model's match rule: exactly one item must agree with what
 * was sent, be written after the request was first sent, and belong to no other request. Two
 * such items, a page that cannot be read, or more pages than it reads are doubt, and doubt is
 * an unknown outcome, never a guess.
 */
public final class Reconciler {

    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    /**
     * How far the provider's clock may be behind ours when its offset is measured from its
     * {@code Date} header: that header has one-second resolution.
     */
    private static final Duration DATE_RESOLUTION = Duration.ofSeconds(1);
    /**
     * The margin when a provider sends no {@code Date} header: servers kept by NTP agree to
     * well under a second, and a margin much wider would let an identical item another user
     * wrote seconds earlier stand in for this one.
     */
    private static final Duration UNMEASURED_SKEW = Duration.ofSeconds(2);
    private static final int PAGE_SIZE = 100;
    /** 5,000 items; past that the search gives up rather than guess. */
    private static final int MAX_PAGES = 50;
    /**
     * A search after an unknown outcome ends within this, whatever the provider's timeouts: it
     * runs while the caller waits, and a provider that just failed may hang again.
     */
    private static final Duration SEARCH_BUDGET = Duration.ofSeconds(5);

    private final Catalog catalog;
    private final PageReader pages;

    public Reconciler(Catalog catalog, PageReader pages) {
        this.catalog = catalog;
        this.pages = pages;
    }

    /**
     * The unified item (with its {@code remote_data}) the create made, if it can be found
     * beyond doubt; empty when the search found none, or when nothing sent could tell its item
     * from another.
     *
     * @throws SearchUnfinished when the search reached no verdict (a read failed, the pages ran
     *                          out, several items match): the item may be there
     *
     * @param remoteQuery what the create passed to the provider (the acting user it named)
     * @param taken       items already known to belong to other requests, never claimed twice
     */
    public Optional<Map<String, Object>> find(Operation create, IntegratedAccount account, ValidatedBody body,
            List<Map.Entry<String, String>> remoteQuery, Instant sentAt, Supplier<Set<String>> taken,
            RequestTrace trace) {
        Optional<MatchRule> rule = create.method().matchRule();
        Map<String, Object> sent = body.fields();
        if (rule.isEmpty() || (!rule.get().evidence().isEmpty()
                && rule.get().evidence().stream().allMatch(path -> ValuePaths.values(sent, path).isEmpty()))) {
            return Optional.empty(); // nothing sent that would tell its item from another
        }
        ItemMatch wanted = new ItemMatch(rule.get(), sent, ActingUsers.of(create, account, remoteQuery), sentAt,
                taken.get());
        if (rule.get().readBack() != null) {
            return readBack(create, account, rule.get(), wanted, trace);
        }
        Optional<Operation> list = catalog.operation(create.integration().name(), create.model().resource(), "list");
        if (list.isEmpty()) {
            return Optional.empty();
        }
        Optional<Map<String, Object>> scope = scope(rule.get(), list.get(), sent);
        if (scope.isEmpty()) {
            return Optional.empty();
        }
        var matches = new ArrayList<Map<String, Object>>();
        Optional<Instant> deadline = Optional.of(Instant.now().plus(SEARCH_BUDGET));
        Object cursor = null;
        try {
            for (int page = 0; page < MAX_PAGES; page++) {
                var query = new LinkedHashMap<String, Object>(scope.get());
                query.put("limit", PAGE_SIZE);
                if (cursor != null) {
                    query.put("cursor", cursor);
                }
                PageReader.ProviderPage read = pages.read(list.get(), account, query, List.of(), trace, deadline);
                Duration skew = skew(read);
                for (Map<String, Object> item : read.items()) {
                    if (wanted.matches(item, skew)) {
                        matches.add(item);
                    }
                }
                cursor = read.next().orElse(null);
                if (cursor == null) {
                    return verdict(create, matches);
                }
            }
            LOG.warn("{} search for a {} of unknown outcome stopped after {} pages", create.integration().name(),
                    create.model().noun(), MAX_PAGES);
            throw new SearchUnfinished("the search stopped after " + MAX_PAGES + " pages of "
                    + create.model().plural());
        } catch (ApiException | IllegalStateException e) {
            LOG.warn("{} search for a {} of unknown outcome failed: {}", create.integration().name(),
                    create.model().noun(), e.getMessage());
            throw new SearchUnfinished("listing the " + create.model().plural() + " to look for it failed");
        }
    }

    /**
     * The item a write acts on, as it is before the write (its unified form, remote_data
     * included): read by the model's {@code get} with the id the match rule's {@code read_back}
     * names in the sent body.
     */
    Optional<Map<String, Object>> current(Operation write, IntegratedAccount account, Map<String, Object> sent,
            RequestTrace trace) {
        Optional<MatchRule> rule = write.method().matchRule().filter(match -> match.readBack() != null);
        return rule.isEmpty() ? Optional.empty() : read(write, account, rule.get(), sent, trace);
    }

    private Optional<Map<String, Object>> read(Operation write, IntegratedAccount account, MatchRule rule,
            Map<String, Object> sent, RequestTrace trace) {
        Optional<Operation> get = catalog.operation(write.integration().name(), write.model().resource(), "get");
        Optional<Object> id = ValuePaths.values(sent, rule.readBack()).stream().findFirst();
        if (get.isEmpty() || id.isEmpty()) {
            return Optional.empty();
        }
        var query = new LinkedHashMap<String, Object>();
        query.put("id", String.valueOf(id.get()));
        // What else the read needs that the write was sent (an item read under its parent, by the parent's id).
        for (String name : get.get().method().query()) {
            ValuePaths.values(sent, name).stream().findFirst().ifPresent(value -> query.put(name, String.valueOf(value)));
        }
        return pages.readOne(get.get(), account, query, List.of(), trace).item();
    }

    /**
     * An action changed one item: read it back and see whether it shows what was sent (the
     * item in the state the action set). It does, or the outcome stays unknown.
     */
    private Optional<Map<String, Object>> readBack(Operation write, IntegratedAccount account, MatchRule rule,
            ItemMatch wanted, RequestTrace trace) {
        try {
            Optional<Map<String, Object>> item = read(write, account, rule, wanted.sent(), trace);
            // The changed item is the action's own, whoever else acted on it: none is "taken".
            var readMatch = new ItemMatch(rule, wanted.sent(), wanted.actor(), wanted.sentAt(), Set.of());
            boolean shows = item.isPresent() && readMatch.matches(item.get(), UNMEASURED_SKEW);
            LOG.info("{} {} of unknown outcome read back: {}", write.integration().name(), write.methodName(),
                    shows ? "it took effect" : "it did not show");
            return shows ? item : Optional.empty();
        } catch (ApiException | IllegalStateException e) {
            LOG.warn("{} read-back of a {} of unknown outcome failed: {}", write.integration().name(),
                    write.methodName(), e.getMessage());
            throw new SearchUnfinished("reading the " + write.model().noun() + " back failed");
        }
    }

    /**
     * The list filters that narrow the search to where the item must be. A filter the list
     * requires and the body does not give leaves nothing to search.
     */
    private static Optional<Map<String, Object>> scope(MatchRule rule, Operation list, Map<String, Object> sent) {
        var filters = new LinkedHashMap<String, Object>();
        rule.scope().forEach((filter, path) -> {
            List<Object> values = ValuePaths.values(sent, path);
            if (!values.isEmpty() && list.rules().sends(filter) && values.get(0) instanceof String value) {
                filters.put(filter, value);
            }
        });
        boolean complete = list.rules().required().stream().allMatch(filters::containsKey);
        return complete ? Optional.of(filters) : Optional.empty();
    }

    private static Optional<Map<String, Object>> verdict(Operation create, List<Map<String, Object>> matches) {
        if (matches.size() == 1) {
            LOG.info("{} create of unknown outcome found as {} {}", create.integration().name(),
                    create.model().noun(), matches.get(0).get("id"));
            return Optional.of(matches.get(0));
        }
        if (matches.size() > 1) {
            LOG.warn("{} create of unknown outcome matches {} items; the outcome stays unknown",
                    create.integration().name(), matches.size());
            throw new SearchUnfinished(matches.size() + " " + create.model().plural() + " match it");
        }
        return Optional.empty();
    }

    /** How far the provider's clock may be behind ours, measured from its Date header when it sends one. */
    private static Duration skew(PageReader.ProviderPage page) {
        return page.response().header("date").flatMap(Reconciler::httpDate)
                .map(providerNow -> {
                    Duration behind = Duration.between(providerNow, Instant.now());
                    return (behind.isNegative() ? Duration.ZERO : behind).plus(DATE_RESOLUTION);
                })
                .orElse(UNMEASURED_SKEW);
    }

    private static Optional<Instant> httpDate(String value) {
        try {
            return Optional.of(ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
