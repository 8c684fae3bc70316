package dev.switchboard.tokens;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Decides which environment an API token speaks for: the bootstrap token from
 * {@code SWITCHBOARD_API_TOKEN} speaks for {@code default}; stored tokens for their own.
 */
public final class TokenAuthority {

    public static final String BOOTSTRAP_ENVIRONMENT = "default";

    private final Optional<byte[]> bootstrap;
    private final TokenStore tokens;
    private final java.util.Set<String> metricsEnvironments;

    public TokenAuthority(Optional<String> bootstrapToken, TokenStore tokens) {
        this(bootstrapToken, tokens, java.util.Set.of());
    }

    /**
     * @param metricsEnvironments environments whose tokens may read the metrics too
     *                            ({@code SWITCHBOARD_METRICS_ENVIRONMENTS}), for operators who
     *                            work with tokens from {@code tokens create}
     */
    public TokenAuthority(Optional<String> bootstrapToken, TokenStore tokens, java.util.Set<String> metricsEnvironments) {
        this.bootstrap = bootstrapToken.map(token -> token.getBytes(StandardCharsets.UTF_8));
        this.tokens = tokens;
        this.metricsEnvironments = java.util.Set.copyOf(metricsEnvironments);
    }

    /** The operator's token, or a token of an environment the operator named for metrics. */
    public boolean mayReadMetrics(String token) {
        return isOperator(token) || (!metricsEnvironments.isEmpty()
                && tokens.verify(token).map(ApiToken::environment).filter(metricsEnvironments::contains).isPresent());
    }

    /**
     * True for the operator's token, {@code SWITCHBOARD_API_TOKEN}: it alone sees what concerns
     * every environment, such as the metrics, which name every integration's traffic.
     */
    public boolean isOperator(String token) {
        return bootstrap.isPresent() && MessageDigest.isEqual(bootstrap.get(), token.getBytes(StandardCharsets.UTF_8));
    }

    /** The environment of a valid token; empty for an unknown or revoked one. */
    public Optional<String> environmentOf(String token) {
        // Constant time: the comparison must not tell how much of a guess was right.
        if (bootstrap.isPresent() && MessageDigest.isEqual(bootstrap.get(), token.getBytes(StandardCharsets.UTF_8))) {
            return Optional.of(BOOTSTRAP_ENVIRONMENT);
        }
        return tokens.verify(token).map(ApiToken::environment);
    }
}
