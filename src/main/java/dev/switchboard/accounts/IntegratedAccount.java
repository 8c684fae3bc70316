package dev.switchboard.accounts;

import java.time.Instant;
import java.util.Map;

/**
 * One tenant's connection to one ATS. The context holds its credentials, so this record's
 * {@code toString} never prints it.
 *
 * @param environment the environment of the API token that created it; tokens of other
 *                    environments cannot see it
 */
public record IntegratedAccount(
        String id,
        String environment,
        String integration,
        String tenantId,
        AccountStatus status,
        Map<String, Object> context,
        Instant createdAt,
        Instant updatedAt) {

    public IntegratedAccount {
        context = Map.copyOf(context);
    }

    public IntegratedAccount withContext(Map<String, Object> newContext, Instant now) {
        return new IntegratedAccount(id, environment, integration, tenantId, AccountStatus.ACTIVE, newContext,
                createdAt, now);
    }

    public IntegratedAccount withStatus(AccountStatus newStatus, Instant now) {
        return new IntegratedAccount(id, environment, integration, tenantId, newStatus, context, createdAt, now);
    }

    @Override
    public String toString() {
        return "IntegratedAccount[id=" + id + ", environment=" + environment + ", integration=" + integration
                + ", tenantId=" + tenantId + ", status=" + status.wire()
                + ", context=<" + context.size() + " keys, not shown>]";
    }
}
