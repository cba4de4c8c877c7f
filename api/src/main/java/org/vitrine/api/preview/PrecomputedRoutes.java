package org.vitrine.api.preview;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import org.vitrine.api.ApiException;
import org.vitrine.api.ApiServer;
import org.vitrine.api.h5grove.H5groveOptions;
import org.vitrine.core.hdf5.Hdf5Dataset;
import org.vitrine.core.hdf5.Hdf5File;
import org.vitrine.core.hdf5.Hdf5Files;
import org.vitrine.core.imaging.CxiMask;
import org.vitrine.core.imaging.DatasetSlices;
import org.vitrine.core.imaging.SliceSource;
import org.vitrine.core.model.FileKind;
import org.vitrine.core.volume.ChunkBox;
import org.vitrine.core.volume.ChunkMaker;
import org.vitrine.core.volume.PrecomputedVolume;
import org.vitrine.core.volume.PreviewVolumes;

/**
 * Neuroglancer precomputed volumes of the previewable files, computed on demand from the HDF5
 * through the shared chunk cache: {@code /api/precomputed/<dataset-id>/<file>/info} and chunks
 * at {@code /api/precomputed/<dataset-id>/<file>/<key>/<x0>-<x1>_<y0>-<y1>_<z0>-<z1>}. The bytes are
 * those the static bake writes ({@link ChunkMaker} is shared), so a viewer may switch between the
 * two. Any origin may read them by default, so a Neuroglancer hosted elsewhere can load a volume.
 */
public final class PrecomputedRoutes implements ApiServer.Routes, AutoCloseable {

    /** Where the volumes are mounted. */
    public static final String PREFIX = "/api/precomputed";

    private final PreviewFiles files;
    private final Hdf5Files hdf5;
    private final Responder responder;

    /**
     * @param files   the previewable files of the public datasets
     * @param hdf5    opened files and decoded chunks, shared with the other protocols
     * @param options limits, CORS origins, timeout and cache header (those of the data API)
     */
    public PrecomputedRoutes(PreviewFiles files, Hdf5Files hdf5, H5groveOptions options) {
        this.files = files;
        this.hdf5 = hdf5;
        this.responder = new Responder(options, "precomputed-request");
    }

    @Override
    public void register(JavalinConfig config) {
        var routes = config.routes;
        routes.before(PREFIX + "/*", responder::cors);
        routes.options(PREFIX + "/*", ctx -> ctx.status(204));
        ApiServer.read(routes, PREFIX + "/{dataset}/{file}/info", this::info);
        ApiServer.read(routes, PREFIX + "/{dataset}/{file}/mask", this::mask);
        ApiServer.read(routes, PREFIX + "/{dataset}/{file}/{scale}/{chunk}", this::chunk);
    }

    private void info(Context ctx) throws Exception {
        PreviewFiles.PreviewFile f = files.find(ctx.pathParam("dataset"), ctx.pathParam("file"));
        responder.send(ctx, f.path(), () -> {
            try (Hdf5File h5 = hdf5.open(f.path())) {
                return new Responder.Answer(volume(f, h5.dataset(f.file().dataset())).info(), "application/json");
            }
        });
    }

    /**
     * The CXI detector mask of diffraction frames, one byte a full-resolution pixel (1 = bad), for
     * the viewers' overlay; not part of the precomputed format, which Neuroglancer ignores. Frames
     * without a mask have an empty one, so a viewer can ask without knowing.
     */
    private void mask(Context ctx) throws Exception {
        PreviewFiles.PreviewFile f = files.find(ctx.pathParam("dataset"), ctx.pathParam("file"));
        responder.send(ctx, f.path(), () -> {
            try (Hdf5File h5 = hdf5.open(f.path())) {
                if (f.file().kind() != FileKind.DIFFRACTION) {
                    throw ApiException.notFound("Only diffraction frames have a detector mask; " + f.name() + " holds a "
                            + f.file().kind().name().toLowerCase(java.util.Locale.ROOT));
                }
                SliceSource mask = CxiMask.beside(h5, f.file().dataset());
                if (mask == null) {
                    return new Responder.Answer(new byte[0], "application/octet-stream");
                }
                long[] shape = mask.shape();
                responder.checkSize(shape[shape.length - 1] * shape[shape.length - 2], "The mask of " + f.name());
                return new Responder.Answer(CxiMask.detectorPlane(mask), "application/octet-stream");
            }
        });
    }

    private void chunk(Context ctx) throws Exception {
        PreviewFiles.PreviewFile f = files.find(ctx.pathParam("dataset"), ctx.pathParam("file"));
        String key = ctx.pathParam("scale");
        String name = ctx.pathParam("chunk");
        responder.send(ctx, f.path(), () -> {
            try (Hdf5File h5 = hdf5.open(f.path())) {
                Hdf5Dataset data = h5.dataset(f.file().dataset());
                PrecomputedVolume volume = volume(f, data);
                ChunkBox box = volume.chunk(key, name).orElseThrow(() -> ApiException.notFound(
                        "No chunk " + key + "/" + name + " in the precomputed volume of " + f.name()));
                responder.checkSize(box.voxels() * volume.dataType().bytes(), "The chunk " + box.path() + " of " + f.name());
                return new Responder.Answer(ChunkMaker.encode(new DatasetSlices(data), volume, box), "application/octet-stream");
            }
        });
    }

    private static PrecomputedVolume volume(PreviewFiles.PreviewFile f, Hdf5Dataset data) {
        if (data.shape() == null || !data.isNumeric()) {
            throw ApiException.unprocessable(f.file().dataset() + " in " + f.name() + " holds no numbers to show as a volume");
        }
        try {
            return PreviewVolumes.of(f.dataset(), f.file(), data.shape(), data.dtype());
        } catch (IllegalArgumentException e) {
            throw ApiException.unprocessable(f.name() + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        responder.close();
    }
}
