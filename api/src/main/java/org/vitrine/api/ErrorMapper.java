package org.vitrine.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.vitrine.core.hdf5.Hdf5Exception;
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
        routes.exception(Hdf5Exception.class, (e, ctx) -> {
            int status = statusOf(e.kind());
            if (status >= 500) {
                LOG.warn("{} for {}: {}", status, ctx.fullUrl(), e.getMessage());
            }
            answer(ctx, status, e.getMessage());
        });
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

    /**
     * Missing things are 404; requests that do not fit the data, and file content that cannot
     * be read (truncated, corrupt, not HDF5), 422; compression, types or layouts this server
     * cannot decode 501, with a message that names them; bytes that could not be read at all
     * (a storage failure) 503. 500 is left for Vitrine's own bugs.
     */
    static int statusOf(Hdf5Exception.Kind kind) {
        return switch (kind) {
            case FILE_NOT_FOUND, PATH_NOT_FOUND, BROKEN_LINK -> 404;
            case BAD_SELECTION, WRONG_KIND, NOT_READABLE, CORRUPT_DATA -> 422;
            case UNSUPPORTED_FILTER, UNSUPPORTED_TYPE -> 501;
            case SOURCE_FAILED -> 503;
        };
    }

    static void answer(Context ctx, int status, String message) {
        ctx.status(status).json(Map.of("message", message == null ? "" : message));
    }
}
