package dev.switchboard.unified;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A request body that passed validation for one integration.
 *
 * @param fields     the fields the integration takes, ready for the request mappings
 * @param remoteData the caller's {@code remote_data}, merged into the provider body as-is
 * @param ignored    fields the caller sent that this integration does not take
 */
public record ValidatedBody(Map<String, Object> fields, Optional<Map<String, Object>> remoteData,
        List<String> ignored) {
}
