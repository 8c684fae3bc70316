package dev.switchboard.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One key of an integrated account's context.
 *
 * @param type       {@code string} or {@code object}
 * @param secret     never returned by the API, never logged
 * @param format     {@code url} or {@code date-time}, checked on write
 * @param hosts      for a {@code url}: the hosts it may name; the integration's own by default
 * @param properties the keys of an object value
 * @param required   which of those keys must be present
 */
public record ContextProperty(
        @JsonProperty("type") String type,
        @JsonProperty("secret") boolean secret,
        @JsonProperty("format") String format,
        @JsonProperty("hosts") List<String> hosts,
        @JsonProperty("properties") Map<String, ContextProperty> properties,
        @JsonProperty("required") List<String> required) {

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
        for (String key : required) {
            if (!properties.containsKey(key)) {
                throw new IllegalArgumentException("required key '" + key + "' is not among the properties");
            }
        }
    }
}
