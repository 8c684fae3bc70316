package dev.switchboard.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The simulated Lever's {@code next}: an opaque token (hire.lever.co/developer/documentation,
 * "Pagination") that here names the last item of the page, as keyset tokens do, so items
 * added meanwhile neither repeat nor go missing. Notes and the world's lists share it.
 */
final class LeverPageTokens {

    private LeverPageTokens() {
    }

    static String after(Map<String, Object> last) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("after:" + key(last)).getBytes(StandardCharsets.UTF_8));
    }

    /** What names an item: its id; a tag has none, and its text is all it is ("List all tags"). */
    private static Object key(Map<String, Object> item) {
        return item.containsKey("id") ? item.get("id") : item.get("text");
    }

    /** Where a page starts: after the item the token names; 0 without one; -1 for a token never given. */
    static int start(List<Map<String, Object>> all, String offset) {
        if (offset == null || offset.isEmpty()) {
            return 0;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(offset), StandardCharsets.UTF_8);
            for (int i = 0; i < all.size(); i++) {
                if (decoded.equals("after:" + key(all.get(i)))) {
                    return i + 1;
                }
            }
        } catch (IllegalArgumentException notBase64) {
            return -1;
        }
        return -1;
    }
}
