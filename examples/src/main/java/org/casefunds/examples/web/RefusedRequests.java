package org.casefunds.examples.web;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.casefunds.ledger.formats.Json;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The answer to a request the web server refuses before the dashboard reads it: a request line
 * longer than Jetty reads (a query string of many kilobytes), headers too large, a malformed
 * request. It is the dashboard's JSON error, as for every other refusal, instead of Jetty's own
 * HTML page; it names no exception and shows no stack trace.
 */
final class RefusedRequests extends ErrorHandler {
    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) throws IOException {
        String reason = HttpStatus.getMessage(code);
        byte[] body = code == HttpStatus.URI_TOO_LONG_414
                ? Json.MAPPER.writeValueAsBytes(Dashboard.errorBody(code, "QUERY_TOO_LONG", "query", null,
                        "the address is longer than the server reads; a query string has at most "
                                + Dashboard.QUERY_LENGTH_MAX + " characters"))
                : Json.MAPPER.writeValueAsBytes(Dashboard.errorBody(code,
                        reason.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]+", "_"), null, null,
                        "the request was refused before it was read (" + reason + ")"));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
