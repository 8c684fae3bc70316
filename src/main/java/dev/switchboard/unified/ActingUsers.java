package dev.switchboard.unified;

import dev.switchboard.accounts.IntegratedAccount;
import dev.switchboard.catalog.ActingUser;
import dev.switchboard.catalog.Operation;
import dev.switchboard.error.ApiException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Who a write is made as: the caller's {@code remote_query} choice, else the account's default. */
public final class ActingUsers {

    private ActingUsers() {
    }

    public static Optional<String> of(Operation operation, IntegratedAccount account,
            List<Map.Entry<String, String>> remoteQuery) {
        Optional<ActingUser> rule = operation.endpoint().actingUserRule();
        if (rule.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> named = remoteQuery.stream().filter(entry -> entry.getKey().equals(rule.get().parameter()))
                .map(Map.Entry::getValue).filter(value -> !value.isBlank()).findFirst();
        if (named.isPresent() || rule.get().contextKey() == null) {
            return named;
        }
        return account.context().get(rule.get().contextKey()) instanceof String fallback && !fallback.isBlank()
                ? Optional.of(fallback) : Optional.empty();
    }

    /** @throws ApiException 400 when the provider needs a user and neither the caller nor the account names one */
    public static void check(Operation operation, IntegratedAccount account, List<Map.Entry<String, String>> remoteQuery) {
        Optional<ActingUser> rule = operation.endpoint().actingUserRule();
        if (rule.isPresent() && rule.get().required() && of(operation, account, remoteQuery).isEmpty()) {
            String parameter = "remote_query[" + rule.get().parameter() + "]";
            String where = rule.get().contextKey() == null ? parameter
                    : parameter + ", or set '" + rule.get().contextKey() + "' in the account's context";
            throw ApiException.invalid(operation.integration().label() + " writes " + operation.model().aNoun()
                    + " as one of its users: name "
                    + "the user with " + where, "query", List.of(parameter), Map.of());
        }
    }

    /** The remote query the provider gets: without the acting user's parameter when the body carries it. */
    public static List<Map.Entry<String, String>> sentInQuery(Operation operation,
            List<Map.Entry<String, String>> remoteQuery) {
        Optional<ActingUser> rule = operation.endpoint().actingUserRule();
        if (rule.isEmpty() || !rule.get().inBody()) {
            return remoteQuery;
        }
        return remoteQuery.stream().filter(entry -> !entry.getKey().equals(rule.get().parameter())).toList();
    }
}
