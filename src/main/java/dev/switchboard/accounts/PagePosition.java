package dev.switchboard.accounts;

import dev.switchboard.error.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * Where a listing stopped: the creation time and id of the last account given, the order
 * the listing keeps. As a cursor it is opaque to clients, and an account created or
 * deleted between two pages neither shifts nor repeats the ones after it.
 */
public record PagePosition(Instant createdAt, String id) {

    public String cursor() {
        String text = createdAt + " " + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The position a cursor from {@link #cursor()} names; anything else is the caller's mistake. */
    public static PagePosition fromCursor(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int space = text.indexOf(' ');
            if (space > 0 && space < text.length() - 1) {
                return new PagePosition(Instant.parse(text.substring(0, space)), text.substring(space + 1));
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            // Falls through to the same answer as any other cursor this server did not give.
        }
        throw ApiException.badRequest("'next_cursor' is not a cursor this server gave; pass the "
                + "next_cursor of the previous page as it came");
    }
}
