package dev.switchboard.sandbox;

import dev.switchboard.accounts.AccountService;
import dev.switchboard.accounts.IntegratedAccount;
import dev.switchboard.tokens.TokenAuthority;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One integrated account per simulated provider, under tenant {@code sandbox}. Accounts
 * from an earlier run are pointed at this run's ports, so their ids stay the same.
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
        var result = new LinkedHashMap<String, IntegratedAccount>();
        contexts.forEach((integration, context) -> {
            Optional<IntegratedAccount> existing = accounts.list(environment, Optional.of(TENANT), Optional.empty(),
                    AccountService.MAX_PAGE).accounts().stream()
                    .filter(account -> account.integration().equals(integration)).findFirst();
            result.put(integration, existing.isPresent()
                    ? accounts.patch(environment, existing.get().id(), Map.of("context", context))
                    : accounts.create(environment, Map.of("integration", integration, "tenant_id", TENANT, "context", context)));
        });
        return result;
    }

    /** The candidate a newcomer's first note goes to. */
    public static String candidateOf(String integration) {
        return switch (integration) {
            case "ashby" -> AshbySimulator.CANDIDATE_ID;
            case "lever" -> LeverSimulator.OPPORTUNITY_ID;
            case "recruitee" -> RecruiteeSimulator.CANDIDATE_ID;
            default -> throw new IllegalArgumentException(integration);
        };
    }
}
