package dev.switchboard.accounts;

import java.util.List;
import java.util.Map;

/**
 * Something that happened to an integrated account, by Truto's event names, with the
 * account as the API shows it (secrets masked).
 */
public record AccountEvent(String type, Map<String, Object> account) {

    public static final String CREATED = "integrated_account:created";
    public static final String UPDATED = "integrated_account:updated";
    public static final String ACTIVE = "integrated_account:active";
    public static final String AUTHENTICATION_ERROR = "integrated_account:authentication_error";
    public static final String DELETED = "integrated_account:deleted";

    public static final List<String> TYPES = List.of(CREATED, UPDATED, ACTIVE, AUTHENTICATION_ERROR, DELETED);
}
