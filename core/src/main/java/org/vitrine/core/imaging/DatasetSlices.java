package org.vitrine.core.imaging;

import org.vitrine.core.hdf5.Hdf5Dataset;

/**
 * An HDF5 dataset as a {@link SliceSource}: hyperslab reads through the shared chunk path, so
 * previews read only the chunks they show.
 */
public final class DatasetSlices implements SliceSource {

    private final Hdf5Dataset dataset;

    public DatasetSlices(Hdf5Dataset dataset) {
        this.dataset = dataset;
    }

    @Override
    public long[] shape() {
        return dataset.shape();
    }

    @Override
    public float[] read(long[] offset, int[] count) {
        return dataset.readFloats(offset, count).values();
    }

    @Override
    public double[] readDoubles(long[] offset, int[] count) {
        return dataset.readDoubles(offset, count).values();
    }
}
