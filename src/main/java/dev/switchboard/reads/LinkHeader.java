package dev.switchboard.reads;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the target of one relation from an HTTP {@code Link} header (RFC 8288). */
public final class LinkHeader {

    /** One link-value: {@code <target>}, then its parameters up to the next target. */
    private static final Pattern LINK = Pattern.compile("<([^>]*)>([^<]*)");
    private static final Pattern REL = Pattern.compile("(?i);\\s*rel\\s*=\\s*(?:\"([^\"]*)\"|([^;,\\s]+))");

    private LinkHeader() {
    }

    /** The target whose {@code rel} includes this relation type, e.g. {@code next}. */
    public static Optional<String> target(String header, String relation) {
        Matcher link = LINK.matcher(header);
        while (link.find()) {
            Matcher rel = REL.matcher(link.group(2));
            if (rel.find()) {
                String types = rel.group(1) != null ? rel.group(1) : rel.group(2);
                boolean matches = Arrays.stream(types.trim().split("\\s+"))
                        .anyMatch(type -> type.toLowerCase(Locale.ROOT).equals(relation));
                if (matches) {
                    return Optional.of(link.group(1).trim());
                }
            }
        }
        return Optional.empty();
    }
}
