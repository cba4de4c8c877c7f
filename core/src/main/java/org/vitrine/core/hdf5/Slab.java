package org.vitrine.core.hdf5;

/**
 * Numeric values read from a dataset, as stored: {@code bytes} holds the elements in row-major
 * order of {@code shape}, each {@code type.size()} bytes in {@code type.order()}.
 *
 * @param type  the stored element type
 * @param shape the selection's shape (dimensions picked by an integer are dropped)
 * @param bytes the elements
 */
public record Slab(NumericType type, long[] shape, byte[] bytes) {

    /** Number of elements. */
    public int size() {
        return bytes.length / type.size();
    }

    /** Element {@code i} as a double. */
    public double getDouble(int i) {
        return type.getDouble(bytes, i);
    }

    /** Every element as a float. */
    public float[] toFloats() {
        float[] out = new float[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) type.getDouble(bytes, i);
        }
        return out;
    }

    /** Every element as a double. */
    public double[] toDoubles() {
        double[] out = new double[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = type.getDouble(bytes, i);
        }
        return out;
    }

}
