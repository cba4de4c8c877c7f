package org.vitrine.core.imaging;

/**
 * A rendered picture: a colormap level (0–255) for each pixel, and the pixels left transparent.
 *
 * <p>Keeping levels rather than colours lets {@link #toPng()} write a one-byte-a-pixel PNG
 * (grayscale for {@link Colormap#GRAY}, otherwise a palette image) whenever no pixel is
 * transparent; with transparent pixels it writes RGBA.
 */
public final class ColorImage {

    private final int width;
    private final int height;
    private final byte[] levels;
    private final boolean[] transparent;
    private final Colormap colormap;

    /**
     * @param levels      colormap entry of each pixel, row-major
     * @param transparent pixels drawn transparent, or null for none
     */
    public ColorImage(int width, int height, byte[] levels, boolean[] transparent, Colormap colormap) {
        if (levels.length != (long) width * height || (transparent != null && transparent.length != levels.length)) {
            throw new IllegalArgumentException("a " + width + "×" + height + " image needs " + (long) width * height
                    + " pixels, got " + levels.length);
        }
        this.width = width;
        this.height = height;
        this.levels = levels;
        this.transparent = transparent;
        this.colormap = colormap;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public Colormap colormap() {
        return colormap;
    }

    /** The colormap level of pixel (x, y), 0–255; meaningless where the pixel is transparent. */
    public int level(int x, int y) {
        return levels[y * width + x] & 0xff;
    }

    /** True when pixel (x, y) is drawn transparent (masked, NaN, or outside the picture). */
    public boolean isTransparent(int x, int y) {
        return transparent != null && transparent[y * width + x];
    }

    /** True when some pixel is transparent. */
    public boolean hasTransparency() {
        if (transparent != null) {
            for (boolean t : transparent) {
                if (t) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Pixel (x, y) as {@code 0xAARRGGBB}; transparent pixels are {@code 0x00000000}. */
    public int argb(int x, int y) {
        return isTransparent(x, y) ? 0 : 0xff000000 | colormap.rgb(level(x, y));
    }

    /** The picture as PNG bytes; see the class comment for the PNG type chosen. */
    public byte[] toPng() {
        if (!hasTransparency()) {
            return colormap == Colormap.GRAY
                    ? PngEncoder.gray(width, height, levels)
                    : PngEncoder.indexed(width, height, levels, colormap.palette());
        }
        byte[] rgba = new byte[levels.length * 4];
        for (int i = 0, o = 0; i < levels.length; i++, o += 4) {
            if (!transparent[i]) {
                int c = colormap.rgb(levels[i] & 0xff);
                rgba[o] = (byte) (c >> 16);
                rgba[o + 1] = (byte) (c >> 8);
                rgba[o + 2] = (byte) c;
                rgba[o + 3] = (byte) 0xff;
            }
        }
        return PngEncoder.rgba(width, height, rgba);
    }

    /** The picture as packed RGB bytes, transparent pixels black: for encoders that want colour. */
    public byte[] toRgb() {
        byte[] rgb = new byte[levels.length * 3];
        for (int i = 0, o = 0; i < levels.length; i++, o += 3) {
            if (transparent == null || !transparent[i]) {
                int c = colormap.rgb(levels[i] & 0xff);
                rgb[o] = (byte) (c >> 16);
                rgb[o + 1] = (byte) (c >> 8);
                rgb[o + 2] = (byte) c;
            }
        }
        return rgb;
    }
}
