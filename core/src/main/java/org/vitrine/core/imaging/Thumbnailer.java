package org.vitrine.core.imaging;

import java.io.IOException;
import java.util.Arrays;
import org.vitrine.core.model.FileKind;
import org.vitrine.core.model.PreviewOptions;

/**
 * Draws the preview picture of a dataset, reading only the slices it shows:
 * <ul>
 *   <li>{@link FileKind#DIFFRACTION}: one frame of a (frames, y, x) stack, or a 2D frame; by
 *       default the middle frame, log scale, inferno, 0.5–99.5 % window of the positive valid
 *       pixels, CXI mask applied (masked pixels transparent);</li>
 *   <li>{@link FileKind#VOLUME}: the three central orthoslices of a (z, y, x) volume side by side
 *       — xy (at the middle z), xz (middle y, z downwards) and yz (middle x, z downwards) — all
 *       at one scale factor and under one percentile window so they compare; gray, linear;</li>
 *   <li>{@link FileKind#IMAGE}: the 2D image itself; gray, linear, percentile window. An image
 *       with a trailing colour axis of 3 (RGB) or 4 (RGBA, alpha ignored) keeps its colours: values
 *       already within 0–255 are used as they are, others are stretched by one percentile window
 *       over all channels; colormap and scale do not apply.</li>
 * </ul>
 * Leading axes of extent 1 are ignored. The picture fits in {@code maxSide × maxSide}: larger data
 * is reduced by area averaging; smaller data is enlarged only by a whole factor, so every data
 * pixel stays a crisp block. Options left null in {@link PreviewOptions} take the defaults above.
 */
public final class Thumbnailer {

    /** Longest side of the small thumbnail (gallery, lists). */
    public static final int SMALL = 256;
    /** Longest side of the large thumbnail (dataset page). */
    public static final int LARGE = 1024;
    /**
     * Changes whenever the same inputs would render differently; part of a thumbnail cache key
     * with the file's checksum, dataset path, kind, options and size.
     */
    public static final String RENDERING_VERSION = "1";

    private Thumbnailer() {
    }

    /**
     * Renders the preview of {@code data}.
     *
     * @param kind    how to look at the data
     * @param data    the dataset to preview
     * @param mask    a CXI mask (non-zero = bad pixel), (y, x) or shaped like a stack of frames,
     *                or null; used for diffraction only
     * @param options preview options from the content, nulls for defaults
     * @param maxSide longest side of the picture in pixels
     * @throws IllegalArgumentException when the data's shape does not suit {@code kind}, or an
     *                                  option is out of range
     * @throws IOException              when the data cannot be read
     */
    public static Thumbnail render(FileKind kind, SliceSource data, SliceSource mask, PreviewOptions options,
                                   int maxSide) throws IOException {
        if (maxSide <= 0) {
            throw new IllegalArgumentException("thumbnail size must be positive, got " + maxSide);
        }
        PreviewOptions o = options == null ? PreviewOptions.DEFAULT : options;
        ColorImage image;
        switch (kind) {
            case DIFFRACTION -> image = diffraction(data, mask, o, maxSide);
            case VOLUME -> image = volume(data, o, maxSide);
            case IMAGE -> {
                if (isColour(data.shape())) {
                    return colourImage(data, maxSide);
                }
                image = image(data, o, maxSide);
            }
            default -> throw new IllegalArgumentException("files of kind " + kind + " have no preview");
        }
        return new Thumbnail(image.width(), image.height(), image.toPng());
    }

    private static ColorImage diffraction(SliceSource data, SliceSource mask, PreviewOptions o, int maxSide)
            throws IOException {
        long[] shape = squeeze(data.shape());
        if (shape.length != 2 && shape.length != 3) {
            throw new IllegalArgumentException("a diffraction preview needs a frame (y, x) or a stack (frames, y, x), got shape "
                    + Arrays.toString(data.shape()));
        }
        long frames = shape.length == 3 ? shape[0] : 1;
        long frame = o.frame() != null ? o.frame() : frames / 2;
        if (frame < 0 || frame >= frames) {
            throw new IllegalArgumentException("frame " + frame + " is outside the " + frames + " frames of shape "
                    + Arrays.toString(data.shape()));
        }
        int h = toInt(shape[shape.length - 2]);
        int w = toInt(shape[shape.length - 1]);
        Plane plane = Plane.of(w, h, readFrame(data, frame, h, w));
        if (mask != null) {
            plane = plane.withCxiMask(readMask(mask, frame, h, w));
        }
        Scale scale = o.scale() != null ? Scale.named(o.scale()) : Scale.LOG;
        Colormap colormap = o.colormap() != null ? Colormap.named(o.colormap()) : Colormap.INFERNO;
        Window window = Window.auto(scale, plane);
        return new ColorMapper(colormap, scale, window).render(AreaResize.fit(plane, maxSide));
    }

    private static ColorImage image(SliceSource data, PreviewOptions o, int maxSide) throws IOException {
        long[] shape = squeeze(data.shape());
        if (shape.length != 2) {
            throw new IllegalArgumentException("an image preview needs a 2D dataset (y, x) or a colour image (y, x, 3|4), got shape "
                    + Arrays.toString(data.shape()));
        }
        int h = toInt(shape[0]);
        int w = toInt(shape[1]);
        Plane plane = Plane.of(w, h, readFrame(data, 0, h, w));
        Scale scale = o.scale() != null ? Scale.named(o.scale()) : Scale.LINEAR;
        Colormap colormap = o.colormap() != null ? Colormap.named(o.colormap()) : Colormap.GRAY;
        return new ColorMapper(colormap, scale, Window.auto(scale, plane)).render(AreaResize.fit(plane, maxSide));
    }

