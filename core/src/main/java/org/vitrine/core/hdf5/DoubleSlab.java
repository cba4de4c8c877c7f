package org.vitrine.core.hdf5;

/**
 * A hyperslab converted to doubles.
 *
 * @param shape  the selection's counts, one per dataset dimension
 * @param values the values in row-major order
 */
public record DoubleSlab(int[] shape, double[] values) {
}
