package dev.switchboard.api;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * {@code /openapi.json} and {@code /docs}: the generated document, and Swagger UI reading it,
 * its files served from the webjar at {@link #ASSETS}.
 */
final class DocsController {

    static final String ASSETS = "/docs/ui";

    /** Where the webjar keeps Swagger UI, under its version, read from the webjar itself. */
    static String swaggerUiDirectory() {
        try (InputStream in = DocsController.class.getResourceAsStream(
                "/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            var properties = new java.util.Properties();
            properties.load(in);
            return "/META-INF/resources/webjars/swagger-ui/" + properties.getProperty("version");
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the Swagger UI webjar is missing from the class path", e);
        }
    }

    private static final byte[] FAVICON = resource("/connect/favicon.svg");

    /** The pages' icon: browsers ask for /favicon.ico whatever the page names, so both paths serve it. */
    static void favicon(Context ctx) {
        ctx.contentType("image/svg+xml").header("Cache-Control", "public, max-age=86400").result(FAVICON);
    }

    private static byte[] resource(String path) {
        try (InputStream in = DocsController.class.getResourceAsStream(path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] document;
    private final byte[] page;

    DocsController(byte[] document) {
        this.document = document;
        this.page = resource("/docs/index.html");
    }

    void openApi(Context ctx) {
        ctx.contentType("application/json").result(document);
    }

    /**
     * The page under a policy that runs only this server's scripts and its own inline one (by
     * nonce), loads nothing from elsewhere, and may not be framed by another site.
     */
    void page(Context ctx) {
        byte[] nonceBytes = new byte[18];
        RANDOM.nextBytes(nonceBytes);
        String nonce = Base64.getEncoder().encodeToString(nonceBytes);
        ctx.header("Content-Security-Policy", "default-src 'none'; script-src 'self' 'nonce-" + nonce + "'; "
                // Swagger UI sets style attributes as it renders.
                + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
                + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
        ctx.contentType("text/html; charset=utf-8")
                .result(new String(page, StandardCharsets.UTF_8).replace("{{nonce}}", nonce));
    }
}
