package org.vitrine.core.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.vitrine.core.imaging.SliceSource;

/** Wraps a source and records each block it is asked for, to check that code reads only slices. */
public final class RecordingSource implements SliceSource {

    /** One read: where and how much. */
    public record Read(long[] offset, int[] count) {
        public long elements() {
            long n = 1;
            for (int c : count) {
                n *= c;
            }
            return n;
        }
    }

    private final SliceSource inner;
    private final List<Read> reads = new ArrayList<>();

    public RecordingSource(SliceSource inner) {
        this.inner = inner;
    }

    public List<Read> reads() {
        return reads;
    }

    @Override
    public long[] shape() {
        return inner.shape();
    }

    @Override
    public float[] read(long[] offset, int[] count) throws IOException {
        reads.add(new Read(offset.clone(), count.clone()));
        return inner.read(offset, count);
    }

    @Override
    public double[] readDoubles(long[] offset, int[] count) throws IOException {
        reads.add(new Read(offset.clone(), count.clone()));
        return inner.readDoubles(offset, count);
    }
}
