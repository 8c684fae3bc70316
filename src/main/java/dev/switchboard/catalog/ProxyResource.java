package dev.switchboard.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/**
 * A provider resource the proxy API can reach, named as Truto names it (Lever {@code notes}).
 * Only what the catalog lists can be called: no account becomes a general HTTP client.
 */
public record ProxyResource(
        @JsonProperty("list") ProxyEndpoint list,
        @JsonProperty("get") ProxyEndpoint get,
        @JsonProperty("create") ProxyEndpoint create,
        @JsonProperty("update") ProxyEndpoint update,
        @JsonProperty("delete") ProxyEndpoint delete) {

    public ProxyResource {
        if (list == null && get == null && create == null && update == null && delete == null) {
            throw new IllegalArgumentException("a proxy resource needs at least one of list, get, create, update, delete");
        }
        if (list != null && list.resultsField().isEmpty()) {
            throw new IllegalArgumentException("a proxy list needs 'results': the field that holds the items");
        }
        for (ProxyEndpoint byId : new ProxyEndpoint[] {get, update, delete}) {
            if (byId != null && !byId.path().contains("{id}")) {
                throw new IllegalArgumentException("get, update and delete paths take the item as {id}");
            }
        }
    }

    /** The endpoint of a proxy method: list, get, create, update or delete. */
    public Optional<ProxyEndpoint> method(String name) {
        return Optional.ofNullable(switch (name) {
            case "list" -> list;
            case "get" -> get;
            case "create" -> create;
            case "update" -> update;
            case "delete" -> delete;
            default -> null;
        });
    }
}
