package org.vitrine.api.preview;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vitrine.api.h5grove.H5groveOptions;
import org.vitrine.core.imaging.Colormap;
import org.vitrine.core.testing.JhdfSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PNG tiles over HTTP, decoded and compared with the values jHDF reads. */
class TileRoutesTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static PreviewServer server;

    @BeforeAll
    static void start() {
        server = new PreviewServer(H5groveOptions.defaults());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static BufferedImage png(HttpResponse<byte[]> r) throws Exception {
        assertEquals(200, r.statusCode(), new String(r.body()));
        assertEquals("image/png", r.headers().firstValue("Content-Type").orElse(""));
        return ImageIO.read(new ByteArrayInputStream(r.body()));
    }

    @Test
    void aGrayTileWithAGivenWindowShowsEachValueAtItsLevel() throws Exception {
        try (JhdfSource star = new JhdfSource(PreviewServer.dataRoot().resolve("synthetic/siemens-star-512.nxs"), "/entry/data/image")) {
            float[] v = star.read(new long[] {0, 256}, new int[] {256, 256});
            double lo = Double.MAX_VALUE;
            double hi = -Double.MAX_VALUE;
            for (float f : v) {
                lo = Math.min(lo, f);
                hi = Math.max(hi, f);
            }
            BufferedImage tile = png(server.get("/api/tiles/star/siemens-star-512.nxs/0/0/0/0/1.png?colormap=gray&scale=linear&min="
                    + lo + "&max=" + hi));
            assertEquals(256, tile.getWidth());
            assertEquals(256, tile.getHeight());
            Set<Integer> seen = new HashSet<>();
            for (int y = 0; y < 256; y += 7) {
                for (int x = 0; x < 256; x += 5) {
                    double t = (v[y * 256 + x] - lo) / (hi - lo);
                    int level = t <= 0 ? 0 : (int) Math.min(255, Math.floor(t * 256));
                    assertEquals(Colormap.GRAY.rgb(level), rgb(tile, x, y), "pixel " + x + "," + y);
                    seen.add(level);
                }
            }
            assertTrue(seen.size() > 2, "the star shows contrast: " + seen);
        }
    }

    /** The pixel's stored colour: gray PNGs are read without ImageIO's gray-to-sRGB conversion. */
    static int rgb(BufferedImage image, int x, int y) {
        if (image.getRaster().getNumBands() <= 2 && image.getColorModel().getNumColorComponents() == 1) {
            int g = image.getRaster().getSample(x, y, 0);
            return g << 16 | g << 8 | g;
        }
        return image.getRGB(x, y) & 0xffffff;
    }

    @Test
    void levelsHalveTheTileGridAndTheDefaultWindowUsesTheWholeColormap() throws Exception {
        BufferedImage overview = png(server.get("/api/tiles/star/siemens-star-512.nxs/0/0/1/0/0.png"));
        assertEquals(256, overview.getWidth());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < 256; y += 3) {
            for (int x = 0; x < 256; x += 3) {
                colours.add(overview.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 20, "an auto-windowed overview has many levels: " + colours.size());
        assertEquals(404, server.get("/api/tiles/star/siemens-star-512.nxs/0/0/1/0/1.png").statusCode());
    }

    @Test
    void volumeTilesCutAnyAxisAndFramesTakeTheirPreviewColormap() throws Exception {
        for (int axis = 0; axis < 3; axis++) {
            BufferedImage t = png(server.get("/api/tiles/phantom/shepp-logan-phantom-128.h5/" + axis + "/64/0/0/0.png"));
            assertEquals(128, t.getWidth());
            assertEquals(128, t.getHeight());
        }
        HttpResponse<byte[]> r = server.get("/api/tiles/ptycho/PETRAIII_P25_Near_Field_Ptycho.cxi/0/3/0/0/0.png");
        BufferedImage frame = png(r);
        assertTrue(frame.getWidth() > 0);
        assertTrue(r.headers().firstValue("ETag").isPresent());
        assertEquals("*", r.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        String etag = r.headers().firstValue("ETag").get();
        assertEquals(304, server.get("/api/tiles/ptycho/PETRAIII_P25_Near_Field_Ptycho.cxi/0/3/0/0/0.png", "If-None-Match", etag).statusCode());
    }

    @Test
    void badRequestsAreJsonErrors() throws Exception {
        record Case(String path, int status) {
        }
        for (Case c : List.of(
                new Case("/api/tiles/star/siemens-star-512.nxs/0/0/0/0/0.png?colormap=rainbow", 422),
                new Case("/api/tiles/star/siemens-star-512.nxs/0/0/0/0/0.png?scale=cubic", 422),
                new Case("/api/tiles/star/siemens-star-512.nxs/0/0/0/0/0.png?scale=log&min=0&max=1", 422),
                new Case("/api/tiles/star/siemens-star-512.nxs/0/0/0/0/0.png?min=1", 422),
                new Case("/api/tiles/star/siemens-star-512.nxs/0/0/0/0/x.png", 422),
                new Case("/api/tiles/star/siemens-star-512.nxs/0/0/0/0/0.jpg", 404),
                new Case("/api/tiles/star/siemens-star-512.nxs/1/0/0/0/0.png", 404),
                new Case("/api/tiles/star/siemens-star-512.nxs/0/1/0/0/0.png", 404),
                new Case("/api/tiles/star/siemens-star-512.nxs/0/0/5/0/0.png", 404),
                new Case("/api/tiles/embargoed/siemens-star-512.nxs/0/0/0/0/0.png", 404),
                new Case("/api/tiles/..%2Fsynthetic/siemens-star-512.nxs/0/0/0/0/0.png", 404),
                new Case("/api/tiles/star/..%2Fsiemens-star-512.nxs/0/0/0/0/0.png", 404))) {
            HttpResponse<byte[]> r = server.get(c.path());
            assertEquals(c.status(), r.statusCode(), c.path() + ": " + new String(r.body()));
            assertTrue(JSON.readTree(r.body()).hasNonNull("message"), c.path());
        }
    }
}
