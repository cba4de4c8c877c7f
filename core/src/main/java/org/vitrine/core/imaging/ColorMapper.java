package org.vitrine.core.imaging;

/**
 * Turns a {@link Plane} of values into a {@link ColorImage}: each value is normalised on a
 * {@link Scale} within a {@link Window} and takes the matching colormap level; invalid pixels
 * (masked or NaN) are transparent, so masked detector regions show the page behind them rather
 * than a colour that could be read as data.
 */
public final class ColorMapper {

    private final Colormap colormap;
    private final Scale scale;
    private final Window window;

    /**
     * @throws IllegalArgumentException when the window does not suit the scale (log needs min > 0)
     */
    public ColorMapper(Colormap colormap, Scale scale, Window window) {
        this.colormap = colormap;
        this.scale = scale;
        this.window = window.checkFor(scale);
    }

    /** The level (0–255) of {@code value}; see {@link Scale} for the formula. */
    public int level(double value) {
        double lo = scale.apply(window.min());
        double range = scale.apply(window.max()) - lo;
        return level(value, lo, range > 0 ? Colormap.SIZE / range : 0);
    }

    private int level(double value, double lo, double levelsPerUnit) {
        double t = (scale.apply(value) - lo) * levelsPerUnit;
        // NaN never reaches here; -Inf and values below the window fall to 0.
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
        double lo = scale.apply(window.min());
        double range = scale.apply(window.max()) - lo;
        double levelsPerUnit = range > 0 ? Colormap.SIZE / range : 0;
        for (int i = 0; i < v.length; i++) {
            if (plane.isInvalid(i)) {
                if (transparent == null) {
                    transparent = new boolean[v.length];
                }
                transparent[i] = true;
            } else {
                levels[i] = (byte) level(v[i], lo, levelsPerUnit);
            }
        }
        return new ColorImage(plane.width(), plane.height(), levels, transparent, colormap);
    }
}
