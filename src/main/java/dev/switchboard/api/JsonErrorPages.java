package dev.switchboard.api;

import dev.switchboard.error.ApiException;
import dev.switchboard.mapping.Json;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own refusals, made before a request reaches Javalin (a malformed URI, a URI or
 * headers too long), in the contract's JSON error shape instead of Jetty's HTML page.
 * Nothing of the request is echoed back.
 */
final class JsonErrorPages extends ErrorHandler {

    private static final HttpField JSON = new HttpField(HttpHeader.CONTENT_TYPE, "application/json");

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) {
        response.getHeaders().put(JSON);
        response.write(true, ByteBuffer.wrap(body(code)), callback);
    }

    // Marked for removal in Jetty 12, yet still what Jetty calls for a request it cannot parse.
    @SuppressWarnings("removal")
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(JSON);
        return ByteBuffer.wrap(body(status));
    }

    /** The status's own words only: Jetty's reason can quote the offending request. */
    private static byte[] body(int status) {
        String reason = HttpStatus.getMessage(status);
        return Json.write(ApiException.of(status, reason == null ? "request refused" : reason).body());
    }
}
