package org.vitrine.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * The one place where failures become responses: every error the API answers is JSON
 * {@code {"message": …}} with a fitting status, never an HTML page or a stack trace.
 */
final class ErrorMapper {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    private ErrorMapper() {
    }

    static void register(RoutesConfig routes) {
        routes.exception(ApiException.class, (e, ctx) -> answer(ctx, e.status(), e.getMessage()));
        routes.exception(HttpResponseException.class, (e, ctx) -> answer(ctx, e.getStatus(), e.getMessage()));
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("Unexpected failure for {}", ctx.fullUrl(), e);
            answer(ctx, 500, "Internal server error: " + e.getClass().getSimpleName());
        });
        routes.error(404, "*", ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                answer(ctx, 404, "Not found: " + ctx.path());
            }
        });
    }

    static void answer(Context ctx, int status, String message) {
        ctx.status(status).json(Map.of("message", message == null ? "" : message));
    }
}
