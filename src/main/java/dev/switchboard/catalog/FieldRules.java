package dev.switchboard.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which unified fields one integration needs and which it can carry.
 * A field in neither list is not sent to that integration.
 *
 * @param required fields the integration cannot do without
 * @param supported fields it carries when given
 * @param values   per field, the only enum values this integration can express exactly; any
 *                 other value of the model's enum is refused rather than sent as something
 *                 wider (Recruitee has no {@code admin_only} note)
 */
public record FieldRules(
        @JsonProperty("required") List<String> required,
        @JsonProperty("supported") List<String> supported,
        @JsonProperty("values") Map<String, List<String>> values) {

    public FieldRules {
        required = required == null ? List.of() : List.copyOf(required);
        supported = supported == null ? List.of() : List.copyOf(supported);
        values = values == null ? Map.of() : Map.copyOf(values);
        for (String field : values.keySet()) {
            if (!required.contains(field) && !supported.contains(field)) {
                throw new IllegalArgumentException("values names '" + field
                        + "', which is neither required nor supported");
            }
        }
    }

    public boolean sends(String field) {
        return required.contains(field) || supported.contains(field);
    }

    /** The values this integration takes for an enum field, when it takes fewer than the model allows. */
    public Optional<List<String>> valuesOf(String field) {
        return Optional.ofNullable(values.get(field));
    }
}
