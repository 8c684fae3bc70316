package dev.switchboard.accounts;

import dev.switchboard.catalog.IntegrationDefinition;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which hosts an account's {@code base_url} may point at: the integration's own, or one
 * the operator allowed. Anything else would let an API caller send the account's
 * credentials to a server of their choosing.
 */
public final class BaseUrlPolicy {

    /**
     * One {@code SWITCHBOARD_ALLOWED_HOSTS} entry, {@code [scheme://]host[:port]}: a bare host
     * allows https only, {@code http://host} allows plain http too, and no port means any port.
     */
    private record Allowed(boolean plainHttp, String host, int port) {

        static Allowed parse(String entry) {
            String text = entry.trim().toLowerCase(Locale.ROOT);
            boolean http = text.startsWith("http://");
            if (http || text.startsWith("https://")) {
                text = text.substring(text.indexOf("://") + 3);
            }
            if (text.endsWith("/")) {
                text = text.substring(0, text.length() - 1);
            }
            int colon = text.lastIndexOf(':');
            if (colon > 0 && text.indexOf(']') < colon && text.substring(colon + 1).matches("\\d{1,5}")) {
                return new Allowed(http, text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
            }
            return new Allowed(http, text, -1);
        }

        boolean admits(String scheme, String host, int port) {
            return this.host.equals(host) && (this.port < 0 || this.port == port)
                    && (scheme.equals("https") || plainHttp);
        }
    }

    private final List<Allowed> operatorHosts;

    public BaseUrlPolicy(Set<String> operatorHosts) {
        this.operatorHosts = operatorHosts.stream()
                .filter(entry -> !entry.isBlank())
                .map(Allowed::parse)
                .toList();
    }

    /** True when the operator's {@code SWITCHBOARD_ALLOWED_HOSTS} admits this scheme, host and port. */
    public boolean operatorAllows(String scheme, String host, int port) {
        String lowerHost = host.toLowerCase(Locale.ROOT);
        return operatorHosts.stream().anyMatch(allowed -> allowed.admits(scheme.toLowerCase(Locale.ROOT), lowerHost, port));
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
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        if (operatorHosts.stream().anyMatch(allowed -> allowed.admits(scheme, host, port))) {
            return Optional.empty();
        }
        if (IntegrationDefinition.hostMatches(hosts, host)) {
            // The provider's own hosts get the credentials only over TLS.
            return scheme.equals("https") ? Optional.empty() : Optional.of("must use https for " + host);
        }
        if (operatorHosts.stream().anyMatch(allowed -> allowed.host().equals(host))) {
            return Optional.of("'" + scheme + "://" + host + ":" + port + "' is not allowed by SWITCHBOARD_ALLOWED_HOSTS "
                    + "(an entry without http:// allows https only; one with a port allows that port only)");
        }
        return Optional.of("host '" + host + "' is not one of " + label
                + "'s hosts " + hosts + " nor in SWITCHBOARD_ALLOWED_HOSTS");
    }
}
