package org.vitrine.core.testing;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import java.lang.reflect.Array;
import java.nio.file.Path;
import org.vitrine.core.imaging.SliceSource;

/**
 * A {@link SliceSource} over a dataset of a real HDF5 file, read with jHDF's own hyperslab
 * selection, so imaging and volume code are tested on the files they will meet.
 */
public final class JhdfSource implements SliceSource, AutoCloseable {

    private final HdfFile file;
    private final Dataset dataset;
    private int reads;

    public JhdfSource(Path file, String datasetPath) {
        this.file = new HdfFile(file);
        this.dataset = this.file.getDatasetByPath(datasetPath);
    }

    /** The data shared folder next to the checkout. */
    public static Path sharedData() {
        return NeedsSharedData.Condition.folder();
    }

    /** The dataset read whole, for comparisons: jHDF's nested Java array. */
    public Object all() {
        return dataset.getData();
    }

    /** Number of hyperslab reads so far. */
    public int reads() {
        return reads;
    }

    @Override
    public long[] shape() {
        int[] d = dataset.getDimensions();
        long[] s = new long[d.length];
        for (int i = 0; i < d.length; i++) {
            s[i] = d[i];
        }
        return s;
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
        reads++;
        long n = 1;
        for (int c : count) {
            n *= c;
        }
        double[] out = new double[(int) n];
        flatten(dataset.getData(offset, count), out, new int[1]);
        return out;
    }

    private static void flatten(Object array, double[] out, int[] at) {
        int n = Array.getLength(array);
        Class<?> component = array.getClass().getComponentType();
        for (int i = 0; i < n; i++) {
            if (component.isArray()) {
                flatten(Array.get(array, i), out, at);
            } else {
                out[at[0]++] = ((Number) Array.get(array, i)).doubleValue();
            }
        }
    }

    @Override
    public void close() {
        file.close();
    }
}
