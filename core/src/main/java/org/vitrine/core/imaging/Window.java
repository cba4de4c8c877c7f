package org.vitrine.core.imaging;

import java.util.Arrays;

/**
 * The value range mapped onto a colormap: values at or below {@code min} take the first colour,
 * at or above {@code max} the last.
 *
 * @param min lower end
 * @param max upper end; equal to {@code min} for flat data, which then renders in the first colour
 */
public record Window(double min, double max) {

    /** Default percentiles of an automatic window: they ignore a few hot or dead pixels. */
    public static final double LOW_PERCENTILE = 0.5;
    public static final double HIGH_PERCENTILE = 99.5;

    /** Above this many valid values the percentiles are taken on an evenly strided sample. */
    static final int MAX_SAMPLE = 1 << 22;

    public Window {
        if (Double.isNaN(min) || Double.isNaN(max) || min > max) {
            throw new IllegalArgumentException("window needs min ≤ max, got [" + min + ", " + max + "]");
        }
    }

    /**
     * Checks that this window can be used on {@code scale}: a log window must be positive.
     *
     * @throws IllegalArgumentException naming the problem, for a request to report
     */
    public Window checkFor(Scale scale) {
        if (scale == Scale.LOG && min <= 0) {
            throw new IllegalArgumentException("a log scale needs a window above zero, got min " + min);
        }
        return this;
    }

    /** The 0.5–99.5 % window of the valid pixels of {@code planes}, see {@link #percentiles}. */
    public static Window auto(Scale scale, Plane... planes) {
        return percentiles(scale, LOW_PERCENTILE, HIGH_PERCENTILE, planes);
    }

    /**
     * The window from the {@code low} to the {@code high} percentile of the valid pixels of all
     * {@code planes} together, percentiles interpolated linearly between order statistics (as
     * NumPy's default). Masked, NaN and infinite pixels are ignored, and for a log scale so are
     * zero and negative ones. With no usable pixel the window is [0, 1] (linear, sqrt) or [1, 10] (log).
     */
    public static Window percentiles(Scale scale, double low, double high, Plane... planes) {
        if (!(0 <= low && low <= high && high <= 100)) {
            throw new IllegalArgumentException("percentiles need 0 ≤ low ≤ high ≤ 100, got " + low + " and " + high);
        }
        long usable = 0;
        for (Plane p : planes) {
            usable += countUsable(p, scale);
        }
        if (usable == 0) {
            return scale == Scale.LOG ? new Window(1, 10) : new Window(0, 1);
        }
        // Striding keeps memory and sorting time bounded on very large frames; the sample is
        // deterministic, so two builds agree.
        long stride = (usable + MAX_SAMPLE - 1) / MAX_SAMPLE;
        float[] sample = new float[(int) ((usable + stride - 1) / stride)];
        long seen = 0;
        int n = 0;
        for (Plane p : planes) {
            float[] v = p.values();
            for (int i = 0; i < v.length; i++) {
                if (!p.isInvalid(i) && scale.admits(v[i])) {
                    if (seen++ % stride == 0) {
                        sample[n++] = v[i];
                    }
                }
            }
        }
        Arrays.sort(sample, 0, n);
        return new Window(percentile(sample, n, low), percentile(sample, n, high));
    }

    private static long countUsable(Plane p, Scale scale) {
        float[] v = p.values();
        long count = 0;
        for (int i = 0; i < v.length; i++) {
            if (!p.isInvalid(i) && scale.admits(v[i])) {
                count++;
            }
        }
        return count;
    }

    private static double percentile(float[] sorted, int n, double pct) {
        double rank = pct / 100 * (n - 1);
        int below = (int) Math.floor(rank);
        int above = Math.min(below + 1, n - 1);
        double frac = rank - below;
        return sorted[below] + (sorted[above] - (double) sorted[below]) * frac;
    }
}
