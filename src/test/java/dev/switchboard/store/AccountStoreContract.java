package dev.switchboard.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.accounts.AccountPage;
import dev.switchboard.accounts.AccountStatus;
import dev.switchboard.accounts.IntegratedAccount;
import dev.switchboard.accounts.JdbcAccountStore;
import dev.switchboard.accounts.PagePosition;
import dev.switchboard.crypto.KeyRing;
import dev.switchboard.crypto.SecretBox;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every account store must do; run against SQLite and PostgreSQL alike. */
abstract class AccountStoreContract {

    static final String KEY_A = key();
    static final String KEY_B = key();

    String url;
    Database database;
    JdbcAccountStore store;

    /** A new, empty database URL for one test. */
    abstract String freshUrl();

    void dispose(String url) {
    }

    @BeforeEach
    void open() {
        url = freshUrl();
        database = Database.open(url);
        store = new JdbcAccountStore(database, new SecretBox(KeyRing.parse(KEY_A)));
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
            dispose(url);
        }
    }

    @Test
    void insertFindUpdateDelete() {
        var account = account("default", "acme", Map.of("api_key", "k-1"));
        store.insert(account);
        assertEquals(Optional.of(account), store.find(account.id()));

        var changed = account.withStatus(AccountStatus.NEEDS_REAUTH, account.updatedAt().plusSeconds(5));
        assertTrue(store.update(changed));
        assertEquals(Optional.of(changed), store.find(account.id()));

        assertTrue(store.delete(account.id()));
        assertEquals(Optional.empty(), store.find(account.id()));
        assertFalse(store.delete(account.id()));
        assertFalse(store.update(changed));
    }

    @Test
    void listIsPerEnvironmentAndTenantOldestFirst() {
        var first = account("prod", "acme", Map.of("api_key", "1"));
        var second = new IntegratedAccount(UUID.randomUUID().toString(), "prod", "lever", "acme",
                AccountStatus.ACTIVE, Map.of("api_key", "2"), first.createdAt().plusMillis(1), first.createdAt());
        var otherTenant = account("prod", "globex", Map.of("api_key", "3"));
        var otherEnvironment = account("staging", "acme", Map.of("api_key", "4"));
        List.of(second, otherEnvironment, first, otherTenant).forEach(store::insert);

        assertEquals(List.of(first, second), all("prod", Optional.of("acme")).accounts());
        assertEquals(3, all("prod", Optional.empty()).accounts().size());
        assertEquals(List.of(otherEnvironment), all("staging", Optional.empty()).accounts());
    }

    @Test
    void pagesFollowOneAnotherWithoutGapsOrRepeatsThroughEqualTimes() {
        Instant sameTime = Instant.now().truncatedTo(ChronoUnit.MICROS);
        var inserted = new ArrayList<IntegratedAccount>();
        for (int i = 0; i < 7; i++) {
            // Three accounts share one creation time: the id breaks the tie.
            Instant createdAt = i < 3 ? sameTime : sameTime.plusSeconds(i);
            var account = new IntegratedAccount(UUID.randomUUID().toString(), "prod", "lever", "acme",
                    AccountStatus.ACTIVE, Map.of("api_key", "k" + i), createdAt, createdAt);
            store.insert(account);
            inserted.add(account);
        }
        inserted.sort(java.util.Comparator.comparing(IntegratedAccount::createdAt).thenComparing(IntegratedAccount::id));

        var seen = new ArrayList<IntegratedAccount>();
        Optional<PagePosition> after = Optional.empty();
        int pages = 0;
        do {
            AccountPage page = store.list("prod", Optional.of("acme"), after, 2);
            assertTrue(page.accounts().size() <= 2);
            seen.addAll(page.accounts());
            after = page.next();
            pages++;
        } while (after.isPresent());
        assertEquals(inserted, seen);
        assertEquals(4, pages);
        assertEquals(Optional.empty(), store.list("prod", Optional.of("acme"), Optional.empty(), 7).next(),
                "a page that holds the rest is the last");
    }

    private AccountPage all(String environment, Optional<String> tenant) {
        return store.list(environment, tenant, Optional.empty(), 1000);
    }

    @Test
    void theRawTableHoldsNoPlaintextSecret() throws Exception {
        store.insert(account("default", "acme", Map.of("api_key", "PLAINTEXT-SECRET-1",
                "oauth", Map.of("refresh_token", "PLAINTEXT-SECRET-2"))));
        try (var connection = database.connection(); var statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT * FROM integrated_accounts")) {
            assertTrue(rows.next());
            for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
                String value = rows.getString(column);
                assertFalse(value != null && value.contains("PLAINTEXT-SECRET"), "column " + column + " leaks");
            }
            assertTrue(rows.getString("context").startsWith("v1."));
        }
    }

    @Test
    void aSealedContextDoesNotOpenOnAnotherRow() throws Exception {
        var victim = account("default", "acme", Map.of("api_key", "victim-key"));
        var attacker = account("default", "evil", Map.of("api_key", "attacker-key"));
        store.insert(victim);
        store.insert(attacker);
        try (var connection = database.connection(); var statement = connection.prepareStatement(
                "UPDATE integrated_accounts SET context = (SELECT context FROM integrated_accounts WHERE id = ?) WHERE id = ?")) {
            statement.setString(1, victim.id());
            statement.setString(2, attacker.id());
            statement.executeUpdate();
        }
        assertThrows(RuntimeException.class, () -> store.find(attacker.id()));
    }

    @Test
    void keysRotateNewestFirstAndResealMovesEveryRowToTheNewKey() {
        var account = account("default", "acme", Map.of("api_key", "rotating"));
        store.insert(account);

        var rotated = new JdbcAccountStore(database, new SecretBox(KeyRing.parse(KEY_B + "," + KEY_A)));
        assertEquals(Optional.of(account), rotated.find(account.id()), "old rows open with the old key");
        assertEquals(1, rotated.reseal());
        assertEquals(0, rotated.reseal(), "nothing left to reseal");

        var newOnly = new JdbcAccountStore(database, new SecretBox(KeyRing.parse(KEY_B)));
        assertEquals(Optional.of(account), newOnly.find(account.id()), "the old key is no longer needed");
        assertThrows(RuntimeException.class, () -> store.find(account.id()), "the old key alone cannot open it");
    }

    @Test
    void lockedUpdatesOnOneAccountNeverInterleave() throws Exception {
        var account = account("default", "acme", Map.of("api_key", "k", "count", 0));
        store.insert(account);
        // A second store on its own pool stands in for a second process.
        try (var otherDatabase = Database.open(url)) {
            var other = new JdbcAccountStore(otherDatabase, new SecretBox(KeyRing.parse(KEY_A)));
            var tasks = new ArrayList<Callable<Object>>();
            for (int i = 0; i < 20; i++) {
                var target = i % 2 == 0 ? store : other;
                tasks.add(() -> target.updateLocked(account.id(), current -> {
                    int count = ((Number) current.context().get("count")).intValue();
                    Thread.yield();
                    var context = new java.util.HashMap<>(current.context());
                    context.put("count", count + 1);
                    return current.withContext(context, current.updatedAt());
                }));
            }
            var pool = Executors.newFixedThreadPool(8);
            try {
                for (var future : pool.invokeAll(tasks)) {
                    future.get();
                }
            } finally {
                pool.shutdown();
            }
        }
        assertEquals(20, ((Number) store.find(account.id()).orElseThrow().context().get("count")).intValue());
    }

    @Test
    void aSecondProcessSeesTheSameAccounts() {
        var account = account("default", "acme", Map.of("api_key", "shared"));
        store.insert(account);
        try (var otherDatabase = Database.open(url)) {
            var other = new JdbcAccountStore(otherDatabase, new SecretBox(KeyRing.parse(KEY_A)));
            assertEquals(Optional.of(account), other.find(account.id()));
            assertTrue(other.delete(account.id()));
        }
        assertEquals(Optional.empty(), store.find(account.id()));
    }

    @Test
    void aLockedUpdateOfAMissingAccountIsEmpty() {
        assertEquals(Optional.empty(), store.updateLocked("missing", current -> current));
    }

    static IntegratedAccount account(String environment, String tenant, Map<String, Object> context) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return new IntegratedAccount(UUID.randomUUID().toString(), environment, "lever", tenant,
                AccountStatus.ACTIVE, context, now, now);
    }

    private static String key() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
