package dev.switchboard.reads;

import dev.switchboard.accounts.BaseUrlPolicy;
import dev.switchboard.accounts.IntegratedAccount;
import dev.switchboard.catalog.IntegrationDefinition;
import java.net.URI;
import java.util.Locale;

/**
 * Where a file link may lead: under the account's own API (fetched with its credentials), or
 * to a storage host the integration's catalog names, over https (fetched without them). The
 * operator's {@code SWITCHBOARD_ALLOWED_HOSTS} admits a storage host too, as it does a base URL.
 */
public record FileHosts(BaseUrlPolicy operator) {

    boolean underApi(IntegrationDefinition integration, IntegratedAccount account, URI target) {
        URI base = URI.create(strip(integration.baseUrlFor(account.context())));
        return target.getHost() != null && target.getRawUserInfo() == null
                && base.getScheme().equalsIgnoreCase(String.valueOf(target.getScheme()))
                && base.getHost().equalsIgnoreCase(target.getHost()) && port(base) == port(target)
                && target.getRawPath() != null && (target.getRawPath() + "/").startsWith(base.getRawPath() + "/")
                && !target.normalize().getRawPath().contains("/../") && !target.getRawPath().contains("/../");
    }

    boolean storage(IntegrationDefinition integration, URI target) {
        if (target.getHost() == null || target.getRawUserInfo() != null || target.getScheme() == null) {
            return false;
        }
        String scheme = target.getScheme().toLowerCase(Locale.ROOT);
        String host = target.getHost().toLowerCase(Locale.ROOT);
        if (operator.operatorAllows(scheme, host, port(target))) {
            return true;
        }
        return scheme.equals("https") && IntegrationDefinition.hostMatches(integration.storageHosts(), host);
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
