package dev.switchboard.api;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** {@code /openapi.json} and {@code /docs}: the generated document and a page that reads it. */
final class DocsController {

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
