package org.vitrine.api;

import io.javalin.http.Context;
import io.javalin.http.Header;

import java.util.List;

/**
 * Cross-origin reads of the API by browsers on other origins: h5web or a Neuroglancer hosted
 * elsewhere, or a static site naming this API. One policy for every protocol.
 */
public final class Cors {

    private Cors() {
    }

    /**
     * Allows the request's origin when {@code origins} holds it or {@code *}; adds nothing
     * otherwise, so the browser refuses the answer.
     */
    public static void allow(Context ctx, List<String> origins) {
        String origin = ctx.header(Header.ORIGIN);
        if (origins.contains("*")) {
            ctx.header(Header.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        } else if (origin != null && origins.contains(origin)) {
            ctx.header(Header.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            ctx.header(Header.VARY, "Origin");
        } else {
            return;
        }
        ctx.header(Header.ACCESS_CONTROL_ALLOW_METHODS, "GET, HEAD, OPTIONS");
        ctx.header(Header.ACCESS_CONTROL_ALLOW_HEADERS, "If-None-Match, Content-Type, Range");
        ctx.header(Header.ACCESS_CONTROL_EXPOSE_HEADERS, "ETag, Content-Length, Content-Disposition");
    }
}
