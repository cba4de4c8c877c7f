package org.vitrine.core.imaging;

/**
 * Turns a {@link Plane} of values into a {@link ColorImage}: each value is normalised on a
 * {@link Scale} within a {@link Window} and takes the matching colormap level; invalid pixels
 * (masked or NaN) are transparent, so masked detector regions show the page behind them rather
 * than a colour that could be read as data.
 *
 * <p>For log and sqrt the 255 level boundaries are computed once, in value space, and each pixel
 * finds its level by binary search: several times faster than a logarithm a pixel, and the same
 * levels as the formula in {@link Scale} (a value lying exactly on a boundary takes the upper level).
 */
public final class ColorMapper {

    private final Colormap colormap;
    private final Scale scale;
    private final double lo;
    private final double levelsPerUnit;
    /** Value at which level k + 1 begins, k = 0…254; null for the linear scale. */
    private final double[] bounds;

    /**
     * @throws IllegalArgumentException when the window does not suit the scale (log needs min > 0)
     */
    public ColorMapper(Colormap colormap, Scale scale, Window window) {
        window.checkFor(scale);
        this.colormap = colormap;
        this.scale = scale;
        this.lo = scale.apply(window.min());
        double range = scale.apply(window.max()) - lo;
        // A flat window has no spread: everything takes level 0.
        this.levelsPerUnit = range > 0 ? Colormap.SIZE / range : 0;
        if (scale == Scale.LINEAR) {
            bounds = null;
        } else {
            bounds = new double[Colormap.SIZE - 1];
            for (int k = 1; k < Colormap.SIZE; k++) {
                bounds[k - 1] = range > 0 ? inverse(lo + k * range / Colormap.SIZE) : Double.POSITIVE_INFINITY;
            }
        }
    }

    private double inverse(double f) {
        return scale == Scale.LOG ? Math.pow(10, f) : Math.copySign(f * f, f);
    }

    /** The level (0–255) of a valid {@code value}; see {@link Scale} for the formula. */
    public int level(double value) {
        if (bounds != null) {
            int i = 0;
            for (int step = 128; step > 0; step >>= 1) {
                if (bounds[i + step - 1] <= value) {
                    i += step;
                }
            }
            return i;
        }
        double t = (value - lo) * levelsPerUnit;
        // Values below the window, -Inf, and everything in a flat window fall to 0.
        if (!(t > 0)) {
            return 0;
        }
        return t >= Colormap.SIZE - 1 ? Colormap.SIZE - 1 : (int) t;
    }

    /** Renders {@code plane}. */
    public ColorImage render(Plane plane) {
        float[] v = plane.values();
        byte[] levels = new byte[v.length];
        boolean[] transparent = null;
        for (int i = 0; i < v.length; i++) {
            if (plane.isInvalid(i)) {
                if (transparent == null) {
                    transparent = new boolean[v.length];
                }
                transparent[i] = true;
            } else {
                levels[i] = (byte) level(v[i]);
            }
        }
        return new ColorImage(plane.width(), plane.height(), levels, transparent, colormap);
    }
}
