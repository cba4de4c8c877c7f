package org.vitrine.core.volume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vitrine.core.imaging.ArraySource;
import org.vitrine.core.testing.JhdfSource;
import org.vitrine.core.testing.RecordingSource;
import org.vitrine.core.testing.NeedsSharedData;

@NeedsSharedData
class ChunkMakerTest {

    /** Random values in C order (z, y, x). */
    private static double[] random(long n, long seed, double scale) {
        Random r = new Random(seed);
        double[] v = new double[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.floor(r.nextDouble() * scale);
        }
        return v;
    }

    /**
     * The expected voxel at scale factor f, computed the plain way: loop over the block of the
     * full array and average.
     */
    private static double expectedMean(double[] a, long nz, long ny, long nx, int[] f, long x, long y, long z) {
        double sum = 0;
        int n = 0;
        for (long k = z * f[2]; k < Math.min((z + 1) * f[2], nz); k++) {
            for (long j = y * f[1]; j < Math.min((y + 1) * f[1], ny); j++) {
                for (long i = x * f[0]; i < Math.min((x + 1) * f[0], nx); i++) {
                    sum += a[(int) ((k * ny + j) * nx + i)];
                    n++;
                }
            }
        }
        return sum / n;
    }

    private static void assertChunk(double[] a, long nz, long ny, long nx, PrecomputedVolume v, ChunkBox box, byte[] bytes) {
        PrecomputedType type = v.dataType();
        assertEquals(box.voxels() * type.bytes(), bytes.length, box.path());
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (long z = box.z0(); z < box.z1(); z++) {
            for (long y = box.y0(); y < box.y1(); y++) {
                for (long x = box.x0(); x < box.x1(); x++) {
                    double expected = expectedMean(a, nz, ny, nx, box.scale().factor(), x, y, z);
                    double actual = switch (type) {
                        case UINT8 -> b.get() & 0xff;
                        case UINT16 -> b.getShort() & 0xffff;
                        case UINT32 -> b.getInt() & 0xffffffffL;
                        case FLOAT32 -> b.getFloat();
                    };
                    double want = type == PrecomputedType.FLOAT32 ? (float) expected : Math.rint(expected);
                    assertEquals(want, actual, box.path() + " at " + x + "," + y + "," + z);
                }
            }
        }
    }

    @Test
    void everyChunkOfEveryScaleOfAVolumeMatchesBlockMeans() throws IOException {
        long nz = 20, ny = 40, nx = 600;
        double[] a = random(nz * ny * nx, 1, 60000);
        ArraySource source = new ArraySource(new long[] {nz, ny, nx}, a);
        PrecomputedVolume v = PrecomputedVolume.volume(source.shape(), "<u2", new double[] {100, 100, 100});
        assertEquals(3, v.scales().size());
        for (PrecomputedScale s : v.scales()) {
            for (ChunkBox box : v.chunks(s)) {
                assertChunk(a, nz, ny, nx, v, box, ChunkMaker.encode(source, v, box));
            }
        }
    }

    @Test
    void frameStackChunksKeepFramesApart() throws IOException {
        long nz = 3, ny = 300, nx = 600;
        double[] a = random(nz * ny * nx, 2, 1000);
        for (int i = 0; i < a.length; i += 97) {
            a[i] += 0.5; // non-integer means must round, float32 must keep them
        }
        RecordingSource source = new RecordingSource(new ArraySource(new long[] {nz, ny, nx}, a));
        PrecomputedVolume v = PrecomputedVolume.frames(source.shape(), "<f4", new double[] {55000, 55000, 55000});
        assertEquals(java.util.List.of("1_1_1", "2_2_1", "4_4_1"), v.scales().stream().map(PrecomputedScale::key).toList());
        for (PrecomputedScale s : v.scales()) {
            for (ChunkBox box : v.chunks(s)) {
                source.reads().clear();
                assertChunk(a, nz, ny, nx, v, box, ChunkMaker.encode(source, v, box));
                // One frame, and only the region under the chunk.
                for (RecordingSource.Read r : source.reads()) {
                    assertEquals(1, r.count()[0]);
                    assertEquals(box.z0(), r.offset()[0]);
                    assertEquals(box.x0() * s.factor()[0], r.offset()[2]);
                }
            }
        }
    }

