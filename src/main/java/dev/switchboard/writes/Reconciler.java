package dev.switchboard.writes;

import dev.switchboard.reads.PageReader;
import dev.switchboard.unified.ActingUsers;
import dev.switchboard.unified.ValidatedBody;

import dev.switchboard.accounts.IntegratedAccount;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.Operation;
import dev.switchboard.error.ApiException;
import dev.switchboard.mapping.Timestamps;
import dev.switchboard.observability.RequestTrace;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
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
 * After a create whose outcome is unknown, looks through the candidate's notes at the
 * provider for the one it may have made. A note stands for the request only when exactly
 * one note on the candidate has the same text and visibility, the acting user the request
 * named (if it named one), was written after the request was first sent, and belongs to no
 * other request. Two such notes, a page that cannot be read, or more pages than it reads
 * are doubt, and doubt is an unknown outcome, never a guess.
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
     * well under a second, and a margin much wider would let an identical note another user
     * wrote seconds earlier stand in for this one.
     */
    private static final Duration UNMEASURED_SKEW = Duration.ofSeconds(2);
    private static final int PAGE_SIZE = 100;
    /** 5,000 notes on one candidate; past that the search gives up rather than guess. */
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
     * The unified note (with its {@code remote_data}) the create made, if it can be found
     * beyond doubt.
     *
     * @param remoteQuery what the create passed to the provider (the acting user it named)
     * @param taken       notes already known to belong to other requests, never claimed twice
     */
    public Optional<Map<String, Object>> find(Operation create, IntegratedAccount account, ValidatedBody body,
            List<Map.Entry<String, String>> remoteQuery, Instant sentAt, Supplier<Set<String>> taken,
            RequestTrace trace) {
        Optional<Operation> list = catalog.operation(create.integration().name(), create.model().resource(), "list");
        if (list.isEmpty() || !(body.fields().get("candidate_id") instanceof String candidate)
                || !(body.fields().get("body") instanceof String)) {
            return Optional.empty();
        }
        Wanted wanted = Wanted.of(create, account, body, remoteQuery, sentAt, taken.get());
        var matches = new ArrayList<Map<String, Object>>();
        Optional<Instant> deadline = Optional.of(Instant.now().plus(SEARCH_BUDGET));
        Object cursor = null;
        try {
            for (int page = 0; page < MAX_PAGES; page++) {
                var query = new LinkedHashMap<String, Object>();
                query.put("candidate_id", candidate);
                query.put("limit", PAGE_SIZE);
                if (cursor != null) {
                    query.put("cursor", cursor);
                }
                PageReader.ProviderPage read = pages.read(list.get(), account, query, List.of(), trace, deadline);
                Duration skew = skew(read);
                for (Map<String, Object> note : read.items()) {
                    if (wanted.matches(note, skew)) {
                        matches.add(note);
                    }
                }
                cursor = read.next().orElse(null);
                if (cursor == null) {
                    return verdict(create, matches);
                }
            }
            LOG.warn("{} search for a note of unknown outcome stopped after {} pages", create.integration().name(),
                    MAX_PAGES);
        } catch (ApiException | IllegalStateException e) {
            LOG.warn("{} search for a note of unknown outcome failed: {}", create.integration().name(), e.getMessage());
        }
        return Optional.empty();
    }

    private static Optional<Map<String, Object>> verdict(Operation create, List<Map<String, Object>> matches) {
        if (matches.size() == 1) {
            LOG.info("{} create of unknown outcome found as note {}", create.integration().name(),
                    matches.get(0).get("id"));
            return Optional.of(matches.get(0));
        }
        if (matches.size() > 1) {
            LOG.warn("{} create of unknown outcome matches {} notes; the outcome stays unknown",
                    create.integration().name(), matches.size());
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

    /** What the note the request made looks like when listed. */
    private record Wanted(String candidate, String text, String visibility, Optional<String> actor,
            Optional<Instant> exactTime, Instant sentAt, Set<String> taken) {

        static Wanted of(Operation create, IntegratedAccount account, ValidatedBody body, List<Map.Entry<String, String>> remoteQuery,
                Instant sentAt, Set<String> taken) {
            Object visibility = body.fields().get("visibility");
            Optional<String> actor = ActingUsers.of(create, account, remoteQuery);
            Optional<Instant> exact = body.fields().get("created_at") instanceof String asked ? instant(asked)
                    : Optional.empty();
            return new Wanted((String) body.fields().get("candidate_id"), ((String) body.fields().get("body")).strip(),
                    visibility instanceof String v ? v : "public", actor, exact, sentAt, taken);
        }

        public boolean matches(Map<String, Object> note, Duration skew) {
            if (!text.equals(String.valueOf(note.get("body")).strip()) || taken.contains(String.valueOf(note.get("id")))
                    || !candidate.equals(nested(note, "candidate"))) {
                return false;
            }
            if (!visibilityMatches(note.get("visibility")) || actor.map(id -> !id.equals(nested(note, "actor")))
                    .orElse(false)) {
                return false;
            }
            Optional<Instant> createdAt = note.get("created_at") instanceof String at ? instant(at) : Optional.empty();
            if (createdAt.isEmpty()) {
                return false;
            }
            if (exactTime.isPresent()) {
                // The provider keeps the time the request gave: it must be that time, to the millisecond.
                return Timestamps.format(exactTime.get()).equals(Timestamps.format(createdAt.get()));
            }
            return !createdAt.get().isBefore(sentAt.minus(skew)) && !createdAt.get().isAfter(Instant.now().plus(skew));
        }

        /**
         * A provider with one privacy flag lists an admin-only note as private; a note listed
         * with no visibility at all can only stand for a public request.
         */
        private boolean visibilityMatches(Object listed) {
            if (listed == null) {
                return visibility.equals("public");
            }
            return visibility.equals(listed) || (visibility.equals("admin_only") && "private".equals(listed));
        }

        private static String nested(Map<String, Object> note, String field) {
            return note.get(field) instanceof Map<?, ?> object ? String.valueOf(object.get("id")) : null;
        }

        private static Optional<Instant> instant(String value) {
            try {
                return Optional.of(OffsetDateTime.parse(value).toInstant());
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
    }
}
