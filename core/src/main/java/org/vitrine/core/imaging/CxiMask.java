package org.vitrine.core.imaging;

import java.util.List;
import org.vitrine.core.hdf5.Hdf5Dataset;
import org.vitrine.core.hdf5.Hdf5File;

/**
 * Finds the CXI detector mask that belongs to a dataset of frames: {@code mask} beside the data
 * (same detector group), else {@code /entry_1/instrument_1/detector_1/mask}, taken only when it is
 * numeric and its last two axes match the frames. Non-zero mask values mark bad pixels.
 */
public final class CxiMask {

    private CxiMask() {
    }

    /**
     * A detector mask as one byte a pixel, rows of x, 1 for a bad pixel and 0 for a good one: what
     * the viewers overlay. A mask shaped like a stack of frames gives its first frame's.
     *
     * @throws IOException when the mask cannot be read
     */
    public static byte[] detectorPlane(SliceSource mask) throws java.io.IOException {
        long[] shape = mask.shape();
        int rank = shape.length;
        long[] offset = new long[rank];
        int[] count = new int[rank];
        java.util.Arrays.fill(count, 1);
        count[rank - 2] = Math.toIntExact(shape[rank - 2]);
        count[rank - 1] = Math.toIntExact(shape[rank - 1]);
        float[] v = mask.read(offset, count);
        byte[] out = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (byte) (v[i] != 0 ? 1 : 0);
        }
        return out;
    }

    /** The mask of the frames at {@code dataPath}, or null when the file has none that fits. */
    public static SliceSource beside(Hdf5File h5, String dataPath) {
        int slash = dataPath.lastIndexOf('/');
        String parent = slash <= 0 ? "" : dataPath.substring(0, slash);
        long[] ds = h5.dataset(dataPath).shape();
        for (String candidate : List.of(parent + "/mask", "/entry_1/instrument_1/detector_1/mask")) {
            if (h5.isDataset(candidate)) {
                Hdf5Dataset m = h5.dataset(candidate);
                long[] ms = m.shape();
                if (m.isNumeric() && ms != null && ds != null && ms.length >= 2 && ds.length >= 2
                        && ms[ms.length - 1] == ds[ds.length - 1] && ms[ms.length - 2] == ds[ds.length - 2]) {
                    return new DatasetSlices(m);
                }
            }
        }
        return null;
    }
}
