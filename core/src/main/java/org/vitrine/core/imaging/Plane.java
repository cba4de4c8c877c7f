package org.vitrine.core.imaging;

/**
 * A 2D array of samples, row-major ({@code values[y * width + x]}), with the pixels to leave out.
 *
 * <p>A pixel is <em>invalid</em> when it is masked or NaN: it is excluded from automatic windows
 * and averages, and renders transparent. Infinite values are valid and take the end colours.
 * The arrays are shared, not copied: a plane is a view of the caller's data.
 */
public final class Plane {

    private final int width;
    private final int height;
    private final float[] values;
    private final boolean[] masked;

    private Plane(int width, int height, float[] values, boolean[] masked) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("plane size must be positive, got " + width + "×" + height);
        }
        if (values.length != (long) width * height) {
            throw new IllegalArgumentException("plane " + width + "×" + height + " needs "
                    + (long) width * height + " values, got " + values.length);
        }
        if (masked != null && masked.length != values.length) {
            throw new IllegalArgumentException("mask has " + masked.length + " pixels, plane has " + values.length);
        }
        this.width = width;
        this.height = height;
        this.values = values;
        this.masked = masked;
    }

    /** A plane over {@code values} (row-major, {@code width * height} long), nothing masked. */
    public static Plane of(int width, int height, float[] values) {
        return new Plane(width, height, values, null);
    }

    /** This plane with {@code masked[i]} pixels left out (in addition to NaN ones). */
    public Plane withMask(boolean[] masked) {
        return new Plane(width, height, values, masked);
    }

    /**
     * This plane with a CXI detector mask applied. In CXI a mask value of zero marks a good pixel
     * and any non-zero value (a set flag bit) a bad one.
     *
     * @param cxiMask mask values, same layout as the plane (read as float, which keeps every
     *                non-zero integer non-zero)
     */
    public Plane withCxiMask(float[] cxiMask) {
        if (cxiMask.length != values.length) {
            throw new IllegalArgumentException("CXI mask has " + cxiMask.length + " pixels, plane has " + values.length);
        }
        boolean[] bad = new boolean[cxiMask.length];
        for (int i = 0; i < bad.length; i++) {
            bad[i] = cxiMask[i] != 0;
        }
        return withMask(bad);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The samples, row-major; shared with this plane. */
    public float[] values() {
        return values;
    }

    /** The sample at column {@code x}, row {@code y}. */
    public float value(int x, int y) {
        return values[y * width + x];
    }

    /** True when pixel {@code i} (row-major index) is masked or NaN. */
    public boolean isInvalid(int i) {
        return (masked != null && masked[i]) || Float.isNaN(values[i]);
    }
}