    @Test
    void coarseChunksOfLargeFramesAreReadInBoundedSlabs() throws IOException {
        long ny = 2500, nx = 2500;
        double[] a = random(ny * nx, 3, 250);
        RecordingSource source = new RecordingSource(new ArraySource(new long[] {ny, nx}, a));
        PrecomputedVolume v = PrecomputedVolume.frames(source.shape(), "|u1", new double[] {1, 1, 1});
        PrecomputedScale coarsest = v.scales().get(v.scales().size() - 1);
        assertEquals("16_16_1", coarsest.key());
        ChunkBox box = v.chunks(coarsest).get(0);
        byte[] bytes = ChunkMaker.encode(source, v, box);
        assertTrue(source.reads().size() > 1);
        long total = 0;
        for (RecordingSource.Read r : source.reads()) {
            assertTrue(r.elements() <= ChunkMaker.MAX_READ, "read of " + r.elements());
            total += r.elements();
        }
        assertEquals(ny * nx, total, "every voxel read once");
        assertChunk(a, 1, ny, nx, v, box, bytes);
    }

    @Test
    void uint32ValuesAboveFloatPrecisionStayExact() throws IOException {
        double[] a = {4_000_000_123.0, 16_777_217, 0, 1};
        ArraySource source = new ArraySource(new long[] {1, 2, 2}, a);
        PrecomputedVolume v = PrecomputedVolume.volume(source.shape(), "<u4", new double[] {1, 1, 1});
        ByteBuffer b = ByteBuffer.wrap(ChunkMaker.encode(source, v, v.chunks(v.scales().get(0)).get(0)))
                .order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(4_000_000_123L, b.getInt() & 0xffffffffL);
        assertEquals(16_777_217L, b.getInt() & 0xffffffffL);
    }

    @Test
    void nanIsLeftOutOfMeans() throws IOException {
        // 600 × 1 × 1 volume: factor 2 averages pairs.
        double[] a = new double[600];
        a[0] = Double.NaN;
        a[1] = 8;
        a[2] = Double.NaN;
        a[3] = Double.NaN;
        ArraySource source = new ArraySource(new long[] {1, 1, 600}, a);
        PrecomputedVolume v = PrecomputedVolume.volume(source.shape(), "<f8", new double[] {1, 1, 1});
        ByteBuffer b = ByteBuffer.wrap(ChunkMaker.encode(source, v, v.chunks(v.scales().get(1)).get(0)))
                .order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(8f, b.getFloat());
        assertTrue(Float.isNaN(b.getFloat()));
    }

    @Test
    void sourceMustHaveTheVolumesShape() {
        ArraySource source = new ArraySource(new long[] {1, 2, 2}, new double[4]);
        PrecomputedVolume v = PrecomputedVolume.volume(new long[] {1, 2, 3}, "<f4", new double[] {1, 1, 1});
        assertThrows(IllegalArgumentException.class, () -> ChunkMaker.encode(source, v, v.chunks(v.scales().get(0)).get(0)));
    }

    @Test
    void petraFramesEqualTheValuesJhdfReads() throws IOException {
        try (JhdfSource source = new JhdfSource(JhdfSource.sharedData().resolve("cdtools/PETRAIII_P25_Near_Field_Ptycho.cxi"),
                "/entry_1/instrument_1/detector_1/data")) {
            PrecomputedVolume v = PrecomputedVolume.frames(source.shape(), "<i4", new double[] {55000, 55000, 55000});
            assertEquals(1, v.scales().size());
            int[][][] all = (int[][][]) source.all();
            for (int frame : new int[] {0, 7, 199}) {
                ChunkBox box = v.chunk("1_1_1", "0-100_0-100_" + frame + "-" + (frame + 1)).orElseThrow();
                byte[] bytes = ChunkMaker.encode(source, v, box);
                assertArrayEquals(bytes, ChunkMaker.encode(source, v, box), "deterministic");
                ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
                for (int y = 0; y < 100; y++) {
                    for (int x = 0; x < 100; x++) {
                        assertEquals((float) all[frame][y][x], b.getFloat(), "frame " + frame + " at " + x + "," + y);
                    }
                }
            }
        }
    }
}
