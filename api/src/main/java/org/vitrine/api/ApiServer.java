package org.vitrine.api;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;

import java.util.List;
import java.util.function.Consumer;

/**
 * The Vitrine HTTP server: one Javalin app on which each protocol's routes class registers
 * itself. Thin handlers; the work happens in core.
 */
public final class ApiServer {

    /** A protocol's routes (search, h5grove, tiles, precomputed), mounted under {@code /api}. */
    public interface Routes {
        void register(JavalinConfig config);
    }

    private ApiServer() {
    }

    /**
     * Registers {@code handler} for GET and HEAD of {@code path}: the way every route is read.
     * Javalin answers a HEAD of a GET-only path with an empty 200 of its own, whatever the GET
     * would say; with the same handler, HEAD gets the GET's status and headers (Jetty sends no body).
     */
    public static void read(RoutesConfig routes, String path, Handler handler) {
        routes.get(path, handler);
        routes.head(path, handler);
    }

    /**
     * Creates the app, not yet started.
     *
     * @param routes the protocols to serve
     * @param extra  further configuration, such as serving a baked site as static files
     */
    public static Javalin create(List<? extends Routes> routes, Consumer<JavalinConfig> extra) {
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.generateEtags = true;
            ErrorMapper.register(config.routes);
            routes.forEach(r -> r.register(config));
            extra.accept(config);
        });
    }
}
