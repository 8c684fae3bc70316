package dev.switchboard.tokens;

/** A token just created: the only time its secret value exists outside the caller. */
public record IssuedToken(ApiToken token, String secret) {
    @Override
    public String toString() {
        return "IssuedToken[" + token + ", secret=<not shown>]";
    }
}
