package dev.switchboard.error;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** The known name nearest to a misspelt one, for "did you mean" in an error message. */
public final class Suggestions {

    private Suggestions() {
    }

    /** The closest of the known names, when it is close enough to be the one meant. */
    public static Optional<String> nearest(String given, Collection<String> known) {
        String typed = given.toLowerCase(Locale.ROOT);
        return known.stream()
                .min(Comparator.comparingInt((String name) -> distance(typed, name.toLowerCase(Locale.ROOT)))
                        .thenComparing(name -> name))
                // Within a third of the name's length (at least 2 edits): a typo, not another word.
                .filter(name -> distance(typed, name.toLowerCase(Locale.ROOT)) <= Math.max(2, name.length() / 3));
    }

    /** Edits (insert, delete, substitute, swap two neighbours) that turn one name into the other. */
    static int distance(String a, String b) {
        if (a.length() > 256 || b.length() > 256) {
            return Integer.MAX_VALUE; // no name is that long; and the work grows with the square
        }
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
