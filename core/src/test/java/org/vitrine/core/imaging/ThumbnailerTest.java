package org.vitrine.core.imaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.vitrine.core.model.FileKind;
import org.vitrine.core.model.PreviewOptions;
import org.vitrine.core.testing.JhdfSource;
import org.vitrine.core.testing.RecordingSource;
import org.vitrine.core.testing.NeedsSharedData;

@NeedsSharedData
class ThumbnailerTest {

    private static final Path PETRA = JhdfSource.sharedData().resolve("cdtools/PETRAIII_P25_Near_Field_Ptycho.cxi");

    private static BufferedImage decode(Thumbnail t) throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(t.png()));
        assertEquals(t.width(), img.getWidth());
        assertEquals(t.height(), img.getHeight());
        return img;
    }

    /** NumPy-style percentile (linear interpolation) of the given values. */
    private static double percentile(double[] values, double pct) {
        double[] s = values.clone();
        Arrays.sort(s);
        double rank = pct / 100 * (s.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = Math.min(lo + 1, s.length - 1);
        return s[lo] + (s[hi] - s[lo]) * (rank - lo);
    }

    private static int level(double t) {
        return (int) Math.max(0, Math.min(255, Math.floor(256 * t)));
    }

    @Test
    void diffractionFrameIsLogScaledInfernoWithTheCxiMaskTransparent() throws IOException {
        try (JhdfSource jhdf = new JhdfSource(PETRA, "/entry_1/instrument_1/detector_1/data");
             JhdfSource maskSource = new JhdfSource(PETRA, "/entry_1/instrument_1/detector_1/mask")) {
            RecordingSource data = new RecordingSource(jhdf);
            Thumbnail t = Thumbnailer.render(FileKind.DIFFRACTION, data, maskSource, PreviewOptions.DEFAULT, Thumbnailer.SMALL);
            // 100 × 100 frames enlarged by the whole factor 2 to fit 256.
            assertEquals(200, t.width());
            assertEquals(200, t.height());
            assertEquals(1, data.reads().size(), "one hyperslab");
            assertArrayEquals(new long[] {100, 0, 0}, data.reads().get(0).offset(), "the middle frame");
            assertArrayEquals(new int[] {1, 100, 100}, data.reads().get(0).count());

            int[][] frame = ((int[][][]) jhdf.all())[100];
            long[][] mask = (long[][]) maskSource.all();
            double[] positive = Arrays.stream(frame).flatMapToInt(Arrays::stream).filter(v -> v > 0)
                    .asDoubleStream().toArray();
            // The expected window: from positive, unmasked pixels.
            double[] usable = new double[positive.length];
            int n = 0;
            for (int y = 0; y < 100; y++) {
                for (int x = 0; x < 100; x++) {
                    if (frame[y][x] > 0 && mask[y][x] == 0) {
                        usable[n++] = frame[y][x];
                    }
                }
            }
            usable = Arrays.copyOf(usable, n);
            double lo = Math.log10(percentile(usable, 0.5));
            double hi = Math.log10(percentile(usable, 99.5));

            BufferedImage img = decode(t);
            int masked = 0;
            for (int y = 0; y < 100; y++) {
                for (int x = 0; x < 100; x++) {
                    for (int[] d : new int[][] {{0, 0}, {1, 1}}) {
                        int argb = img.getRGB(2 * x + d[0], 2 * y + d[1]);
                        if (mask[y][x] != 0) {
                            assertEquals(0, argb >>> 24, "masked pixel " + x + "," + y + " is transparent");
                        } else {
                            int v = frame[y][x];
                            int expected = v > 0 ? level((Math.log10(v) - lo) / (hi - lo)) : 0;
                            assertEquals(0xff000000 | Colormap.INFERNO.rgb(expected), argb, "at " + x + "," + y);
                        }
                    }
                    masked += mask[y][x] != 0 ? 1 : 0;
                }
            }
            assertEquals(5, masked, "the file masks five pixels");
        }
    }

    @Test
    void previewOptionsChooseFrameColormapAndScale() throws IOException {
        try (JhdfSource jhdf = new JhdfSource(PETRA, "/entry_1/instrument_1/detector_1/data")) {
            RecordingSource data = new RecordingSource(jhdf);
            Thumbnail t = Thumbnailer.render(FileKind.DIFFRACTION, data, null,
                    new PreviewOptions(7, null, "gray", "linear"), 64);
            assertArrayEquals(new long[] {7, 0, 0}, data.reads().get(0).offset());
            assertEquals(64, t.width());
            BufferedImage img = decode(t);
            assertEquals(BufferedImage.TYPE_BYTE_GRAY, img.getType(), "gray without mask is a one-byte PNG");
            assertThrows(IllegalArgumentException.class, () -> Thumbnailer.render(FileKind.DIFFRACTION, jhdf, null,
                    new PreviewOptions(200, null, null, null), 64));
            assertThrows(IllegalArgumentException.class, () -> Thumbnailer.render(FileKind.DIFFRACTION, jhdf, null,
                    new PreviewOptions(null, null, "rainbow", null), 64));
        }
    }

    @Test
    void imageIsItselfFittedByAWholeFactor() throws IOException {
        try (JhdfSource minimal = new JhdfSource(JhdfSource.sharedData().resolve("cxidb-CXI/minimal.cxi"), "/entry_1/data_1/data")) {
            Thumbnail small = Thumbnailer.render(FileKind.IMAGE, minimal, null, null, Thumbnailer.SMALL);
            assertEquals(200, small.width());
            assertEquals(100, small.height());
            Thumbnail large = Thumbnailer.render(FileKind.IMAGE, minimal, null, null, Thumbnailer.LARGE);
            assertEquals(1000, large.width());
            assertEquals(500, large.height());
            decode(large);
        }
    }

    @Test
    void largeFramesAreReducedByAreaAveraging() throws IOException {
        float[] v = new float[600 * 1000];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i % 1000) < 502 ? 1 : 1000; // left half faint, right half bright
        }
        Thumbnail t = Thumbnailer.render(FileKind.IMAGE, ArraySource.of(v, 600, 1000), null, null, 256);
        assertEquals(256, t.width());
        assertEquals(154, t.height());
        BufferedImage img = decode(t);
        assertEquals(0, img.getRaster().getSample(10, 50, 0));
        assertEquals(255, img.getRaster().getSample(250, 50, 0));
        // Output column 128 covers input columns [500, 503.906): two faint, 1.906 bright.
        double mean = (2 * 1 + 1.90625 * 1000) / 3.90625;
        assertEquals(level((mean - 1) / 999), img.getRaster().getSample(128, 50, 0), "a blend, not a sample");
    }

    @Test
    void volumeShowsThreeCentralOrthoslicesSideBySide() throws IOException {
        int nz = 30, ny = 40, nx = 50;
        float[] v = new float[nz * ny * nx];
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    v[(z * ny + y) * nx + x] = x + 3 * y + 7 * z;
                }
            }
        }
        RecordingSource data = new RecordingSource(ArraySource.of(v, nz, ny, nx));
        Thumbnail t = Thumbnailer.render(FileKind.VOLUME, data, null, null, 256);
        List<RecordingSource.Read> reads = data.reads();
        assertEquals(3, reads.size());
        assertArrayEquals(new int[] {1, ny, nx}, reads.get(0).count());
        assertArrayEquals(new long[] {nz / 2, 0, 0}, reads.get(0).offset());
        assertArrayEquals(new int[] {nz, 1, nx}, reads.get(1).count());
        assertArrayEquals(new long[] {0, ny / 2, 0}, reads.get(1).offset());
        assertArrayEquals(new int[] {nz, ny, 1}, reads.get(2).count());
        assertArrayEquals(new long[] {0, 0, nx / 2}, reads.get(2).offset());

        // Panels at their own size (factor 1.77 rounds down to 1), 4-pixel gaps.
        assertEquals(50 + 4 + 50 + 4 + 40, t.width());
        assertEquals(40, t.height());

        // The window spans the three slices' values.
        double[] all = new double[ny * nx + nz * nx + nz * ny];
        int n = 0;
        for (int y = 0; y < ny; y++) for (int x = 0; x < nx; x++) all[n++] = x + 3 * y + 7 * (nz / 2);
        for (int z = 0; z < nz; z++) for (int x = 0; x < nx; x++) all[n++] = x + 3 * (ny / 2) + 7 * z;
        for (int z = 0; z < nz; z++) for (int y = 0; y < ny; y++) all[n++] = nx / 2 + 3 * y + 7 * z;
        double lo = percentile(all, 0.5);
        double hi = percentile(all, 99.5);

        BufferedImage img = decode(t);
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 50; x++) {
                double value = x + 3 * y + 7 * (nz / 2);
                assertEquals(level((value - lo) / (hi - lo)), img.getRGB(x, y) & 0xff, "xy at " + x + "," + y);
            }
        }
        for (int col = 50; col < 54; col++) {
            assertEquals(0, img.getRGB(col, 20) >>> 24, "gap is transparent");
        }
        // xz panel: 30 rows, centred in 40: rows 5..34.
        assertEquals(0, img.getRGB(54, 4) >>> 24);
        assertEquals(0, img.getRGB(54, 35) >>> 24);
        for (int z = 0; z < nz; z++) {
            for (int x = 0; x < nx; x++) {
                double value = x + 3 * (ny / 2) + 7 * z;
                assertEquals(level((value - lo) / (hi - lo)), img.getRGB(54 + x, 5 + z) & 0xff, "xz at " + x + "," + z);
            }
        }
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                double value = nx / 2 + 3 * y + 7 * z;
                assertEquals(level((value - lo) / (hi - lo)), img.getRGB(108 + y, 5 + z) & 0xff, "yz at " + y + "," + z);
            }
        }
    }

    @Test
    void colourImagesKeepTheirColours() throws IOException {
        int h = 20, w = 30;
        float[] rgb = new float[h * w * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                rgb[(y * w + x) * 3] = 8 * x;       // red grows to the right
                rgb[(y * w + x) * 3 + 1] = 12 * y;  // green grows downwards
                rgb[(y * w + x) * 3 + 2] = 77;
            }
        }
        Thumbnail t = Thumbnailer.render(FileKind.IMAGE, ArraySource.of(rgb, h, w, 3), null, null, 64);
        assertEquals(60, t.width());
        assertEquals(40, t.height());
        BufferedImage img = decode(t);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                assertEquals(8 * x << 16 | 12 * y << 8 | 77, img.getRGB(2 * x + 1, 2 * y + 1) & 0xffffff, "at " + x + "," + y);
            }
        }
        // Values beyond a byte are stretched: 0..6000 becomes 0..255 up to the percentile ends.
        float[] wide = new float[2 * 2 * 3];
        for (int i = 0; i < wide.length; i++) {
            wide[i] = i * 500;
        }
        BufferedImage stretched = decode(Thumbnailer.render(FileKind.IMAGE, ArraySource.of(wide, 2, 2, 3), null, null, 2));
        assertEquals(0, stretched.getRGB(0, 0) >> 16 & 0xff);
        assertEquals(255, stretched.getRGB(1, 1) & 0xff);
    }

    @Test
    void realStackAsAVolumeIsReadAsThreeSlicesAndRendersTheSameBytesTwice() throws IOException {
        try (JhdfSource jhdf = new JhdfSource(PETRA, "/entry_1/instrument_1/detector_1/data")) {
            RecordingSource data = new RecordingSource(jhdf);
            Thumbnail first = Thumbnailer.render(FileKind.VOLUME, data, null, PreviewOptions.DEFAULT, Thumbnailer.SMALL);
            assertEquals(3, data.reads().size());
            for (RecordingSource.Read r : data.reads()) {
                assertTrue(Arrays.stream(r.count()).anyMatch(c -> c == 1), "a slice, not a block");
            }
            // (200, 100, 100): widths 100 + 100 + 100 and 4-pixel gaps fit 256 at factor 248/300.
            assertEquals(Math.round(100 * 248 / 300.0) * 3 + 8, first.width());
            Thumbnail second = Thumbnailer.render(FileKind.VOLUME, jhdf, null, PreviewOptions.DEFAULT, Thumbnailer.SMALL);
            assertArrayEquals(first.png(), second.png());
        }
    }

    @Test
    void shapesThatDoNotSuitTheKindAreRefused() {
        ArraySource line = ArraySource.of(new float[10], 10);
        ArraySource cube = ArraySource.of(new float[8], 2, 2, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Thumbnailer.render(FileKind.VOLUME, ArraySource.of(new float[4], 2, 2), null, null, 64));
        assertTrue(e.getMessage().contains("needs a 3D dataset"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Thumbnailer.render(FileKind.IMAGE, cube, null, null, 64));
        assertThrows(IllegalArgumentException.class, () -> Thumbnailer.render(FileKind.DIFFRACTION, line, null, null, 64));
        assertThrows(IllegalArgumentException.class, () -> Thumbnailer.render(FileKind.NONE, cube, null, null, 64));
        assertThrows(IllegalArgumentException.class, () -> Thumbnailer.render(FileKind.DIFFRACTION, cube,
                ArraySource.of(new float[9], 3, 3), null, 64), "mask of another size");
    }
}
