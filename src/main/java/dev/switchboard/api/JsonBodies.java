package dev.switchboard.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.switchboard.error.ApiException;
import dev.switchboard.mapping.Json;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Map;

/** Reads a request body that must be one JSON object. */
public final class JsonBodies {

    private JsonBodies() {
    }

    static Map<String, Object> object(Context ctx) {
        byte[] bytes;
        try {
            bytes = ctx.bodyAsBytes();
        } catch (Exception e) {
            // A body too slow or gone silent: answered here, where the JSON error shape applies,
            // before Javalin would answer its timeout with an empty text/plain page.
            if (ErrorResponses.jettyRefusal(e).isPresent()) {
                throw ApiException.of(ErrorResponses.jettyRefusal(e).get(),
                        "the request body did not arrive in time; send it at once");
            }
            throw e;
        }
        return object(bytes);
    }

    /** A body given some other way (the command line's {@code --body}), read with the same rules and words. */
    public static Map<String, Object> object(byte[] bytes) {
        if (bytes.length == 0) {
            throw ApiException.badRequest("the request body is empty; it must be a JSON object");
        }
        Object parsed;
        try {
            parsed = Json.parseRequest(bytes);
        } catch (StreamConstraintsException e) {
            String why = String.valueOf(e.getOriginalMessage());
            throw ApiException.badRequest(why.contains("Number") ? "a number in the request body is longer than "
                    + "JSON numbers may be here (1,000 digits)" : why.contains("String") ? "a string in the request "
                    + "body is too long" : "the request body nests deeper than " + Json.MAX_REQUEST_NESTING + " levels");
        } catch (JsonProcessingException e) {
            var where = e.getLocation();
            throw ApiException.badRequest("the request body is not valid JSON"
                    + (where == null ? "" : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")"));
        } catch (IOException e) {
            throw ApiException.badRequest("the request body could not be read");
        }
        if (Json.holdsNonFiniteNumber(parsed)) {
            // 1e309 parses as Infinity, which no provider should be sent as "Infinity".
            throw ApiException.badRequest("a number in the request body is out of range (it overflows a double)");
        }
        Map<String, Object> object = Json.asObject(parsed).orElseThrow(() ->
                ApiException.badRequest("the request body must be a JSON object"));
        StorableText.checkBody(object, "body");
        return object;
    }
}
