package dev.switchboard.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Which unified body fields one integration needs and which it can carry.
 * A field in neither list is not sent to that integration.
 */
public record FieldRules(
        @JsonProperty("required") List<String> required,
        @JsonProperty("supported") List<String> supported) {

    public FieldRules {
        required = required == null ? List.of() : List.copyOf(required);
        supported = supported == null ? List.of() : List.copyOf(supported);
    }

    public boolean sends(String field) {
        return required.contains(field) || supported.contains(field);
    }
}
