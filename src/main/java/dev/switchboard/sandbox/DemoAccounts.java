package dev.switchboard.sandbox;

import dev.switchboard.accounts.AccountService;
import dev.switchboard.accounts.IntegratedAccount;
import dev.switchboard.tokens.TokenAuthority;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One integrated account per simulated provider, under tenant {@code sandbox}. Accounts
 * from an earlier run keep their ids; they are rewritten only when their credentials or
 * simulator ports differ from this run's.
 */
public final class DemoAccounts {

    public static final String TENANT = "sandbox";

    private DemoAccounts() {
    }

    /** @return integration name → its demo account */
    public static Map<String, IntegratedAccount> ensure(AccountService accounts, Sandbox sandbox) {
        String environment = TokenAuthority.BOOTSTRAP_ENVIRONMENT;
        var contexts = new LinkedHashMap<String, Map<String, Object>>();
        contexts.put("ashby", Map.of("api_key", AshbySimulator.API_KEY, "base_url", sandbox.ashbyUrl()));
        contexts.put("lever", Map.of("api_key", LeverSimulator.API_KEY, "base_url", sandbox.leverUrl()));
        contexts.put("recruitee", Map.of("api_token", RecruiteeSimulator.API_TOKEN,
                "company_id", RecruiteeSimulator.COMPANY_ID, "base_url", sandbox.recruiteeUrl()));
        contexts.put("workable", Map.of("api_token", WorkableSimulator.API_TOKEN, "subdomain",
                WorkableSimulator.SUBDOMAIN, "member_id", WorkableSimulator.MEMBER_ID, "base_url", sandbox.workableUrl()));
        contexts.put("teamtailor", Map.of("api_key", TeamtailorSimulator.API_KEY, "region", "eu",
                "user_id", TeamtailorSimulator.USER_ID, "base_url", sandbox.teamtailorUrl()));
        contexts.put("greenhouse", Map.of("client_id", GreenhouseSimulator.CLIENT_ID, "client_secret",
                GreenhouseSimulator.CLIENT_SECRET, "sub", GreenhouseSimulator.USER_ID, "base_url", sandbox.greenhouseUrl()));
        var result = new LinkedHashMap<String, IntegratedAccount>();
        contexts.forEach((integration, context) -> {
            Optional<IntegratedAccount> existing = accounts.list(environment, Optional.of(TENANT), Optional.empty(),
                    AccountService.MAX_PAGE).accounts().stream()
                    .filter(account -> account.integration().equals(integration)).findFirst();
            if (existing.isEmpty()) {
                result.put(integration, accounts.create(environment,
                        Map.of("integration", integration, "tenant_id", TENANT, "context", context)));
            } else if (existing.get().context().entrySet().containsAll(context.entrySet())) {
                // Unchanged (the ports are stable): no write, so no integrated_account:updated event.
                // A token fetched from the earlier run's simulator may stay: one it does not know
                // is replaced on first use, as any revoked client-credentials token is.
                result.put(integration, existing.get());
            } else {
                result.put(integration, accounts.patch(environment, existing.get().id(),
                        Map.of("context", replacing(existing.get(), context))));
            }
        });
        return result;
    }

    /**
     * A patch that leaves the context exactly this: keys it lacks are removed, such as a
     * token fetched from the previous run's simulator.
     */
    private static Map<String, Object> replacing(IntegratedAccount account, Map<String, Object> context) {
        var patch = new HashMap<String, Object>(context);
        account.context().keySet().forEach(key -> patch.putIfAbsent(key, null));
        return patch;
    }

    /** The candidate a newcomer's first note goes to. */
    public static String candidateOf(String integration) {
        return switch (integration) {
            case "ashby" -> AshbySimulator.CANDIDATE_ID;
            case "lever" -> LeverSimulator.OPPORTUNITY_ID;
            case "recruitee" -> RecruiteeSimulator.CANDIDATE_ID;
            case "workable" -> WorkableSimulator.CANDIDATE_ID;
            case "teamtailor" -> TeamtailorSimulator.CANDIDATE_ID;
            case "greenhouse" -> GreenhouseSimulator.CANDIDATE_ID;
            default -> throw new IllegalArgumentException(integration);
        };
    }
}
