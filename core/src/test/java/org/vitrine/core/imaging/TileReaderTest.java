package org.vitrine.core.imaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vitrine.core.testing.RecordingSource;

class TileReaderTest {

    private static final int NZ = 3;
    private static final int NY = 601;
    private static final int NX = 701;
    private final float[] values = random(NZ * NY * NX, 4);
    private final ArraySource source = ArraySource.of(values, NZ, NY, NX);

    private static float[] random(int n, long seed) {
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextInt(10000);
        }
        return v;
    }

    private float at(int z, int y, int x) {
        return values[(z * NY + y) * NX + x];
    }

    /** The plain mean of the in-range pixels of block (bx, by) of size f in plane z. */
    private double blockMean(int z, int f, int bx, int by) {
        double sum = 0;
        int n = 0;
        for (int y = by * f; y < Math.min((by + 1) * f, NY); y++) {
            for (int x = bx * f; x < Math.min((bx + 1) * f, NX); x++) {
                sum += at(z, y, x);
                n++;
            }
        }
        return sum / n;
    }

    @Test
    void levelsAndGridsCoverThePlane() {
        long[] shape = source.shape();
        assertArrayEquals(new int[] {NX, NY}, TileReader.planeSize(shape, 0));
        assertArrayEquals(new int[] {NX, NZ}, TileReader.planeSize(shape, 1));
        assertArrayEquals(new int[] {NY, NZ}, TileReader.planeSize(shape, 2));
        assertEquals(2, TileReader.maxLevel(shape, 0));
        assertArrayEquals(new int[] {3, 3}, TileReader.grid(shape, 0, 0));
        assertArrayEquals(new int[] {2, 2}, TileReader.grid(shape, 0, 1));
        assertArrayEquals(new int[] {1, 1}, TileReader.grid(shape, 0, 2));
        assertEquals(0, TileReader.maxLevel(new long[] {256, 100}, 0));
    }

    @Test
    void fullResolutionTilesHoldTheSourceValuesAndEdgesAreTruncated() throws IOException {
        Plane corner = TileReader.read(source, null, 0, 1, 0, 2, 2);
        assertEquals(NX - 512, corner.width());
        assertEquals(NY - 512, corner.height());
        for (int y = 0; y < corner.height(); y++) {
            for (int x = 0; x < corner.width(); x++) {
                assertEquals(at(1, 512 + y, 512 + x), corner.value(x, y));
            }
        }
        Plane inner = TileReader.read(source, null, 0, 2, 0, 1, 0);
        assertEquals(256, inner.width());
        assertEquals(at(2, 256 + 17, 9), inner.value(9, 17));
    }

    @Test
    void coarserLevelsAverageBlocksIncludingPartialEdgeBlocks() throws IOException {
        for (int level = 1; level <= 2; level++) {
            int f = 1 << level;
            int[] grid = TileReader.grid(source.shape(), 0, level);
            for (int row = 0; row < grid[1]; row++) {
                for (int col = 0; col < grid[0]; col++) {
                    Plane t = TileReader.read(source, null, 0, 0, level, row, col);
                    for (int y = 0; y < t.height(); y++) {
                        for (int x = 0; x < t.width(); x++) {
                            assertEquals(blockMean(0, f, col * 256 + x, row * 256 + y), t.value(x, y), 1e-3,
                                    "level " + level + " tile " + row + "/" + col + " at " + x + "," + y);
                        }
                    }
                }
            }
        }
    }

    @Test
    void otherAxesGiveXzAndYzPlanes() throws IOException {
        Plane xz = TileReader.read(source, null, 1, 300, 0, 0, 2);
        assertEquals(NX - 512, xz.width());
        assertEquals(NZ, xz.height());
        assertEquals(at(2, 300, 512 + 40), xz.value(40, 2));
        Plane yz = TileReader.read(source, null, 2, 5, 0, 0, 2);
        assertEquals(NY - 512, yz.width());
        assertEquals(at(1, 512 + 33, 5), yz.value(33, 1));
    }

    @Test
    void frameMaskAndFullMaskLeavePixelsOut() throws IOException {
        float[] frameMask = new float[NY * NX];
        frameMask[0] = 1;           // pixel (0, 0)
        frameMask[NX + 1] = 64;     // pixel (1, 1)
        ArraySource mask2d = ArraySource.of(frameMask, NY, NX);
        Plane full = TileReader.read(source, mask2d, 0, 1, 0, 0, 0);
        assertTrue(full.isInvalid(0));
        assertTrue(full.isInvalid(256 + 1));
        assertEquals(at(1, 0, 1), full.value(1, 0));
        Plane half = TileReader.read(source, mask2d, 0, 1, 1, 0, 0);
        assertEquals((at(1, 0, 1) + at(1, 1, 0)) / 2.0, half.value(0, 0), 1e-3);

        float[] volumeMask = new float[values.length];
        volumeMask[(2 * NY + 300) * NX + 40] = 1;
        Plane xz = TileReader.read(source, ArraySource.of(volumeMask, NZ, NY, NX), 1, 300, 0, 0, 0);
        assertTrue(xz.isInvalid(2 * xz.width() + 40));
        assertThrows(IllegalArgumentException.class,
                () -> TileReader.read(source, ArraySource.of(new float[4], 2, 2), 0, 0, 0, 0, 0));
    }

    @Test
    void coarseTilesOfLargePlanesAreReadInBoundedBands() throws IOException {
        RecordingSource big = new RecordingSource(ArraySource.of(random(3000 * 3000, 5), 1, 3000, 3000));
        assertEquals(4, TileReader.maxLevel(big.shape(), 0));
        Plane t = TileReader.read(big, null, 0, 0, 4, 0, 0);
        assertEquals(188, t.width());
        assertTrue(big.reads().size() > 1);
        long total = 0;
        for (RecordingSource.Read r : big.reads()) {
            assertTrue(r.elements() <= TileReader.MAX_READ);
            total += r.elements();
        }
        assertEquals(3000L * 3000, total);
    }

    @Test
    void outOfRangeRequestsSayWhatIsWrong() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TileReader.read(source, null, 0, 0, 3, 0, 0));
        assertEquals("level 3 is outside 0–2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TileReader.read(source, null, 0, 0, 1, 2, 0));
        assertEquals("tile 2/0 is outside the 2×2 tiles of level 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TileReader.read(source, null, 0, 3, 0, 0, 0));
        assertEquals("index 3 is outside the 3 planes along axis 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TileReader.read(source, null, 3, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> TileReader.read(source, null, 0, -1, 0, 0, 0));
    }

    @Test
    void autoWindowOfASmallPlaneIsItsFullResolutionWindow() throws IOException {
        float[] plane = new float[NY * NX];
        System.arraycopy(values, NY * NX, plane, 0, plane.length);
        assertEquals(Window.auto(Scale.LINEAR, Plane.of(NX, NY, plane)),
                TileReader.autoWindow(source, null, 0, 1, Scale.LINEAR));
        Window overview = TileReader.autoWindow(ArraySource.of(random(3000 * 2100, 6), 3000, 2100), null, 0, 0, Scale.LINEAR);
        assertTrue(overview.min() > 0 && overview.max() < 10000);
    }
}
