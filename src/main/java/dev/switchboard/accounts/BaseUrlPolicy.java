package dev.switchboard.accounts;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which hosts an account's {@code base_url} may point at: the integration's own, or one
 * the operator allowed. Anything else would let an API caller send the account's
 * credentials to a server of their choosing.
 */
public final class BaseUrlPolicy {

    private final Set<String> operatorHosts;

    public BaseUrlPolicy(Set<String> operatorHosts) {
        this.operatorHosts = operatorHosts.stream()
                .map(host -> host.trim().toLowerCase(Locale.ROOT))
                .filter(host -> !host.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Why a URL is refused, or empty when it names one of the hosts (or an operator's) over https. */
    public Optional<String> refusal(String label, List<String> hosts, String baseUrl) {
        URI uri;
        try {
            uri = new URI(baseUrl);
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            return Optional.of("must be an absolute http(s) URL");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            return Optional.of("must not carry a query, fragment or user info");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (operatorHosts.contains(host)) {
            return Optional.empty();
        }
        if (hosts.contains(host)) {
            // The provider's own hosts get the credentials only over TLS.
            return scheme.equals("https") ? Optional.empty() : Optional.of("must use https for " + host);
        }
        return Optional.of("host '" + host + "' is not one of " + label
                + "'s hosts " + hosts + " nor in SWITCHBOARD_ALLOWED_HOSTS");
    }
}
