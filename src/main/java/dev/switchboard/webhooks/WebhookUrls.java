package dev.switchboard.webhooks;

import dev.switchboard.accounts.BaseUrlPolicy;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Where webhooks may be sent. The rules that keep an account's {@code base_url} from
 * reaching inside the network hold here too: https only, and never an address on this
 * machine or a private network, unless the operator allowed the host in
 * {@code SWITCHBOARD_ALLOWED_HOSTS} (as for a receiver on an internal host, or in tests).
 * The address is checked again before each delivery, as DNS may have changed.
 */
public final class WebhookUrls {

    private final BaseUrlPolicy operator;

    public WebhookUrls(BaseUrlPolicy operator) {
        this.operator = operator;
    }

    /** Why the URL may not receive webhooks, or empty when it may. */
    public Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            return Optional.of("must be an absolute https URL");
        }
        if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            return Optional.of("must not carry user info or a fragment");
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        if (operator.operatorAllows(scheme, uri.getHost(), port)) {
            return Optional.empty();
        }
        if (!scheme.equals("https")) {
            return Optional.of("must use https (http only for a host in SWITCHBOARD_ALLOWED_HOSTS)");
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                if (internal(address)) {
                    return Optional.of("resolves to an address on this machine, a private network or another "
                            + "special-purpose range "
                            + "(allow the host in SWITCHBOARD_ALLOWED_HOSTS if that is intended)");
                }
            }
        } catch (UnknownHostException e) {
            return Optional.of("names a host that does not resolve");
        }
        return Optional.empty();
    }

    private static boolean internal(InetAddress address) {
        return address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress() || SpecialAddresses.contains(address);
    }
}
