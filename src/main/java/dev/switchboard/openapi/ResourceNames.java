package dev.switchboard.openapi;

import dev.switchboard.catalog.UnifiedModel;

/**
 * How a resource is named in the published API: {@code ats/job_interview_stages} is tagged
 * {@code JobInterviewStages}, and one of them is a {@code JobInterviewStage}.
 */
record ResourceNames(String tag, String singular) {

    static ResourceNames of(UnifiedModel model) {
        String plural = camel(model.resource().substring(model.resource().lastIndexOf('/') + 1));
        return new ResourceNames(plural, singular(plural));
    }

    private static String singular(String plural) {
        if (plural.endsWith("ies")) {
            return plural.substring(0, plural.length() - 3) + "y";
        }
        return plural.endsWith("s") ? plural.substring(0, plural.length() - 1) : plural;
    }

    static String camel(String snake) {
        var text = new StringBuilder();
        for (String word : snake.split("_")) {
            if (!word.isEmpty()) {
                text.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        return text.toString();
    }
}
