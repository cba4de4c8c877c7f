package org.vitrine.core.volume;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.vitrine.core.imaging.SliceSource;

/**
 * Computes the bytes of any chunk of any scale from the full-resolution source: raw encoding,
 * little-endian, x fastest, then y, then z.
 *
 * <p>A voxel at scale factor (fx, fy, fz) is the mean of the full-resolution block of fx × fy × fz
 * voxels it covers, truncated at the volume's edges, NaN values left out (all-NaN stays NaN).
 * Computing every scale from full resolution (rather than from the scale above) keeps edge voxels
 * exact and lets the API serve any chunk without the others; the same function serves the API
 * and the static bake, so both give the same bytes.
 *
 * <p>Only the hyperslab under the chunk is read, in slabs of at most {@link #MAX_READ} elements,
 * so a coarse chunk covering a large region never holds that region in memory at once.
 */
public final class ChunkMaker {

    /** Largest number of elements read from the source at once. */
    static final int MAX_READ = 1 << 22;

    private ChunkMaker() {
    }

    /**
     * The encoded chunk {@code box} of {@code volume}, read from {@code source}.
     *
     * @param source the dataset {@code volume} was made for (same shape)
     * @throws IOException              when the source cannot be read
     * @throws IllegalArgumentException when the source's shape is not the volume's
     */
    public static byte[] encode(SliceSource source, PrecomputedVolume volume, ChunkBox box) throws IOException {
        long[] shape = source.shape();
        if (!java.util.Arrays.equals(shape, volume.sourceShape())) {
            throw new IllegalArgumentException("source shape " + java.util.Arrays.toString(shape)
                    + " is not the volume's " + java.util.Arrays.toString(volume.sourceShape()));
        }
        int[] f = box.scale().factor();
        int nx = (int) (box.x1() - box.x0());
        int ny = (int) (box.y1() - box.y0());
        int nz = (int) (box.z1() - box.z0());
        long[] full = {shape.length >= 3 ? shape[shape.length - 3] : 1, shape[shape.length - 2], shape[shape.length - 1]};
        // Full-resolution region under the chunk, (z, y, x).
        long zBegin = box.z0() * f[2];
        long zEnd = Math.min(box.z1() * f[2], full[0]);
        long yBegin = box.y0() * f[1];
        long yEnd = Math.min(box.y1() * f[1], full[1]);
        long xBegin = box.x0() * f[0];
        long xEnd = Math.min(box.x1() * f[0], full[2]);
        int width = (int) (xEnd - xBegin);
        PrecomputedType type = volume.dataType();
        if (f[0] == 1 && f[1] == 1 && f[2] == 1 && (long) nx * ny * nz <= MAX_READ) {
            // Full resolution: each voxel is its own mean, so the hyperslab is the chunk.
            double[] v = source.readDoubles(offset(shape.length, zBegin, yBegin, xBegin), count(shape.length, nz, ny, nx));
            ByteBuffer out = ByteBuffer.allocate(v.length * type.bytes()).order(ByteOrder.LITTLE_ENDIAN);
            for (double value : v) {
                type.put(out, value);
            }
            return out.array();
        }
        int[] outX = new int[width];
        for (int x = 0; x < width; x++) {
            outX[x] = (int) ((xBegin + x) / f[0] - box.x0());
        }

        double[] sum = new double[nx * ny * nz];
        int[] count = new int[sum.length];
        long rows = yEnd - yBegin;
        int bandRows = (int) Math.max(1, Math.min(rows, MAX_READ / width));
        int bandPlanes = bandRows < rows ? 1 : (int) Math.max(1, Math.min(zEnd - zBegin, MAX_READ / (rows * width)));
        for (long z = zBegin; z < zEnd; z += bandPlanes) {
            int dz = (int) Math.min(bandPlanes, zEnd - z);
            for (long y = yBegin; y < yEnd; y += bandRows) {
                int dy = (int) Math.min(bandRows, yEnd - y);
                double[] v = source.readDoubles(offset(shape.length, z, y, xBegin), count(shape.length, dz, dy, width));
                int i = 0;
                for (int k = 0; k < dz; k++) {
                    int oz = (int) ((z + k) / f[2] - box.z0());
                    for (int j = 0; j < dy; j++) {
                        int rowBase = (oz * ny + (int) ((y + j) / f[1] - box.y0())) * nx;
                        for (int x = 0; x < width; x++, i++) {
                            double value = v[i];
                            if (!Double.isNaN(value)) {
                                sum[rowBase + outX[x]] += value;
                                count[rowBase + outX[x]]++;
                            }
                        }
                    }
                }
            }
        }
        ByteBuffer out = ByteBuffer.allocate(sum.length * type.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < sum.length; i++) {
            type.put(out, count[i] == 0 ? Double.NaN : sum[i] / count[i]);
        }
        return out.array();
    }

    private static long[] offset(int rank, long z, long y, long x) {
        long[] o = new long[rank];
        if (rank >= 3) {
            o[rank - 3] = z;
        }
        o[rank - 2] = y;
        o[rank - 1] = x;
        return o;
    }

    private static int[] count(int rank, int z, int y, int x) {
        int[] c = new int[rank];
        java.util.Arrays.fill(c, 1);
        if (rank >= 3) {
            c[rank - 3] = z;
        }
        c[rank - 2] = y;
        c[rank - 1] = x;
        return c;
    }
}
