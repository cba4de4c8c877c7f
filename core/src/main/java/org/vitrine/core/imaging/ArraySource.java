package org.vitrine.core.imaging;

import java.util.Arrays;

/**
 * A {@link SliceSource} over an array in memory: for computed data (synthetic phantoms) and for
 * checking the readers of real files against plain arrays.
 */
public final class ArraySource implements SliceSource {

    private final long[] shape;
    private final double[] values;

    /**
     * @param shape  extent along each axis, C order
     * @param values the elements in C order (last axis fastest)
     */
    public ArraySource(long[] shape, double[] values) {
        long n = 1;
        for (long s : shape) {
            if (s <= 0) {
                throw new IllegalArgumentException("shape must be positive, got " + Arrays.toString(shape));
            }
            n *= s;
        }
        if (n != values.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n
                    + " elements, got " + values.length);
        }
        this.shape = shape.clone();
        this.values = values;
    }

    /** A source over {@code values} in C order. */
    public static ArraySource of(float[] values, long... shape) {
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = values[i];
        }
        return new ArraySource(shape, d);
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public float[] read(long[] offset, int[] count) {
        double[] d = readDoubles(offset, count);
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    @Override
    public double[] readDoubles(long[] offset, int[] count) {
        int rank = shape.length;
        if (offset.length != rank || count.length != rank) {
            throw new IllegalArgumentException("selection rank " + offset.length + "/" + count.length
                    + " does not match shape " + Arrays.toString(shape));
        }
        long total = 1;
        for (int a = 0; a < rank; a++) {
            if (offset[a] < 0 || count[a] < 0 || offset[a] + count[a] > shape[a]) {
                throw new IllegalArgumentException("selection offset " + Arrays.toString(offset) + " count "
                        + Arrays.toString(count) + " is outside shape " + Arrays.toString(shape));
            }
            total *= count[a];
        }
        double[] out = new double[(int) total];
        long[] strides = new long[rank];
        strides[rank - 1] = 1;
        for (int a = rank - 2; a >= 0; a--) {
            strides[a] = strides[a + 1] * shape[a + 1];
        }
        int[] pos = new int[rank];
        int rowLength = count[rank - 1];
        if (total == 0) {
            return out;
        }
        for (int o = 0; o < out.length; o += rowLength) {
            long start = 0;
            for (int a = 0; a < rank; a++) {
                start += (offset[a] + pos[a]) * strides[a];
            }
            System.arraycopy(values, (int) start, out, o, rowLength);
            for (int a = rank - 2; a >= 0; a--) {
                if (++pos[a] < count[a]) {
                    break;
                }
                pos[a] = 0;
            }
        }
        return out;
    }
}
