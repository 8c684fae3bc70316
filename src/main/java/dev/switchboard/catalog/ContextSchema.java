package dev.switchboard.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The credentials an integration's accounts hold.
 *
 * @param properties every key a context may have
 * @param oneOf      alternatives, each a set of keys that must all be present; a context
 *                   must satisfy at least one (Lever: an API key, or OAuth tokens)
 */
public record ContextSchema(
        @JsonProperty("properties") Map<String, ContextProperty> properties,
        @JsonProperty("one_of") List<List<String>> oneOf) {

    public ContextSchema {
        if (properties == null || properties.isEmpty()) {
            throw new IllegalArgumentException("context needs 'properties'");
        }
        properties = Map.copyOf(properties);
        oneOf = oneOf == null ? List.of() : oneOf.stream().map(List::copyOf).toList();
        for (List<String> alternative : oneOf) {
            for (String key : alternative) {
                if (!properties.containsKey(key)) {
                    throw new IllegalArgumentException("one_of names '" + key + "', which is not among the properties");
                }
            }
        }
    }
}
