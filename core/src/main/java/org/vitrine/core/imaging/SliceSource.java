package org.vitrine.core.imaging;

import java.io.IOException;

/**
 * An n-dimensional array that can be read a hyperslab at a time, so that previews and volume
 * chunks never need the whole dataset in memory. Axes are in storage (C) order: the last axis
 * varies fastest, as in HDF5 and NumPy; a 3D source is (z, y, x) and a 2D one (y, x).
 */
public interface SliceSource {

    /** The array's extent along each axis. */
    long[] shape();

    /**
     * The block starting at {@code offset} with {@code count} elements along each axis, flattened
     * in C order, converted to float.
     *
     * @throws IOException when the underlying data cannot be read
     * @throws IllegalArgumentException when the block is not inside {@link #shape()}
     */
    float[] read(long[] offset, int[] count) throws IOException;

    /**
     * As {@link #read}, but in double precision. The default widens {@link #read}; a source whose
     * values are integers above 2^24 (32-bit detector counts) should override it to stay exact,
     * since volume chunks of 32-bit integer type are written from these values.
     */
    default double[] readDoubles(long[] offset, int[] count) throws IOException {
        float[] f = read(offset, count);
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
