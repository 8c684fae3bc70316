package dev.switchboard.reads;

import dev.switchboard.crypto.SecretBox;
import dev.switchboard.crypto.SecretException;
import dev.switchboard.error.ApiException;
import dev.switchboard.mapping.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the next page of a listing starts: the provider's own cursor for the page being
 * read (none for its first), and the last item already given from it. Given to callers
 * sealed and bound to one account, one resource and one set of filters, so it reads as
 * opaque text and a tampered, foreign or expired one is refused, never followed.
 *
 * @param provider the provider's cursor, offset or page, as its list mapping gave it
 * @param afterId  the id of the last item given from that provider page
 * @param offset   how many items of that provider page were given: where to go on if the
 *                 item named by {@code afterId} has since been deleted
 */
public record ListCursor(Optional<Object> provider, Optional<String> afterId, int offset) {

    static final ListCursor FIRST = new ListCursor(Optional.empty(), Optional.empty(), 0);

    /** The start of a provider page. */
    public static ListCursor at(Object providerCursor) {
        return new ListCursor(Optional.of(providerCursor), Optional.empty(), 0);
    }

    public String seal(SecretBox box, String accountId, String scope) {
        var state = new LinkedHashMap<String, Object>();
        provider.ifPresent(value -> state.put("p", value));
        afterId.ifPresent(id -> state.put("a", id));
        state.put("o", offset);
        String sealed = box.seal(Json.writeString(state), binding(accountId, scope));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sealed.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a caller passed back; empty text is the first page, as Truto's SDK pager sends it. */
    public static ListCursor open(String text, SecretBox box, String accountId, String scope) {
        if (text == null || text.isEmpty()) {
            return FIRST;
        }
        try {
            String sealed = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            Map<String, Object> state = Json.asObject(Json.parse(
                    box.open(sealed, binding(accountId, scope)).getBytes(StandardCharsets.UTF_8)))
                    .orElseThrow(() -> new SecretException("not a cursor"));
            return new ListCursor(Optional.ofNullable(state.get("p")),
                    Optional.ofNullable(state.get("a")).map(String::valueOf),
                    state.get("o") instanceof Number n ? n.intValue() : 0);
        } catch (IllegalArgumentException | SecretException | IOException e) {
            throw ApiException.invalid("'next_cursor' is not a cursor this account gave for this list and its "
                    + "filters; pass back next_cursor exactly as it came", "query", List.of(),
                    Map.of("next_cursor", "is not a cursor of this account, list and filters"));
        }
    }

    /** @param scope the resource and its filters: a cursor of one list is no cursor of another */
    private static String binding(String accountId, String scope) {
        return "list-cursor:" + accountId + ":" + scope;
    }
}
