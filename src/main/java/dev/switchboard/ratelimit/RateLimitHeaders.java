package dev.switchboard.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the rate-limit headers providers send in their various spellings, and writes
 * them for the caller as {@code ratelimit-limit}, {@code ratelimit-remaining} and
 * {@code ratelimit-reset} (seconds from now).
 */
public final class RateLimitHeaders {

    private static final List<String> PREFIXES = List.of("ratelimit-", "x-ratelimit-", "x-rate-limit-");
    /** Above this a reset is an epoch time, below it a number of seconds. */
    private static final long EPOCH_THRESHOLD = 1_000_000_000L;

    private RateLimitHeaders() {
    }

    public static Map<String, String> normalised(Function<String, Optional<String>> header) {
        var result = new LinkedHashMap<String, String>();
        first(header, "limit").ifPresent(value -> result.put("ratelimit-limit", value));
        first(header, "remaining").ifPresent(value -> result.put("ratelimit-remaining", value));
        reset(header).ifPresent(wait -> result.put("ratelimit-reset", String.valueOf(wait.toSeconds())));
        return result;
    }

    /** How long the provider asks to wait: {@code Retry-After}, else its reset header. */
    public static Optional<Duration> retryAfter(Function<String, Optional<String>> header) {
        Optional<Duration> retryAfter = header.apply("retry-after").flatMap(RateLimitHeaders::parseRetryAfter);
        return retryAfter.isPresent() ? retryAfter : reset(header);
    }

    private static Optional<Duration> reset(Function<String, Optional<String>> header) {
        return first(header, "reset").flatMap(value -> {
            try {
                long number = (long) Double.parseDouble(value);
                long seconds = number >= EPOCH_THRESHOLD ? number - Instant.now().getEpochSecond() : number;
                return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private static Optional<String> first(Function<String, Optional<String>> header, String name) {
        for (String prefix : PREFIXES) {
            Optional<String> value = header.apply(prefix + name);
            if (value.isPresent() && !value.get().isBlank()) {
                return Optional.of(value.get().trim());
            }
        }
        return Optional.empty();
    }

    private static Optional<Duration> parseRetryAfter(String value) {
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim()))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(Instant.now(), at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }
}
