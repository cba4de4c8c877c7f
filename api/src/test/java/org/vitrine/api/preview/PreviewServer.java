package org.vitrine.api.preview;

import io.javalin.Javalin;
import org.vitrine.api.ApiServer;
import org.vitrine.api.h5grove.CollectionResolver;
import org.vitrine.api.h5grove.H5groveOptions;
import org.vitrine.api.h5grove.H5groveRoutes;
import org.vitrine.core.hdf5.Hdf5Files;
import org.vitrine.core.model.Collection;
import org.vitrine.core.model.DataFile;
import org.vitrine.core.model.Dataset;
import org.vitrine.core.model.FileKind;
import org.vitrine.core.model.Parameter;
import org.vitrine.core.model.PreviewOptions;
import org.vitrine.core.model.Provenance;
import org.vitrine.core.model.Status;
import org.vitrine.core.model.Visibility;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The demo collection's data files behind tile, precomputed and h5grove routes sharing one
 * {@link Hdf5Files}, on a loopback port.
 */
final class PreviewServer implements AutoCloseable {

    static final LocalDate TODAY = LocalDate.of(2026, 6, 1);
    static final String STAR = "star/siemens-star-512.nxs";
    static final String PHANTOM = "phantom/shepp-logan-phantom-128.h5";
    static final String PTYCHO = "ptycho/PETRAIII_P25_Near_Field_Ptycho.cxi";

    final Hdf5Files hdf5 = new Hdf5Files(8, 64L << 20);
    final H5groveRoutes h5grove;
    final TileRoutes tiles;
    final PrecomputedRoutes precomputed;
    final Javalin app;
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    PreviewServer(H5groveOptions options) {
        this(options, dataRoot());
    }

    PreviewServer(H5groveOptions options, Path dataRoot) {
        Collection c = collection();
        CollectionResolver resolver = new CollectionResolver(c, dataRoot);
        PreviewFiles files = new PreviewFiles(c, resolver);
        h5grove = new H5groveRoutes(resolver, hdf5, options);
        tiles = new TileRoutes(files, hdf5, options);
        precomputed = new PrecomputedRoutes(files, hdf5, options);
        app = ApiServer.create(List.of(h5grove, tiles, precomputed), cfg -> { }).start("127.0.0.1", 0);
    }

    static Path dataRoot() {
        return Path.of(System.getProperty("vitrine.projectRoot")).resolve("content/data");
    }

    static Dataset dataset(String id, LocalDate released, List<Parameter> parameters, DataFile... files) {
        return new Dataset(id, "Title of " + id, null, List.of(), List.of(), "CC0-1.0", released, Status.PUBLISHED, null,
                "Facility", null, null, List.of(), parameters, List.of(files), Map.of(), false, "", Path.of(id + ".md"));
    }

    static Collection collection() {
        DataFile star = new DataFile("synthetic/siemens-star-512.nxs", null, "image", "/entry/data/image", FileKind.IMAGE,
                PreviewOptions.DEFAULT);
        DataFile phantom = new DataFile("synthetic/shepp-logan-phantom-128.h5", null, "volume", "/entry/data/data",
                FileKind.VOLUME, PreviewOptions.DEFAULT);
        DataFile ptycho = new DataFile("petra-p25/PETRAIII_P25_Near_Field_Ptycho.cxi", null, "frames", "/entry_1/data_1/data",
                FileKind.DIFFRACTION, new PreviewOptions(0, null, "inferno", "log"));
        DataFile raw = new DataFile("cxidb/minimal.cxi", null, "no preview", null, FileKind.NONE, PreviewOptions.DEFAULT);
        return new Collection(null, List.of(
                dataset("star", TODAY.minusDays(3), List.of(new Parameter("pixel_size", 0.5, "µm", Provenance.FILE)), star),
                dataset("phantom", TODAY.minusDays(3), List.of(new Parameter("voxel_size", 2.5, "µm", Provenance.CURATED)), phantom),
                dataset("ptycho", TODAY, List.of(), ptycho, raw),
                dataset("embargoed", TODAY.plusDays(1), List.of(), star)),
                List.of(), new Visibility(TODAY));
    }

    String url(String path) {
        return "http://127.0.0.1:" + app.port() + path;
    }

    HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(60));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Override
    public void close() {
        app.stop();
        tiles.close();
        precomputed.close();
        h5grove.close();
        hdf5.close();
    }
}
