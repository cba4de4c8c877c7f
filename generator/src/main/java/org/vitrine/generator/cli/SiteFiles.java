package org.vitrine.generator.cli;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Header;
import io.javalin.http.staticfiles.Location;
import org.vitrine.core.model.DataFile;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * How {@code vitrine serve} serves the baked site: as GitHub Pages does (the site's own 404 page
 * for a missing page), with HDF5 files typed as such, and readable by pages of other origins, so
 * that a viewer hosted elsewhere (Neuroglancer's "Open in Neuroglancer" link) can load the baked
 * preview volumes.
 */
final class SiteFiles {

    private SiteFiles() {
    }

    /** Serves {@code site} at the root of the app configured by {@code config}. */
    static void serve(JavalinConfig config, Path site) {
        config.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = site.toString();
            files.location = Location.EXTERNAL;
            // Everything here is published anyway: any page may read it.
            files.headers = Map.of(Header.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
            files.mimeTypes.add(DataFile.HDF5_MEDIA_TYPE, DataFile.hdf5Endings().toArray(String[]::new));
        });
        // Pages that do not exist get the site's own 404 page, as on GitHub Pages; the API keeps its JSON.
        config.routes.error(404, "html", ctx -> {
            Path page = site.resolve("404.html");
            if (!ctx.path().startsWith("/api/") && Files.isRegularFile(page)) {
                ctx.html(Files.readString(page, StandardCharsets.UTF_8));
            }
        });
    }
}
