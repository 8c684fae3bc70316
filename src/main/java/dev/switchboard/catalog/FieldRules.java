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
 * @param itemsRequired per array field, what each of its items must have (a Workable
 *                 candidate's {@code applications[].job_id}: the job it is created in)
 * @param maxItems per array field, the most items this integration can carry (a Workable
 *                 candidate belongs to one job); more is refused, never cut short
 */
public record FieldRules(
        @JsonProperty("required") List<String> required,
        @JsonProperty("supported") List<String> supported,
        @JsonProperty("values") Map<String, List<String>> values,
        @JsonProperty("items_required") Map<String, List<String>> itemsRequired,
        @JsonProperty("max_items") Map<String, Integer> maxItems) {

    public FieldRules {
        required = required == null ? List.of() : List.copyOf(required);
        supported = supported == null ? List.of() : List.copyOf(supported);
        values = values == null ? Map.of() : Map.copyOf(values);
        itemsRequired = itemsRequired == null ? Map.of() : Map.copyOf(itemsRequired);
        maxItems = maxItems == null ? Map.of() : Map.copyOf(maxItems);
        for (String field : itemsRequired.keySet()) {
            if (!required.contains(field) && !supported.contains(field)) {
                throw new IllegalArgumentException("items_required names '" + field
                        + "', which is neither required nor supported");
            }
        }
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
