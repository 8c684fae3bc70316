package dev.switchboard.accounts;

import java.util.List;
import java.util.Optional;

/** Where integrated accounts live. Implementations must be safe for concurrent use. */
public interface AccountStore {

    void insert(IntegratedAccount account);

    Optional<IntegratedAccount> find(String id);

    /** Every account, or those of one tenant, oldest first. */
    List<IntegratedAccount> list(Optional<String> tenantId);

    /** Replaces the stored account of the same id; false if there is none. */
    boolean update(IntegratedAccount account);

    /** False if there was no such account. */
    boolean delete(String id);
}
