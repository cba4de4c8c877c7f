package org.vitrine.core.hdf5;

/**
 * Summary statistics of selected numeric values, as h5grove's {@code /stats} gives them: over
 * finite values only; all null when there are none. Integer data give integer results
 * (truncated, as Python's {@code int()} does), float data give doubles.
 */
public record Statistics(Number strictPositiveMin, Number positiveMin, Number min, Number max, Number mean, Number std) {

    /** The statistics of no values: all null. */
    public static final Statistics NONE = new Statistics(null, null, null, null, null, null);

    /** Elements read per step, so memory stays bounded whatever the selection's size. */
    private static final long STEP_ELEMENTS = 4L << 20;

    /** Computes the statistics of {@code selection}, reading it piece by piece. */
    static Statistics of(Hdf5Dataset dataset, Selection selection) {
        Accumulator acc = new Accumulator();
        accumulate(dataset, selection, 0, acc);
        return acc.result(dataset.numericType());
    }

    private static void accumulate(Hdf5Dataset dataset, Selection sel, int dim, Accumulator acc) {
        if (Thread.currentThread().isInterrupted()) {
            // The request was abandoned (timeout); stop reading for it.
            throw new java.util.concurrent.CancellationException("statistics abandoned");
        }
        if (sel.size() <= STEP_ELEMENTS || dim >= sel.rank()) {
            Slab slab = dataset.read(sel);
            for (int i = 0, n = slab.size(); i < n; i++) {
                acc.add(slab.getDouble(i));
            }
            return;
        }
        long perIndex = sel.size() / sel.count(dim);
        if (perIndex > STEP_ELEMENTS) {
            for (long k = 0; k < sel.count(dim); k++) {
                accumulate(dataset, sel.restrict(dim, k, 1), dim + 1, acc);
            }
            return;
        }
        long step = Math.max(1, STEP_ELEMENTS / perIndex);
        for (long k = 0; k < sel.count(dim); k += step) {
            accumulate(dataset, sel.restrict(dim, k, Math.min(step, sel.count(dim) - k)), sel.rank(), acc);
        }
    }

    /**
     * The mean from a compensated (Neumaier) sum, so values that cancel give exactly 0 as
     * NumPy's does; the variance from Welford's running sums; and the minima h5grove reports.
     */
    private static final class Accumulator {
        long n;
        double sum;
        double compensation;
        double mean;
        double m2;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double positiveMin = Double.POSITIVE_INFINITY;
        double strictPositiveMin = Double.POSITIVE_INFINITY;

        void add(double v) {
            if (!Double.isFinite(v)) {
                return;
            }
            n++;
            double t = sum + v;
            compensation += Math.abs(sum) >= Math.abs(v) ? (sum - t) + v : (v - t) + sum;
            sum = t;
            double delta = v - mean;
            mean += delta / n;
            m2 += delta * (v - mean);
            min = Math.min(min, v);
            max = Math.max(max, v);
            if (v >= 0) {
                positiveMin = Math.min(positiveMin, v);
            }
            if (v > 0) {
                strictPositiveMin = Math.min(strictPositiveMin, v);
            }
        }

        Statistics result(NumericType type) {
            if (n == 0) {
                return NONE;
            }
            boolean integer = !type.isFloat();
            double std = Math.sqrt(m2 / n);
            double exactMean = (sum + compensation) / n;
            return new Statistics(cast(strictPositiveMin, integer), cast(positiveMin, integer), cast(min, integer),
                    cast(max, integer), cast(exactMean, integer), cast(std, integer));
        }

        private static Number cast(double v, boolean integer) {
            if (Double.isInfinite(v)) {
                return null;
            }
            return integer ? (Number) (long) v : (Number) v;
        }
    }
}
