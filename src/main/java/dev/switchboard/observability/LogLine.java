package dev.switchboard.observability;

import dev.switchboard.mapping.Json;
import java.io.Console;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The one shape of every log line, application and access lines alike: {@code ts}
 * (ISO-8601, UTC, milliseconds), {@code level}, {@code logger}, {@code request_id} while a
 * request is handled, {@code message}, then the line's own fields. Written as JSON (one
 * object a line) or as text for a person (the same keys as {@code key=value}), as
 * {@code SWITCHBOARD_LOG_FORMAT} says; unset, text on a terminal and JSON otherwise.
 *
 * @param inMessage fields the message already shows, left out of the text form only
 */
public record LogLine(Instant ts, String level, String logger, String requestId, String message,
        Map<String, Object> fields, Set<String> inMessage, String error) {

    /** How lines are written. */
    public enum Format {
        JSON, TEXT;

        /** {@code json} or {@code text}; anything else is a mistake worth naming. */
        public static Format parse(String value) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "json" -> JSON;
                case "text" -> TEXT;
                default -> throw new IllegalArgumentException(
                        "SWITCHBOARD_LOG_FORMAT must be json or text, not '" + value + "'");
            };
        }
    }

    public static final String SETTING = "SWITCHBOARD_LOG_FORMAT";
    private static volatile Format format = initial(System.getenv(SETTING));

    /** The format lines are written in now. */
    public static Format format() {
        return format;
    }

    /**
     * Text unless the operator chose: the sandbox is read by a person even when its output
     * is piped (into {@code tee}, a test, an IDE's console).
     */
    public static void preferText(Map<String, String> environment) {
        if (environment.get(SETTING) == null) {
            format = Format.TEXT;
        }
    }

    /** Fails with a clear message on a value that is neither json nor text. */
    public static void checkSetting(Map<String, String> environment) {
        String value = environment.get(SETTING);
        if (value != null) {
            Format.parse(value);
        }
    }

    static Format initial(String setting) {
        if (setting != null) {
            try {
                return Format.parse(setting);
            } catch (IllegalArgumentException reportedByTheCommandLine) {
                // checkSetting names the mistake and stops the server before it serves.
            }
        }
        return onTerminal() ? Format.TEXT : Format.JSON;
    }

    /**
     * Whether a person reads this process's output. On Java 22+ a console exists even when
     * output is piped, so its {@code isTerminal()} decides; before, a console exists only on one.
     */
    private static boolean onTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException beforeJava22) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** This line in the current format, without a line break. */
    public String render() {
        return render(format);
    }

    public String render(Format as) {
        return as == Format.JSON ? json() : text();
    }

    private String json() {
        var line = new LinkedHashMap<String, Object>();
        line.put("ts", LogTimestamp.format(ts));
        line.put("level", level);
        line.put("logger", logger);
        if (requestId != null) {
            line.put("request_id", requestId);
        }
        line.put("message", message);
        line.putAll(fields);
        if (error != null) {
            line.put("error", error);
        }
        return Json.writeString(line);
    }

    private String text() {
        var out = new StringBuilder(160);
        out.append(LogTimestamp.format(ts)).append(' ').append(level);
        out.append(" ".repeat(Math.max(1, 6 - level.length())));
        out.append(logger.substring(logger.lastIndexOf('.') + 1)).append(' ').append(message);
        if (requestId != null) {
            out.append(" request_id=").append(requestId);
        }
        fields.forEach((key, value) -> {
            if (!inMessage.contains(key)) {
                out.append(' ').append(key).append('=').append(quoted(String.valueOf(value)));
            }
        });
        if (error != null) {
            out.append(System.lineSeparator()).append(error.stripTrailing());
        }
        return out.toString();
    }

    private static String quoted(String value) {
        return value.isEmpty() || value.chars().anyMatch(c -> c == ' ' || c == '"' || c == '=' || c < 0x20)
                ? Json.writeString(value) : value;
    }
}
