package dev.switchboard.accounts;

import java.util.Optional;
import java.util.function.UnaryOperator;

/** Where integrated accounts live. Implementations must be safe for concurrent use. */
public interface AccountStore {

    void insert(IntegratedAccount account);

    Optional<IntegratedAccount> find(String id);

    /**
     * Up to {@code limit} accounts of one environment, all or one tenant's, oldest first
     * (ties by id), starting after {@code after}.
     */
    AccountPage list(String environment, Optional<String> tenantId, Optional<PagePosition> after, int limit);

    /** Replaces the stored account of the same id; false if there is none. */
    boolean update(IntegratedAccount account);

    /**
     * Reads the account under an exclusive lock that holds across processes, lets the
     * change decide on the current state, and stores what it returns. Empty if there is
     * no such account.
     */
    Optional<IntegratedAccount> updateLocked(String id, UnaryOperator<IntegratedAccount> change);

    /** False if there was no such account. */
    boolean delete(String id);

    /** Seals every stored context again with the current key; returns how many changed. */
    int reseal();
}
