package dev.switchboard.unified;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A provider path with {@code {name}} placeholders, filled one encoded path segment per
 * value, so that no value can climb out of its place. Unified calls, the proxy and the
 * connect page's credential check all fill their paths here.
 */
public final class PathTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");

    /**
     * @param path    the filled path, complete only when nothing is missing
     * @param missing the placeholders that had no value, in order
     */
    public record Filled(String path, List<String> missing) {
    }

    private PathTemplate() {
    }

    public static Filled fill(String template, Function<String, Optional<String>> values) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        var path = new StringBuilder();
        var missing = new ArrayList<String>();
        while (matcher.find()) {
            Optional<String> value = values.apply(matcher.group(1)).filter(text -> !text.isEmpty());
            if (value.isEmpty()) {
                missing.add(matcher.group(1));
                continue;
            }
            matcher.appendReplacement(path, Matcher.quoteReplacement(segment(value.get())));
        }
        matcher.appendTail(path);
        return new Filled(path.toString(), List.copyOf(missing));
    }

    /** Encodes a value as one path segment; {@code .} and {@code ..} too. */
    public static String segment(String value) {
        String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
        return encoded.equals(".") || encoded.equals("..") ? encoded.replace(".", "%2E") : encoded;
    }
}
