package dev.switchboard.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * How a create whose outcome is unknown is recognised among the listed items, on the
 * provider's own evidence. An item stands for the request only when every comparison holds,
 * it was written after the request was first sent (or at the exact time the request gave),
 * and exactly one item does so; anything else stays unknown.
 *
 * <p>Paths are dotted and step into arrays: {@code emails.email} is every email of the item.
 *
 * @param scope       list filter → path of the sent body that gives its value (a note's
 *                    {@code candidate_id}); filters the integration cannot apply are left out
 * @param same        listed path → sent path whose values must be equal (text, trimmed)
 * @param includes    listed path → sent path whose every value must be among the listed
 *                    ones, ignoring case (a candidate's emails)
 * @param equivalents a sent enum field read leniently: {@code absent_as} the value an absent
 *                    one means on either side, {@code also} the listed values that stand for a
 *                    sent one (a provider with one privacy flag lists admin-only as private)
 * @param actingUser  the listed path of who wrote it, compared with the acting user the
 *                    request named, if it named one
 * @param createdAt   the listed path of when it was written
 * @param exactTime   the sent path of a time the provider keeps as given: when sent, the
 *                    listed time must equal it to the millisecond
 * @param evidence    sent paths of which at least one must have a value, or no search is made
 *                    (a candidate without an email cannot be told from another)
 * @param readBack    the sent path of the id of the item the write changed (an action's
 *                    {@code application_id}): the item is read back by {@code get} and compared,
 *                    instead of searched for among the listed ones
 */
public record MatchRule(
        @JsonProperty("scope") Map<String, String> scope,
        @JsonProperty("same") Map<String, String> same,
        @JsonProperty("includes") Map<String, String> includes,
        @JsonProperty("equivalents") Map<String, Equivalent> equivalents,
        @JsonProperty("acting_user") String actingUser,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("exact_time") String exactTime,
        @JsonProperty("evidence") List<String> evidence,
        @JsonProperty("read_back") String readBack) {

    /** @param absentAs what an absent value means; @param also per sent value, the listed values that match it */
    public record Equivalent(@JsonProperty("absent_as") String absentAs,
            @JsonProperty("also") Map<String, List<String>> also) {
        public Equivalent {
            also = also == null ? Map.of() : Map.copyOf(also);
        }
    }

    public MatchRule {
        scope = scope == null ? Map.of() : Map.copyOf(scope);
        same = same == null ? Map.of() : Map.copyOf(same);
        includes = includes == null ? Map.of() : Map.copyOf(includes);
        equivalents = equivalents == null ? Map.of() : Map.copyOf(equivalents);
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        if (createdAt == null && readBack == null) {
            throw new IllegalArgumentException("a match rule needs 'created_at': without a time, an older item "
                    + "could stand for the request (or 'read_back', to read the changed item back)");
        }
    }

    /** Checks that every path names a field of the model. */
    void check(Map<String, FieldSchema> request, Map<String, FieldSchema> response, Map<String, MethodModel> methods) {
        var model = new Fields(request, response);
        for (var entry : scope.entrySet()) {
            MethodModel list = methods.get("list");
            if (list == null || !list.query().contains(entry.getKey())) {
                throw new IllegalArgumentException("match scope '" + entry.getKey() + "' is not a list filter");
            }
            sent(model, entry.getValue());
        }
        same.forEach((listed, sent) -> {
            listed(model, listed);
            sent(model, sent);
        });
        includes.forEach((listed, sent) -> {
            listed(model, listed);
            sent(model, sent);
        });
        equivalents.keySet().forEach(field -> {
            listed(model, field);
            sent(model, field);
        });
        if (actingUser != null) {
            listed(model, actingUser);
        }
        if (createdAt != null) {
            listed(model, createdAt);
        }
        if (readBack != null) {
            if (!methods.containsKey("get")) {
                throw new IllegalArgumentException("match 'read_back' needs the model's 'get' method");
            }
            sent(model, readBack);
        }
        if (exactTime != null) {
            sent(model, exactTime);
        }
        evidence.forEach(path -> sent(model, path));
    }

    private record Fields(Map<String, FieldSchema> request, Map<String, FieldSchema> response) {
    }

    private static void listed(Fields model, String path) {
        if (!model.response().containsKey(head(path))) {
            throw new IllegalArgumentException("match path '" + path + "' is not a response field");
        }
    }

    private static void sent(Fields model, String path) {
        if (!model.request().containsKey(head(path))) {
            throw new IllegalArgumentException("match path '" + path + "' is not a request field");
        }
    }

    private static String head(String path) {
        int dot = path.indexOf('.');
        return dot < 0 ? path : path.substring(0, dot);
    }
}
