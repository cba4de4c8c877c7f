package org.vitrine.generator.cli;

import io.javalin.Javalin;
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
import org.vitrine.api.search.SearchIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code vitrine serve}: builds, then serves the site and the API on one port. */
@Command(name = "serve", description = "Build, then serve the site and the API (http://localhost:7070 by default), "
        + "baking again when the content changes.")
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

    @Option(names = "--watch", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Bake again when content, templates or assets change (default: on; --no-watch to serve as built).")
    boolean watch;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter stdout = spec.commandLine().getOut();
        Running running = start(options, out, host, port, h5groveRoot, watch, stdout, spec.commandLine().getErr());
        if (running == null) {
            return 1;
        }
        stdout.printf("Serving %s at http://%s:%d/ (Ctrl+C to stop)%n", out.toAbsolutePath().normalize(),
                host.equals("0.0.0.0") ? "localhost" : host, running.port());
        stdout.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }

    /**
     * Builds, then serves the site and the API; with {@code watch}, bakes again whenever the
     * content, templates or assets change and serves the new build (a build with errors prints
     * them and leaves the last good one served). Returns null, having printed why, when the first
     * build fails.
     */
    static Running start(ContentOptions options, Path out, String host, int port, Path h5groveRoot, boolean watch,
                         PrintWriter stdout, PrintWriter err) {
        checkFree(host, port);
        Pipeline.Built built = Pipeline.build(options, out, true, stdout, err, (collection, dataRoot) -> { });
        if (built == null) {
            return null;
        }
        Path site = out.toAbsolutePath().normalize();
        CollectionResolver published = new CollectionResolver(built.collection(), built.dataRoot());
        FileResolver files = h5groveRoot != null ? new DataRootResolver(h5groveRoot.toAbsolutePath().normalize()) : published;
        H5groveOptions limits = H5groveOptions.defaults();
        H5groveRoutes h5grove = new H5groveRoutes(files, limits);
        // Tiles and volumes always serve the published datasets, through the same opened files and chunk cache.
        PreviewFiles previews = new PreviewFiles(built.collection(), published);
        TileRoutes tiles = new TileRoutes(previews, h5grove.hdf5(), limits);
        PrecomputedRoutes precomputed = new PrecomputedRoutes(previews, h5grove.hdf5(), limits);
        // The watcher's bakes bring the index up to date and swap it in, without a restart.
        SearchIndex search;
        try {
            search = SearchIndex.open(built.searchIndex());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot open the search index " + built.searchIndex(), e);
        }
        Javalin app = ApiServer.create(List.of(h5grove, tiles, precomputed, new SearchRoutes(search)),
                config -> SiteFiles.serve(config, site)).start(host, port);
        SourceWatcher watcher = null;
        Thread rebuilds = null;
        if (watch) {
            SourceWatcher w = new SourceWatcher(List.of(options.content, options.templates(), options.assets()));
            watcher = w;
            rebuilds = new Thread(() -> {
                try {
                    while (w.awaitChange()) {
                        Pipeline.Built next;
                        try {
                            next = Pipeline.build(options, out, true, stdout, err, (collection, dataRoot) -> {
                                published.update(collection, dataRoot);
                                previews.update(collection);
                            });
                        } catch (RuntimeException e) {
                            err.println("vitrine: " + e.getMessage());
                            next = null;
                        }
                        if (next == null) {
                            err.println("Still serving the last good build.");
                            err.flush();
                        } else {
                            swapIn(search, err);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "vitrine-rebuild");
            rebuilds.setDaemon(true);
            rebuilds.start();
        }
        return new Running(app, watcher, rebuilds, List.of(tiles, precomputed, h5grove, search));
    }

    /** Searches the index the last bake updated from now on; a damaged one leaves the previous one searched. */
    private static void swapIn(SearchIndex search, PrintWriter err) {
        try {
            search.refresh();
        } catch (java.io.IOException | RuntimeException e) {
            err.println("vitrine: the rebuilt search index cannot be opened, still searching the previous one: " + e.getMessage());
            err.flush();
        }
    }

    /**
     * Fails at once when something already listens on {@code port}, rather than after a bake that
     * can take a minute on a large collection. (Port 0 asks for any free port.)
     */
    private static void checkFree(String host, int port) {
        if (port == 0) {
            return;
        }
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.setReuseAddress(true); // as the server binds: a closed connection's port is free
            probe.bind(new java.net.InetSocketAddress(java.net.InetAddress.getByName(host), port));
        } catch (java.net.BindException e) {
            throw new IllegalStateException("port " + port + " on " + host + " is in use: stop what listens there, or choose "
                    + "another with --port (" + e.getMessage() + ")");
        } catch (java.io.IOException e) {
            // Such as a --host that names no address of this machine.
            throw new IllegalStateException("cannot listen on " + host + " port " + port + ": " + e.getMessage());
        }
    }

    /** A running server: its port, and how to stop it. */
    static final class Running implements AutoCloseable {
        private final Javalin app;
        private final SourceWatcher watcher;
        private final Thread rebuilds;
        private final List<AutoCloseable> parts;

        private Running(Javalin app, SourceWatcher watcher, Thread rebuilds, List<AutoCloseable> parts) {
            this.app = app;
            this.watcher = watcher;
            this.rebuilds = rebuilds;
            this.parts = parts;
        }

        int port() {
            return app.port();
        }

        @Override
        public void close() {
            if (watcher != null) {
                watcher.close();
                rebuilds.interrupt();
            }
            app.stop();
            for (AutoCloseable part : parts) {
                try {
                    part.close();
                } catch (Exception e) {
                    // Shutting down: nothing left to do with it.
                }
            }
        }
    }
}
