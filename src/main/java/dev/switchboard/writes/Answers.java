package dev.switchboard.writes;

import dev.switchboard.catalog.IntegrationDefinition;
import java.util.Locale;
import java.util.Set;

import dev.switchboard.accounts.ContextSecrets;
import dev.switchboard.error.ApiException;
import dev.switchboard.unified.UnifiedResult;
import dev.switchboard.mapping.Json;
import dev.switchboard.remote.RemoteRequest;
import java.util.LinkedHashMap;
import java.util.Map;

/** Answers the pipeline gives that are not the provider's: a dry run, and answers kept for replay. */
public final class Answers {

    private Answers() {
    }

    /** The provider request as it would be sent, credentials masked; nothing is sent or stored. */
    public static UnifiedResult dryRun(IntegrationDefinition integration, RemoteRequest remote, Map<String, String> headers) {
        var credentialHeaders = new java.util.HashSet<String>(Set.of("authorization"));
        integration.auth().stream().filter(rule -> rule.header() != null)
                .forEach(rule -> credentialHeaders.add(rule.header().toLowerCase(Locale.ROOT)));
        var shown = new LinkedHashMap<String, String>();
        remote.headers().forEach((name, value) -> shown.put(name, credentialHeaders.contains(name.toLowerCase(Locale.ROOT))
                ? value.substring(0, value.indexOf(' ') + 1) + ContextSecrets.MASK : value));
        var described = new LinkedHashMap<String, Object>();
        described.put("method", remote.method());
        described.put("url", remote.uri().toString());
        described.put("headers", shown);
        remote.body().flatMap(Json::tryParse).ifPresent(body -> described.put("body", body));
        var answer = new LinkedHashMap<String, Object>();
        answer.put("dry_run", true);
        answer.put("request", described);
        return new UnifiedResult.JsonBody(200, headers, answer);
    }

    public static StoredResponse stored(UnifiedResult result) {
        if (result instanceof UnifiedResult.JsonBody json) {
            return new StoredResponse(json.status(), "application/json", json.headers(), Json.write(json.body()));
        }
        if (result instanceof UnifiedResult.RawBody raw) {
            return new StoredResponse(raw.status(), raw.contentType(), raw.headers(), raw.body());
        }
        throw new IllegalStateException("a streamed answer is never stored");
    }

    public static StoredResponse stored(ApiException e) {
        return new StoredResponse(e.status(), "application/json", e.headers(), Json.write(e.body()));
    }
}
