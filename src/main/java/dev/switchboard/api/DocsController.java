package dev.switchboard.api;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

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

    private final byte[] document;
    private final byte[] page;

    DocsController(byte[] document) {
        this.document = document;
        try (InputStream in = DocsController.class.getResourceAsStream("/docs/index.html")) {
            this.page = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void openApi(Context ctx) {
        ctx.contentType("application/json").result(document);
    }

    void page(Context ctx) {
        ctx.contentType("text/html; charset=utf-8").result(page);
    }
}
