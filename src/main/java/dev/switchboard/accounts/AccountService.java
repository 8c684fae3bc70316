package dev.switchboard.accounts;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.IntegrationDefinition;
import dev.switchboard.error.ApiException;
import dev.switchboard.mapping.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/** The integrated-account rules of docs/api.md §3 on top of a store. */
public final class AccountService {

    private static final Set<String> CREATE_KEYS = Set.of("integration", "tenant_id", "context");
    private static final Set<String> PATCH_KEYS = Set.of("context");
    public static final int DEFAULT_PAGE = 100;
    public static final int MAX_PAGE = 1000;

    /**
     * Accounts read recently, so a busy account costs no store read (and no decryption) per
     * request. Writes here replace the entry; another process's writes evict it when that
     * process announces them (PostgreSQL) and at the latest after the TTL.
     */
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final long cacheNanos;
    /**
     * Counts writes and evictions, so a read that raced with one does not put the state it
     * read before the change back into the cache.
     */
    private final AtomicLong changes = new AtomicLong();

    private record Cached(IntegratedAccount account, long expiresAt) {
    }

    private final AccountStore store;
    private final Catalog catalog;
    private final ContextValidator validator;
    private final Clock clock;

    /** @param cacheTtl how long a read account is reused; zero reads the store every time */
    public AccountService(AccountStore store, Catalog catalog, BaseUrlPolicy baseUrlPolicy, Clock clock,
            Duration cacheTtl) {
        this.cacheNanos = cacheTtl.toNanos();
        this.store = store;
        this.catalog = catalog;
        this.validator = new ContextValidator(baseUrlPolicy);
        this.clock = clock;
    }

    /**
     * Proves credentials with the provider before they are stored (the catalog's
     * {@code connect_check}), and gives back the context to store.
     */
    @FunctionalInterface
    public interface CredentialVerifier {
        Map<String, Object> verify(IntegrationDefinition integration, String environment, Map<String, Object> context);
    }

    /** An account whose credentials were already proved (the connect page checks its own). */
    public IntegratedAccount create(String environment, Map<String, Object> body) {
        return create(environment, body, Optional.of((integration, env, context) -> context));
    }

    /**
     * A new account, its credentials proved by the verifier before anything is stored; with
     * none (the check explicitly skipped) it is stored {@code needs_check}.
     */
    public IntegratedAccount create(String environment, Map<String, Object> body, Optional<CredentialVerifier> verifier) {
        rejectUnknownKeys(body, CREATE_KEYS);
        if (!(body.get("integration") instanceof String name)) {
            throw ApiException.badRequest("'integration' is required: one of " + catalog.integrationNames());
        }
        IntegrationDefinition integration = catalog.integration(name).orElseThrow(() -> ApiException.badRequest(
                "unknown integration '" + name + "'; known: " + catalog.integrationNames()));
        if (!(body.get("tenant_id") instanceof String tenantId) || tenantId.isBlank()) {
            throw ApiException.badRequest("'tenant_id' is required and must be a non-empty string");
        }
        Map<String, Object> given = objectField(body, "context");
        validator.check(integration, given);
        Map<String, Object> context = verifier.map(v -> v.verify(integration, environment, given)).orElse(given);
        Instant now = clock.instant();
        var account = new IntegratedAccount(UUID.randomUUID().toString(), environment, name, tenantId,
                verifier.isPresent() ? AccountStatus.ACTIVE : AccountStatus.NEEDS_CHECK, context, now, now);
        store.insert(account, List.of(new AccountEvent(AccountEvent.CREATED, canonicalView(account))));
        return remember(account);
    }

    /** The account, if it exists in this environment: another environment's is "not found" too. */
    public IntegratedAccount get(String environment, String id) {
        return find(id).filter(account -> account.environment().equals(environment))
                .orElseThrow(() -> notFound(id));
    }

    private Optional<IntegratedAccount> find(String id) {
        Cached cached = cache.get(id);
        if (cached != null && cached.expiresAt() - System.nanoTime() > 0) {
            return Optional.of(cached.account());
        }
        long seen = changes.get();
        Optional<IntegratedAccount> found = store.find(id);
        if (found.isEmpty()) {
            cache.remove(id);
        } else if (cacheNanos > 0) {
            cache.compute(id, (key, current) -> changes.get() == seen ? cached(found.get()) : current);
        }
        return found;
    }

    /** Caches what was just written here: the newest state there is. */
    private IntegratedAccount remember(IntegratedAccount account) {
        cache.compute(account.id(), (key, current) -> {
            changes.incrementAndGet();
            return cacheNanos > 0 ? cached(account) : null;
        });
        return account;
    }

    private Cached cached(IntegratedAccount account) {
        return new Cached(account, System.nanoTime() + cacheNanos);
    }

    /** Another process changed or deleted the account: the next read goes to the store. */
    public void forget(String id) {
        cache.compute(id, (key, current) -> {
            changes.incrementAndGet();
            return null;
        });
    }

