package org.vitrine.core.volume;

import java.util.Arrays;

/**
 * One resolution of a precomputed volume. All arrays are in Neuroglancer's (x, y, z) order.
 *
 * @param key        sub-directory of the chunks, the downsampling factors joined by {@code _}
 * @param factor     downsampling factor from full resolution along x, y, z
 * @param size       extent in voxels at this scale
 * @param resolution voxel size in nanometres at this scale
 * @param chunkSize  extent of a (non-edge) chunk in voxels
 */
public record PrecomputedScale(String key, int[] factor, long[] size, double[] resolution, int[] chunkSize) {

    /** Number of chunks along x, y, z. */
    public long[] grid() {
        long[] g = new long[3];
        for (int a = 0; a < 3; a++) {
            g[a] = (size[a] + chunkSize[a] - 1) / chunkSize[a];
        }
        return g;
    }

    /** Number of voxels at this scale. */
    public long voxels() {
        return size[0] * size[1] * size[2];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PrecomputedScale s && key.equals(s.key) && Arrays.equals(factor, s.factor)
                && Arrays.equals(size, s.size) && Arrays.equals(resolution, s.resolution)
                && Arrays.equals(chunkSize, s.chunkSize);
    }

    @Override
    public int hashCode() {
        return key.hashCode() * 31 + Arrays.hashCode(size);
    }

    @Override
    public String toString() {
        return "scale " + key + " " + Arrays.toString(size);
    }
}
