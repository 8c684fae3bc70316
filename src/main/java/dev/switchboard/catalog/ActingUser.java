package dev.switchboard.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Set;

/**
 * Who a write is made as at the provider. A caller names the user with
 * {@code remote_query[<parameter>]}; without one, the account's context may give a default
 * (Workable's {@code member_id}, Teamtailor's {@code user_id}). Request mappings see the
 * result as {@code acting_user}, and a note found after an unknown outcome must be that
 * user's.
 *
 * @param parameter  the {@code remote_query} name a caller overrides the user with
 * @param contextKey the context key holding the account's default user, if any
 * @param sentIn     {@code query}: the parameter goes to the provider as a query parameter
 *                   (Lever's {@code perform_as}); {@code body}: only the request mapping
 *                   places it, and the parameter is not sent in the query
 * @param required   the provider refuses a write without a user: a request with none is a 400
 */
public record ActingUser(
        @JsonProperty("parameter") String parameter,
        @JsonProperty("context_key") String contextKey,
        @JsonProperty("sent_in") String sentIn,
        @JsonProperty("required") boolean required) {

    private static final Set<String> PLACES = Set.of("query", "body");

    public ActingUser {
        if (parameter == null || !parameter.matches("[a-z_]+")) {
            throw new IllegalArgumentException("acting_user needs 'parameter', a lower-case name");
        }
        sentIn = sentIn == null ? "query" : sentIn;
        if (!PLACES.contains(sentIn)) {
            throw new IllegalArgumentException("acting_user.sent_in must be one of " + PLACES + ", not '" + sentIn + "'");
        }
    }

    public boolean inBody() {
        return sentIn.equals("body");
    }
}
