package org.vitrine.core.imaging;

/**
 * Resizes a {@link Plane} by area averaging: each output pixel is the mean of the input area it
 * covers, partly covered input pixels weighted by the covered fraction. Invalid input pixels are
 * left out of the means; an output pixel whose whole area is invalid stays invalid (NaN).
 *
 * <p>Unlike nearest-neighbour sampling, no input pixel is skipped, so a thumbnail of a sparse
 * diffraction pattern keeps its faint peaks. Upscaling with the same rule gives square blocks
 * with blended edges. The filter is separable: a pass along rows, then one along columns.
 */
public final class AreaResize {

    private AreaResize() {
    }

    /** {@code plane} resized to {@code width × height}. */
    public static Plane to(Plane plane, int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("resize target must be positive, got " + width + "×" + height);
        }
        if (width == plane.width() && height == plane.height()) {
            return plane;
        }
        int inW = plane.width();
        int inH = plane.height();
        float[] in = plane.values();
        Weights wx = new Weights(inW, width);
        Weights wy = new Weights(inH, height);

        // Pass 1: along each input row, weighted sums and summed weights of valid pixels.
        double[] sum = new double[inH * width];
        double[] weight = new double[inH * width];
        for (int y = 0; y < inH; y++) {
            int row = y * inW;
            for (int ox = 0; ox < width; ox++) {
                double s = 0;
                double w = 0;
                for (int k = wx.start[ox]; k < wx.start[ox + 1]; k++) {
                    int i = row + wx.index[k];
                    if (!plane.isInvalid(i)) {
                        s += wx.weight[k] * in[i];
                        w += wx.weight[k];
                    }
                }
                sum[y * width + ox] = s;
                weight[y * width + ox] = w;
            }
        }
        // Pass 2: down the columns of the row results.
        float[] out = new float[width * height];
        for (int oy = 0; oy < height; oy++) {
            for (int ox = 0; ox < width; ox++) {
                double s = 0;
                double w = 0;
                for (int k = wy.start[oy]; k < wy.start[oy + 1]; k++) {
                    int i = wy.index[k] * width + ox;
                    s += wy.weight[k] * sum[i];
                    w += wy.weight[k] * weight[i];
                }
                out[oy * width + ox] = w > 0 ? (float) (s / w) : Float.NaN;
            }
        }
        return Plane.of(width, height, out);
    }

    /**
     * {@code plane} fitted in {@code maxSide × maxSide}, keeping its aspect ratio: larger planes
     * are reduced so the longer side is {@code maxSide}; smaller ones are enlarged only by the
     * largest whole factor that fits, so each data pixel becomes a crisp square block.
     */
    public static Plane fit(Plane plane, int maxSide) {
        double f = appliedFactor((double) maxSide / Math.max(plane.width(), plane.height()));
        return to(plane, Math.max(1, (int) Math.round(plane.width() * f)), Math.max(1, (int) Math.round(plane.height() * f)));
    }

    /** A scale factor as {@link #fit} applies it: reductions as given, enlargements rounded down to a whole factor. */
    static double appliedFactor(double exact) {
        return exact >= 1 ? Math.floor(exact) : exact;
    }

    /** For each output position, the input positions it covers and their covered fractions. */
    private static final class Weights {
        final int[] start;
        final int[] index;
        final double[] weight;

        Weights(int in, int out) {
            double scale = (double) in / out;
            start = new int[out + 1];
            int[] idx = new int[in + 2 * out];
            double[] w = new double[in + 2 * out];
            int n = 0;
            for (int o = 0; o < out; o++) {
                start[o] = n;
                double a = o * scale;
                double b = (o + 1) * scale;
                for (int i = (int) Math.floor(a); i < Math.min(in, (int) Math.ceil(b)); i++) {
                    double covered = Math.min(b, i + 1) - Math.max(a, i);
                    if (covered > 0) {
                        idx[n] = i;
                        w[n++] = covered;
                    }
                }
            }
            start[out] = n;
            index = idx;
            weight = w;
        }
    }
}
