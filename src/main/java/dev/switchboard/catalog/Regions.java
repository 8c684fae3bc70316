package dev.switchboard.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.util.Map;

/**
 * Base URLs chosen by a context value from a fixed list (Teamtailor's EU and North America
 * hosts). An account names its region, never a host.
 *
 * @param contextKey the context key holding the region
 * @param baseUrls   region → base URL (https)
 */
public record Regions(
        @JsonProperty("context_key") String contextKey,
        @JsonProperty("base_urls") Map<String, String> baseUrls) {

    public Regions {
        if (contextKey == null || baseUrls == null || baseUrls.isEmpty()) {
            throw new IllegalArgumentException("regions needs 'context_key' and 'base_urls'");
        }
        for (String url : baseUrls.values()) {
            URI uri = URI.create(url);
            if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("regions.base_urls must be https URLs, not '" + url + "'");
            }
        }
        baseUrls = Map.copyOf(baseUrls);
    }
}
