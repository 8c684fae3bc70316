package dev.switchboard.writes;

import dev.switchboard.catalog.MatchRule;
import dev.switchboard.mapping.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** One create's match rule, applied to a listed item: does the item stand for what was sent? */
record ItemMatch(MatchRule rule, Map<String, Object> sent, Optional<String> actor, Instant sentAt,
        Set<String> taken) {

    boolean matches(Map<String, Object> item, Duration skew) {
        if (taken.contains(String.valueOf(item.get("id")))) {
            return false;
        }
        for (var same : rule.same().entrySet()) {
            if (!texts(sent, same.getValue()).equals(texts(item, same.getKey()))) {
                return false;
            }
        }
        for (var includes : rule.includes().entrySet()) {
            if (!lower(texts(item, includes.getKey())).containsAll(lower(texts(sent, includes.getValue())))) {
                return false;
            }
        }
        for (var equivalent : rule.equivalents().entrySet()) {
            if (!equivalent(equivalent.getKey(), equivalent.getValue(), item)) {
                return false;
            }
        }
        if (actor.isPresent() && rule.actingUser() != null
                && !texts(item, rule.actingUser()).equals(List.of(actor.get()))) {
            return false;
        }
        if (rule.createdAt() == null) {
            return true; // an item read back by id: what it shows now is the evidence
        }
        Optional<Instant> createdAt = first(item, rule.createdAt()).flatMap(ItemMatch::instant);
        if (createdAt.isEmpty()) {
            return false;
        }
        Optional<Instant> exact = rule.exactTime() == null ? Optional.empty()
                : first(sent, rule.exactTime()).flatMap(ItemMatch::instant);
        if (exact.isPresent()) {
            // The provider keeps the time the request gave: it must be that time, to the millisecond.
            return Timestamps.format(exact.get()).equals(Timestamps.format(createdAt.get()));
        }
        return !createdAt.get().isBefore(sentAt.minus(skew)) && !createdAt.get().isAfter(Instant.now().plus(skew));
    }

    /** An absent value means {@code absent_as} on either side; a sent value also matches its listed equivalents. */
    private boolean equivalent(String field, MatchRule.Equivalent rule, Map<String, Object> item) {
        String wanted = first(sent, field).map(String::valueOf).orElse(rule.absentAs());
        String listed = first(item, field).map(String::valueOf).orElse(rule.absentAs());
        return wanted != null && (wanted.equals(listed) || rule.also().getOrDefault(wanted, List.of()).contains(listed));
    }

    private static List<String> texts(Map<String, Object> root, String path) {
        return ValuePaths.values(root, path).stream().map(value -> String.valueOf(value).strip()).toList();
    }

    private static List<String> lower(List<String> values) {
        return values.stream().map(value -> value.toLowerCase(Locale.ROOT)).toList();
    }

    private static Optional<Object> first(Map<String, Object> root, String path) {
        return ValuePaths.values(root, path).stream().findFirst();
    }

    private static Optional<Instant> instant(Object value) {
        try {
            return Optional.of(OffsetDateTime.parse(String.valueOf(value)).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
