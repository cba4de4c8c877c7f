package org.vitrine.generator.cli;

import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import org.vitrine.api.ApiServer;
import org.vitrine.api.h5grove.CollectionResolver;
import org.vitrine.api.h5grove.DataRootResolver;
import org.vitrine.api.h5grove.FileResolver;
import org.vitrine.api.h5grove.H5groveOptions;
import org.vitrine.api.h5grove.H5groveRoutes;
import org.vitrine.api.preview.PrecomputedRoutes;
import org.vitrine.api.preview.PreviewFiles;
import org.vitrine.api.preview.TileRoutes;
import org.vitrine.api.search.SearchRoutes;
import org.vitrine.core.search.SearchIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code vitrine serve}: builds, then serves the site and the API on one port. */
@Command(name = "serve", description = "Build, then serve the site and the API (http://localhost:7070 by default).")
final class ServeCommand implements Callable<Integer> {

    @Mixin
    ContentOptions options;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "target/site", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--port", paramLabel = "N", defaultValue = "7070", description = "Port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--h5grove-root", paramLabel = "DIR",
            description = "Development: serve every HDF5 file under DIR by its relative path through /api/h5grove/, "
                    + "instead of the published datasets' files.")
    Path h5groveRoot;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException, java.io.IOException {
        Pipeline.Built built = Pipeline.build(options, out, spec.commandLine().getOut(), spec.commandLine().getErr());
        if (built == null) {
            return 1;
        }
        Path site = out.toAbsolutePath().normalize();
        FileResolver files = h5groveRoot != null
                ? new DataRootResolver(h5groveRoot.toAbsolutePath().normalize())
                : new CollectionResolver(built.collection(), built.dataRoot());
        H5groveOptions limits = H5groveOptions.defaults();
        H5groveRoutes h5grove = new H5groveRoutes(files, limits);
        // Tiles and volumes always serve the published datasets, through the same opened files and chunk cache.
        PreviewFiles previews = new PreviewFiles(built.collection(), new CollectionResolver(built.collection(), built.dataRoot()));
        TileRoutes tiles = new TileRoutes(previews, h5grove.hdf5(), limits);
        PrecomputedRoutes precomputed = new PrecomputedRoutes(previews, h5grove.hdf5(), limits);
        // Rebuilds (./vitrine build in another shell) are picked up without a restart.
        SearchIndex search = SearchIndex.open(built.searchIndex(), Duration.ofSeconds(2));
        Javalin app = ApiServer.create(List.of(h5grove, tiles, precomputed, new SearchRoutes(search)),
                config -> {
                    config.staticFiles.add(staticFiles -> {
                        staticFiles.hostedPath = "/";
                        staticFiles.directory = site.toString();
                        staticFiles.location = Location.EXTERNAL;
                    });
                    // Pages that do not exist get the site's own 404 page, as on GitHub Pages; the API keeps its JSON.
                    config.routes.error(404, "html", ctx -> {
                        Path page = site.resolve("404.html");
                        if (!ctx.path().startsWith("/api/") && Files.isRegularFile(page)) {
                            ctx.html(Files.readString(page, StandardCharsets.UTF_8));
                        }
                    });
                }).start(host, port);
        spec.commandLine().getOut().printf("Serving %s at http://%s:%d/ (Ctrl+C to stop)%n", site,
                host.equals("0.0.0.0") ? "localhost" : host, app.port());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            tiles.close();
            precomputed.close();
            h5grove.close();
            try {
                search.close();
            } catch (java.io.IOException e) {
                // Shutting down: nothing left to do with it.
            }
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }
}
