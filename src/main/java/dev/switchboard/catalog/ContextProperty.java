package dev.switchboard.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One key of an integrated account's context.
 *
 * @param type       {@code string} or {@code object}
 * @param secret     never returned by the API, never logged
 * @param format     {@code url} or {@code date-time}, checked on write
 * @param hosts      for a {@code url}: the hosts it may name; the integration's own by default
 * @param properties the keys of an object value
 * @param required   which of those keys must be present
 * @param pattern    for a {@code string}: a regular expression the whole value must match
 * @param values     for a {@code string}: the only values it may take (a region)
 * @param label      what a person calls it, for forms and error messages
 * @param description where to find it in the provider's UI, and what it is for
 */
public record ContextProperty(
        @JsonProperty("type") String type,
        @JsonProperty("secret") boolean secret,
        @JsonProperty("format") String format,
        @JsonProperty("hosts") List<String> hosts,
        @JsonProperty("properties") Map<String, ContextProperty> properties,
        @JsonProperty("required") List<String> required,
        @JsonProperty("pattern") String pattern,
        @JsonProperty("enum") List<String> values,
        @JsonProperty("label") String label,
        @JsonProperty("description") String description) {

    private static final Set<String> TYPES = Set.of("string", "object");
    private static final Set<String> FORMATS = Set.of("url", "date-time");

    public ContextProperty {
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("context type must be one of " + TYPES + ", not '" + type + "'");
        }
        if (format != null && !FORMATS.contains(format)) {
            throw new IllegalArgumentException("context format must be one of " + FORMATS + ", not '" + format + "'");
        }
        if (hosts != null && !"url".equals(format)) {
            throw new IllegalArgumentException("'hosts' belongs to a url");
        }
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
        properties = properties == null ? Map.of() : Map.copyOf(properties);
        required = required == null ? List.of() : List.copyOf(required);
        if ((pattern != null || values != null) && !type.equals("string")) {
            throw new IllegalArgumentException("'pattern' and 'enum' belong to a string");
        }
        if (pattern != null) {
            try {
                Pattern.compile(pattern);
            } catch (java.util.regex.PatternSyntaxException e) {
                throw new IllegalArgumentException("pattern is not a regular expression: " + e.getDescription());
            }
        }
        if (values != null && values.isEmpty()) {
            throw new IllegalArgumentException("'enum' needs at least one value");
        }
        values = values == null ? List.of() : List.copyOf(values);
        for (String key : required) {
            if (!properties.containsKey(key)) {
                throw new IllegalArgumentException("required key '" + key + "' is not among the properties");
            }
        }
    }

    /** True when a string value is allowed by the pattern and the enum, where they are given. */
    public boolean admits(String value) {
        return (pattern == null || Pattern.matches(pattern, value)) && (values.isEmpty() || values.contains(value));
    }
}