    private static ColorImage volume(SliceSource data, PreviewOptions o, int maxSide) throws IOException {
        long[] shape = squeeze(data.shape());
        if (shape.length != 3) {
            throw new IllegalArgumentException("a volume preview needs a 3D dataset (z, y, x), got shape "
                    + Arrays.toString(data.shape()));
        }
        int nz = toInt(shape[0]);
        int ny = toInt(shape[1]);
        int nx = toInt(shape[2]);
        int lead = data.shape().length - 3;
        Plane xy = Plane.of(nx, ny, data.read(at(lead, nz / 2, 0, 0), counts(lead, 1, ny, nx)));
        Plane xz = Plane.of(nx, nz, data.read(at(lead, 0, ny / 2, 0), counts(lead, nz, 1, nx)));
        Plane yz = Plane.of(ny, nz, data.read(at(lead, 0, 0, nx / 2), counts(lead, nz, ny, 1)));
        Scale scale = o.scale() != null ? Scale.named(o.scale()) : Scale.LINEAR;
        Colormap colormap = o.colormap() != null ? Colormap.named(o.colormap()) : Colormap.GRAY;
        Window window = Window.auto(scale, xy, xz, yz);
        Plane sheet = OrthoLayout.sideBySide(maxSide, xy, xz, yz);
        return new ColorMapper(colormap, scale, window).render(sheet);
    }

    private static boolean isColour(long[] shape) {
        long[] s = squeeze(shape);
        return s.length == 3 && (s[2] == 3 || s[2] == 4);
    }

    /** A (y, x, 3|4) image in its own colours. */
    private static Thumbnail colourImage(SliceSource data, int maxSide) throws IOException {
        long[] full = data.shape();
        int rank = full.length;
        int h = toInt(full[rank - 3]);
        int w = toInt(full[rank - 2]);
        int channels = toInt(full[rank - 1]);
        int[] count = new int[rank];
        Arrays.fill(count, 1);
        count[rank - 3] = h;
        count[rank - 2] = w;
        count[rank - 1] = channels;
        float[] pixels = data.read(new long[rank], count);
        Plane[] rgb = new Plane[3];
        boolean bytes = true;
        for (int c = 0; c < 3; c++) {
            float[] channel = new float[w * h];
            for (int i = 0; i < channel.length; i++) {
                channel[i] = pixels[i * channels + c];
                bytes &= channel[i] >= 0 && channel[i] <= 255;
            }
            rgb[c] = Plane.of(w, h, channel);
        }
        Window window = bytes ? new Window(0, 255) : Window.auto(Scale.LINEAR, rgb);
        double span = window.max() > window.min() ? window.max() - window.min() : 1;
        byte[] out = null;
        int outW = 0;
        int outH = 0;
        for (int c = 0; c < 3; c++) {
            Plane p = AreaResize.fit(rgb[c], maxSide);
            outW = p.width();
            outH = p.height();
            if (out == null) {
                out = new byte[outW * outH * 3];
            }
            float[] v = p.values();
            for (int i = 0; i < v.length; i++) {
                double t = Float.isNaN(v[i]) ? 0 : (v[i] - window.min()) / span;
                out[i * 3 + c] = (byte) Math.round(255 * Math.max(0, Math.min(1, t)));
            }
        }
        return new Thumbnail(outW, outH, PngEncoder.rgb(outW, outH, out));
    }

    private static float[] readFrame(SliceSource data, long frame, int h, int w) throws IOException {
        int rank = data.shape().length;
        long[] offset = new long[rank];
        int[] count = new int[rank];
        Arrays.fill(count, 1);
        if (rank >= 3) {
            offset[rank - 3] = frame;
        }
        count[rank - 2] = h;
        count[rank - 1] = w;
        return data.read(offset, count);
    }

    private static float[] readMask(SliceSource mask, long frame, int h, int w) throws IOException {
        long[] shape = squeeze(mask.shape());
        boolean perFrame = shape.length == 3;
        if ((shape.length != 2 && !perFrame) || shape[shape.length - 2] != h || shape[shape.length - 1] != w) {
            throw new IllegalArgumentException("mask of shape " + Arrays.toString(mask.shape())
                    + " does not match frames of " + h + "×" + w);
        }
        return readFrame(mask, perFrame ? frame : 0, h, w);
    }

    /** The shape without leading axes of extent 1. */
    private static long[] squeeze(long[] shape) {
        int first = 0;
        while (first < shape.length - 2 && shape[first] == 1) {
            first++;
        }
        return Arrays.copyOfRange(shape, first, shape.length);
    }

    private static long[] at(int lead, long z, long y, long x) {
        long[] offset = new long[lead + 3];
        offset[lead] = z;
        offset[lead + 1] = y;
        offset[lead + 2] = x;
        return offset;
    }

    private static int[] counts(int lead, int z, int y, int x) {
        int[] count = new int[lead + 3];
        Arrays.fill(count, 1);
        count[lead] = z;
        count[lead + 1] = y;
        count[lead + 2] = x;
        return count;
    }

    private static int toInt(long extent) {
        if (extent > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("an axis of " + extent + " elements is too long to preview");
        }
        return (int) extent;
    }
}
