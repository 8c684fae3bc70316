package dev.switchboard.connect;

import dev.switchboard.error.ApiException;
import java.util.Optional;

/** A consent that came back refused or broken, with the link it belonged to where that is known. */
public final class ConnectFailed extends RuntimeException {

    private final transient ApiException error;
    private final transient Optional<LinkToken> link;

    public ConnectFailed(ApiException error, Optional<LinkToken> link) {
        super(error.getMessage(), null, false, false);
        this.error = error;
        this.link = link;
    }

    public ApiException error() {
        return error;
    }

    public Optional<LinkToken> link() {
        return link;
    }
}
