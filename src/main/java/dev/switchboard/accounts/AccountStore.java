package dev.switchboard.accounts;

import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/** Where integrated accounts live. Implementations must be safe for concurrent use. */
public interface AccountStore {

    void insert(IntegratedAccount account);

    /** Inserts the account and writes its events, in one transaction. */
    default void insert(IntegratedAccount account, List<AccountEvent> events) {
        insert(account);
    }

    Optional<IntegratedAccount> find(String id);

    /**
     * Up to {@code limit} accounts of one environment, all or one tenant's, oldest first
     * (ties by id), starting after {@code after}.
     */
    AccountPage list(String environment, Optional<String> tenantId, Optional<PagePosition> after, int limit);

    /** Every environment that holds an account, in name order: what an operator's listing spans. */
    List<String> environments();

    /** Replaces the stored account of the same id; false if there is none. */
    boolean update(IntegratedAccount account);

    /** Replaces the account and writes its events, in one transaction. */
    default boolean update(IntegratedAccount account, List<AccountEvent> events) {
        return update(account);
    }

    /**
     * Reads the account under an exclusive lock that holds across processes, lets the
     * change decide on the current state, and stores what it returns. Empty if there is
     * no such account.
     */
    Optional<IntegratedAccount> updateLocked(String id, UnaryOperator<IntegratedAccount> change);

    /** As above, writing the events the change made (before → after) in the same transaction. */
    default Optional<IntegratedAccount> updateLocked(String id, UnaryOperator<IntegratedAccount> change,
            BiFunction<IntegratedAccount, IntegratedAccount, List<AccountEvent>> events) {
        return updateLocked(id, change);
    }

    /** False if there was no such account. */
    boolean delete(String id);

    /** Deletes the account and writes its events, in one transaction. */
    default boolean delete(String id, String environment, List<AccountEvent> events) {
        return delete(id);
    }

    /** Seals every stored context again with the current key; returns how many changed. */
    int reseal();
}