    /** Changes may have gone unheard: every account is read from the store again. */
    public void forgetAll() {
        changes.incrementAndGet();
        cache.clear();
    }

    /** Every environment that holds an account (the command line's --all-environments). */
    public List<String> environments() {
        return store.environments();
    }

    /** One page of the environment's accounts; the cursor comes from the previous page. */
    public AccountPage list(String environment, Optional<String> tenantId, Optional<String> cursor, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw badLimit();
        }
        return store.list(environment, tenantId, cursor.map(PagePosition::fromCursor), limit);
    }

    /**
     * Shallow-merges new context keys (a {@code null} value removes a key) and marks the
     * account active again: new credentials deserve a new try.
     */
    public IntegratedAccount patch(String environment, String id, Map<String, Object> body) {
        return patch(environment, id, body, Optional.of((integration, env, context) -> context));
    }

    /**
     * As {@link #patch(String, String, Map)}; a change of credentials or of where calls go is
     * proved by the verifier before it is stored, or, with none, leaves the account
     * {@code needs_check}.
     */
    public IntegratedAccount patch(String environment, String id, Map<String, Object> body,
            Optional<CredentialVerifier> verifier) {
        rejectUnknownKeys(body, PATCH_KEYS);
        Map<String, Object> changes = objectField(body, "context");
        IntegratedAccount account = get(environment, id);
        requireCredentialsWithNewDestination(account, changes);
        var merged = new HashMap<>(account.context());
        changes.forEach((key, value) -> {
            if (value == null) {
                merged.remove(key);
            } else {
                merged.put(key, value);
            }
        });
        if (!changesCredentials(account, changes)) {
            // Credentials unchanged: an unproved account stays unproved; a refused one gets a new try.
            return replaceContext(account, merged,
                    account.status() == AccountStatus.NEEDS_CHECK ? AccountStatus.NEEDS_CHECK : AccountStatus.ACTIVE);
        }
        IntegrationDefinition integration = integrationOf(account);
        validator.check(integration, merged);
        return verifier.isPresent()
                ? replaceContext(account, verifier.get().verify(integration, environment, merged), AccountStatus.ACTIVE)
                : replaceContext(account, merged, AccountStatus.NEEDS_CHECK);
    }

    /** True when the change touches a secret, or where calls go: something the provider has to vouch for. */
    private boolean changesCredentials(IntegratedAccount account, Map<String, Object> changes) {
        var integration = integrationOf(account);
        var properties = integration.context().properties();
        return changes.entrySet().stream().anyMatch(change -> properties.containsKey(change.getKey())
                && (ContextSecrets.holdsSecret(properties.get(change.getKey()))
                        || "url".equals(properties.get(change.getKey()).format())
                        || integration.hostKeys().contains(change.getKey()))
                && !Objects.equals(change.getValue(), account.context().get(change.getKey())));
    }

    /**
     * Stores the account with a new, checked context, active again, and says so: updated, and
     * active where it needed re-authentication.
     */
    private IntegratedAccount replaceContext(IntegratedAccount account, Map<String, Object> context,
            AccountStatus status) {
        validator.check(integrationOf(account), context);
        var updated = account.withContext(context, clock.instant()).withStatus(status, clock.instant());
        var events = new ArrayList<AccountEvent>(List.of(new AccountEvent(AccountEvent.UPDATED, canonicalView(updated))));
        if (account.status() == AccountStatus.NEEDS_REAUTH && status == AccountStatus.ACTIVE) {
            events.add(new AccountEvent(AccountEvent.ACTIVE, canonicalView(updated)));
        }
        if (!store.update(updated, events)) {
            forget(account.id());
            throw notFound(account.id());
        }
        return remember(updated);
    }

    /**
     * A change of where calls go ({@code base_url}, a subdomain, a region) must bring the
     * credentials again: the stored ones were given for the old destination, and must not
     * follow a PATCH elsewhere.
     */
    private void requireCredentialsWithNewDestination(IntegratedAccount account, Map<String, Object> changes) {
        var integration = integrationOf(account);
        var properties = integration.context().properties();
        boolean moves = changes.entrySet().stream().anyMatch(change -> properties.containsKey(change.getKey())
                && ("url".equals(properties.get(change.getKey()).format())
                        || integration.hostKeys().contains(change.getKey()))
                && !Objects.equals(change.getValue(), account.context().get(change.getKey())));
        if (!moves) {
            return;
        }
        var stale = account.context().keySet().stream()
                .filter(key -> properties.containsKey(key) && ContextSecrets.holdsSecret(properties.get(key)))
                .filter(key -> !changes.containsKey(key)).sorted().toList();
        if (!stale.isEmpty()) {
            throw ApiException.invalid("changing where calls go needs the credentials again in the same request",
                    "context", stale, Map.of());
        }
    }

    public void delete(String environment, String id) {
        IntegratedAccount account = get(environment, id);
        boolean deleted = store.delete(account.id(), environment,
                List.of(new AccountEvent(AccountEvent.DELETED, canonicalView(account))));
        forget(id);
        if (!deleted) {
            throw notFound(id);
        }
    }

    /**
     * New credentials for an existing account, as the connect page's reconnect gives them:
     * the context is replaced whole and the account is active again.
     */
    public IntegratedAccount reconnect(String environment, String id, Map<String, Object> context) {
        return replaceContext(get(environment, id), context, AccountStatus.ACTIVE);
    }

    /** @throws ApiException 400 naming every key of the context that is missing or not valid */
    public void validate(IntegrationDefinition integration, Map<String, Object> context) {
        validator.check(integration, context);
    }

    /** Seals every stored context with the current key: the last step of a key rotation. */
    public int reseal() {
        forgetAll();
        return store.reseal();
    }

    /**
     * Changes an account under a lock that holds across processes; the change sees the
     * stored state, not the caller's copy.
     */
    public IntegratedAccount updateLocked(IntegratedAccount account, UnaryOperator<IntegratedAccount> change) {
        return store.updateLocked(account.id(), change).map(this::remember).orElseThrow(() -> {
            forget(account.id());
            return notFound(account.id());
        });
    }

    /** The provider refused the account's credentials. */
    public void markNeedsReauth(IntegratedAccount account) {
        // Under the lock, on the stored state: a copy from the start of this request could
        // carry credentials that another request has refreshed since.
        store.updateLocked(account.id(), current -> current.withStatus(AccountStatus.NEEDS_REAUTH, clock.instant()),
                (before, after) -> before.status() != AccountStatus.NEEDS_REAUTH
                        ? List.of(new AccountEvent(AccountEvent.AUTHENTICATION_ERROR, canonicalView(after)))
                        : List.of())
                .ifPresent(this::remember);
    }

    /**
     * A call with the account's credentials succeeded: an account stored without a check
     * ({@code needs_check}) is active from now on. Free for any other account.
     */
    public void markChecked(IntegratedAccount account) {
        if (account.status() != AccountStatus.NEEDS_CHECK) {
            return;
        }
        store.updateLocked(account.id(), current -> current.status() == AccountStatus.NEEDS_CHECK
                        ? current.withStatus(AccountStatus.ACTIVE, clock.instant()) : current,
                (before, after) -> before.status() == AccountStatus.NEEDS_CHECK && after.status() == AccountStatus.ACTIVE
                        ? List.of(new AccountEvent(AccountEvent.ACTIVE, canonicalView(after)))
                        : List.of())
                .ifPresent(this::remember);
    }

    public IntegrationDefinition integrationOf(IntegratedAccount account) {
        return catalog.integration(account.integration()).orElseThrow(() -> new IllegalStateException(
                "account " + account.id() + " names integration " + account.integration() + ", which is not loaded"));
    }

    /** The account as the API returns it, secrets masked. */
    public Map<String, Object> view(IntegratedAccount account) {
        var view = new LinkedHashMap<String, Object>();
        view.put("id", account.id());
        view.put("integration", account.integration());
        view.put("tenant_id", account.tenantId());
        view.put("status", account.status().wire());
        view.put("created_at", Timestamps.format(account.createdAt()));
        view.put("updated_at", Timestamps.format(account.updatedAt()));
        view.put("context", ContextSecrets.masked(integrationOf(account).context().properties(), account.context()));
        return view;
    }

    /**
     * The account as {@code /integrated-account} shows it, and as webhook events carry it:
     * {@code integration} is {@code {name, label}}, secrets masked.
     */
    public Map<String, Object> canonicalView(IntegratedAccount account) {
        Map<String, Object> view = view(account);
        view.put("integration", Map.of("name", account.integration(), "label", labelOf(account)));
        return view;
    }

    /** The display name of the account's integration. */
    public String labelOf(IntegratedAccount account) {
        return integrationOf(account).label();
    }

    /** A page size out of range, or not a number at all. */
    public static ApiException badLimit() {
        return ApiException.badRequest("'limit' must be a whole number from 1 to " + MAX_PAGE);
    }

    private static ApiException notFound(String id) {
        return ApiException.of(404, "no integrated account with id '" + id + "'");
    }

    private static void rejectUnknownKeys(Map<String, Object> body, Set<String> known) {
        for (String key : body.keySet()) {
            if (!known.contains(key)) {
                throw ApiException.badRequest("unknown key '" + key + "'; the body takes " + known.stream().sorted().toList());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> objectField(Map<String, Object> body, String key) {
        if (!(body.get(key) instanceof Map<?, ?> value)) {
            throw ApiException.badRequest("'" + key + "' is required and must be an object");
        }
        return (Map<String, Object>) value;
    }
}
