package org.vitrine.api.preview;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import org.vitrine.api.ApiException;
import org.vitrine.api.ApiServer;
import org.vitrine.api.h5grove.H5groveOptions;
import org.vitrine.core.hdf5.Hdf5Dataset;
import org.vitrine.core.hdf5.Hdf5File;
import org.vitrine.core.hdf5.Hdf5Files;
import org.vitrine.core.imaging.ColorMapper;
import org.vitrine.core.imaging.Colormap;
import org.vitrine.core.imaging.CxiMask;
import org.vitrine.core.imaging.DatasetSlices;
import org.vitrine.core.imaging.Plane;
import org.vitrine.core.imaging.Scale;
import org.vitrine.core.imaging.SliceSource;
import org.vitrine.core.imaging.TileReader;
import org.vitrine.core.imaging.Window;
import org.vitrine.core.model.FileKind;
import org.vitrine.core.model.PreviewOptions;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * 256² PNG map tiles of any plane of a previewable file:
 * {@code /api/tiles/<dataset-id>/<file>/<axis>/<index>/<level>/<row>/<col>.png?colormap=&scale=&min=&max=}
 * (see {@link TileReader} for axes, levels and the tile grid). Colormap and scale default to the
 * file's preview options, then to inferno/log for diffraction and gray/linear otherwise; without
 * {@code min} and {@code max} the window is the plane's 0.5–99.5 % percentiles, computed once per
 * plane and remembered, so neighbouring tiles share it. The CXI mask beside diffraction frames is
 * applied (masked pixels transparent).
 */
public final class TileRoutes implements ApiServer.Routes, AutoCloseable {

    /** Where the tiles are mounted. */
    public static final String PREFIX = "/api/tiles";
    /** Automatic windows remembered (one per plane, file version and scale). */
    private static final int WINDOWS = 4096;

    private final PreviewFiles files;
    private final Hdf5Files hdf5;
    private final Responder responder;
    private final Map<String, Window> windows = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
            return size() > WINDOWS;
        }
    };

    /**
     * @param files   the previewable files of the public datasets
     * @param hdf5    opened files and decoded chunks, shared with the other protocols
     * @param options CORS origins, timeout and cache header (those of the data API)
     */
    public TileRoutes(PreviewFiles files, Hdf5Files hdf5, H5groveOptions options) {
        this.files = files;
        this.hdf5 = hdf5;
        this.responder = new Responder(options, "tile-request");
    }

    @Override
    public void register(JavalinConfig config) {
        var routes = config.routes;
        routes.before(PREFIX + "/*", responder::cors);
        routes.options(PREFIX + "/*", ctx -> ctx.status(204));
        ApiServer.read(routes, PREFIX + "/{dataset}/{file}/{axis}/{index}/{level}/{row}/{tile}", this::tile);
    }

    private void tile(Context ctx) throws Exception {
        PreviewFiles.PreviewFile f = files.find(ctx.pathParam("dataset"), ctx.pathParam("file"));
        String tile = ctx.pathParam("tile");
        if (!tile.endsWith(".png")) {
            throw ApiException.notFound("Not found: " + ctx.path() + " (tiles end in .png)");
        }
        int axis = integer("axis", ctx.pathParam("axis"));
        long index = integer("index", ctx.pathParam("index"));
        int level = integer("level", ctx.pathParam("level"));
        int row = integer("row", ctx.pathParam("row"));
        int col = integer("col", tile.substring(0, tile.length() - 4));
        PreviewOptions preview = f.file().preview() == null ? PreviewOptions.DEFAULT : f.file().preview();
        boolean frames = f.file().kind() == FileKind.DIFFRACTION;
        Colormap colormap;
        Scale scale;
        try {
            colormap = Colormap.named(first(ctx.queryParam("colormap"), preview.colormap(), frames ? "inferno" : "gray"));
            scale = Scale.named(first(ctx.queryParam("scale"), preview.scale(), frames ? "log" : "linear"));
        } catch (IllegalArgumentException e) {
            throw ApiException.unprocessable(e.getMessage());
        }
        Double min = number("min", ctx.queryParam("min"));
        Double max = number("max", ctx.queryParam("max"));
        if ((min == null) != (max == null)) {
            throw ApiException.unprocessable("give both min and max, or neither for an automatic window");
        }
        responder.send(ctx, f.path(), () -> {
            try (Hdf5File h5 = hdf5.open(f.path())) {
                Hdf5Dataset d = h5.dataset(f.file().dataset());
                if (d.shape() == null || !d.isNumeric()) {
                    throw ApiException.unprocessable(f.file().dataset() + " in " + f.name() + " holds no numbers to draw");
                }
                SliceSource data = new DatasetSlices(d);
                SliceSource mask = frames ? CxiMask.beside(h5, f.file().dataset()) : null;
                Plane plane;
                Window window;
                try {
                    plane = TileReader.read(data, mask, axis, index, level, row, col);
                } catch (IllegalArgumentException e) {
                    throw ApiException.notFound("No tile " + axis + "/" + index + "/" + level + "/" + row + "/" + col
                            + " in " + f.name() + ": " + e.getMessage());
                }
                try {
                    window = min != null ? new Window(min, max) : autoWindow(f, data, mask, axis, index, scale);
                    return new Responder.Answer(new ColorMapper(colormap, scale, window).render(plane).toPng(), "image/png");
                } catch (IllegalArgumentException e) {
                    throw ApiException.unprocessable(e.getMessage());
                }
            }
        });
    }

    private Window autoWindow(PreviewFiles.PreviewFile f, SliceSource data, SliceSource mask, int axis, long index,
                              Scale scale) throws java.io.IOException {
        String key = f.path() + "|" + Files.size(f.path()) + "|" + Files.getLastModifiedTime(f.path()).toMillis()
                + "|" + axis + "|" + index + "|" + scale;
        synchronized (windows) {
            Window w = windows.get(key);
            if (w != null) {
                return w;
            }
        }
        Window w = TileReader.autoWindow(data, mask, axis, index, scale);
        synchronized (windows) {
            windows.put(key, w);
        }
        return w;
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    private static int integer(String name, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw ApiException.unprocessable(name + " must be a whole number, got '" + text + "'");
        }
    }

    private static Double number(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            double v = Double.parseDouble(text);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw ApiException.unprocessable(name + " must be a finite number, got '" + text + "'");
        }
    }

    @Override
    public void close() {
        responder.close();
    }
}
