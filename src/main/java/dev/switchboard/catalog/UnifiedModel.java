package dev.switchboard.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A unified resource's schema ({@code models/<resource>.json}): its request fields, its
 * response fields, and per method what each integration requires and supports.
 *
 * @param noun what one item is called in messages ("candidate", "note")
 * @param article the noun's indefinite article where its first letter misleads ("a" before
 *     "user"); without it, "an" before a vowel letter and "a" before any other
 */
public record UnifiedModel(
        @JsonProperty("resource") String resource,
        @JsonProperty("noun") String noun,
        @JsonProperty("article") String article,
        @JsonProperty("description") String description,
        @JsonProperty("request_fields") Map<String, FieldSchema> requestFields,
        @JsonProperty("response_fields") Map<String, FieldSchema> responseFields,
        @JsonProperty("methods") Map<String, MethodModel> methods) {

    public UnifiedModel {
        if (resource == null || noun == null || requestFields == null || responseFields == null || methods == null) {
            throw new IllegalArgumentException(
                    "a model needs 'resource', 'noun', 'request_fields', 'response_fields' and 'methods'");
        }
        // Kept in file order: error messages and docs list fields as the model does.
        requestFields = Collections.unmodifiableMap(new LinkedHashMap<>(requestFields));
        responseFields = Collections.unmodifiableMap(new LinkedHashMap<>(responseFields));
        methods = Map.copyOf(methods);
        if (methods.containsKey(DOWNLOAD) && !methods.containsKey("list")) {
            throw new IllegalArgumentException("method 'download' follows the file links of 'list', which is missing");
        }
        for (var method : methods.entrySet()) {
            if (method.getValue().match() != null) {
                method.getValue().match().check(requestFields, responseFields, methods);
            }
            if (!READS.contains(method.getKey()) && !method.getValue().isWrite()) {
                throw new IllegalArgumentException("method '" + method.getKey() + "' is an action: it needs a body");
            }
        }
        for (var method : methods.entrySet()) {
            for (String field : concat(method.getValue().body(), method.getValue().query())) {
                if (!requestFields.containsKey(field)) {
                    throw new IllegalArgumentException(
                            "method '" + method.getKey() + "' takes '" + field + "', which is not a request field");
                }
            }
            for (var rules : method.getValue().integrations().entrySet()) {
                for (String field : rules.getValue().required()) {
                    checkBodyField(method, rules.getKey(), field);
                }
                for (String field : rules.getValue().supported()) {
                    checkBodyField(method, rules.getKey(), field);
                }
                for (var narrowed : rules.getValue().values().entrySet()) {
                    List<String> allowed = requestFields.get(narrowed.getKey()).enumValues();
                    if (allowed.isEmpty() || !allowed.containsAll(narrowed.getValue())) {
                        throw new IllegalArgumentException("integration '" + rules.getKey() + "' narrows '"
                                + narrowed.getKey() + "' to " + narrowed.getValue()
                                + ", which are not all values of its enum " + allowed);
                    }
                }
            }
        }
    }

    /** The noun after its indefinite article, for summaries and messages ("an application", "a note"). */
    public String aNoun() {
        if (article != null) {
            return article + " " + noun;
        }
        return ("aeiou".indexOf(Character.toLowerCase(noun.charAt(0))) >= 0 ? "an " : "a ") + noun;
    }

    /** What several items are called in messages: the last segment of the resource's path. */
    public String plural() {
        return resource.substring(resource.lastIndexOf('/') + 1).replace('_', ' ');
    }

    /** The methods that read; every other method (create, an action such as move-stage) writes. */
    public static final String DOWNLOAD = "download";
    public static final java.util.Set<String> READS = java.util.Set.of("list", "get", DOWNLOAD);

    /** The response fields that are links to files, handed to callers sealed (see {@code FieldSchema#isFileUrl}). */
    public List<String> fileUrlFields() {
        return responseFields.entrySet().stream().filter(field -> field.getValue().isFileUrl())
                .map(Map.Entry::getKey).toList();
    }

    /** Methods besides list, get and create: Truto's custom methods, served at {@code POST /unified/{resource}/{method}}. */
    public List<String> actions() {
        return methods.keySet().stream().filter(name -> !READS.contains(name) && !name.equals("create")).sorted().toList();
    }

    private static List<String> concat(List<String> first, List<String> second) {
        var all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static void checkBodyField(Map.Entry<String, MethodModel> method, String integration, String field) {
        if (!method.getValue().takes(field)) {
            throw new IllegalArgumentException("integration '" + integration + "' of method '" + method.getKey()
                    + "' names '" + field + "', which the method does not take");
        }
    }
}
