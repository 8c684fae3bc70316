package dev.switchboard.accounts;

import java.time.Instant;
import java.util.Map;

/**
 * One tenant's connection to one ATS. The context holds its credentials, so this record's
 * {@code toString} never prints it.
 */
public record IntegratedAccount(
        String id,
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
        return new IntegratedAccount(id, integration, tenantId, AccountStatus.ACTIVE, newContext, createdAt, now);
    }

    public IntegratedAccount withStatus(AccountStatus newStatus, Instant now) {
        return new IntegratedAccount(id, integration, tenantId, newStatus, context, createdAt, now);
    }

    @Override
    public String toString() {
        return "IntegratedAccount[id=" + id + ", integration=" + integration + ", tenantId=" + tenantId
                + ", status=" + status.wire() + ", context=<" + context.size() + " keys, not shown>]";
    }
}
