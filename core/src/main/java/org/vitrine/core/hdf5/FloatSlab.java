package org.vitrine.core.hdf5;

/**
 * A hyperslab converted to floats, for images and tiles.
 *
 * @param shape  the selection's counts, one per dataset dimension
 * @param values the values in row-major order
 */
public record FloatSlab(int[] shape, float[] values) {
}
