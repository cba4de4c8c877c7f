package org.vitrine.core.imaging;

import java.io.IOException;
import java.util.Arrays;

/**
 * Cuts 256² map tiles out of a plane of a 2D or 3D source, at power-of-two zoom levels, reading
 * only the hyperslab under the tile.
 *
 * <p>A plane is the slice orthogonal to {@code axis} at {@code index} of a (z, y, x) source:
 * axis 0 gives an (x, y) plane (a detector frame), axis 1 an (x, z) plane and axis 2 a (y, z)
 * plane, rows running along the slower axis. A 2D (y, x) source has the single plane axis 0,
 * index 0. Level 0 is full resolution; level L averages 2^L × 2^L blocks (area averaging,
 * invalid pixels left out). Tile (row, col) of a level covers plane pixels from
 * {@code col·256} and {@code row·256} at that level; tiles on the right and bottom edges are
 * truncated to the plane rather than padded.
 *
 * <p>Coarse tiles cover large regions, so sources are read in bands of at most
 * {@link #MAX_READ} elements and averaged as they come.
 */
public final class TileReader {

    /** Tile side in pixels. */
    public static final int TILE = 256;
    /** Longest side of the overview an automatic window is computed from. */
    public static final int OVERVIEW = 1024;
    /** Largest number of elements read from a source at once. */
    static final int MAX_READ = 1 << 22;

    private TileReader() {
    }

    /** {@code [width, height]} of the planes orthogonal to {@code axis}. */
    public static int[] planeSize(long[] shape, int axis) {
        checkAxis(shape, axis);
        if (shape.length == 2) {
            return new int[] {toInt(shape[1]), toInt(shape[0])};
        }
        return switch (axis) {
            case 0 -> new int[] {toInt(shape[2]), toInt(shape[1])};
            case 1 -> new int[] {toInt(shape[2]), toInt(shape[0])};
            default -> new int[] {toInt(shape[1]), toInt(shape[0])};
        };
    }

    /** The coarsest level: the first at which the whole plane fits in one tile. */
    public static int maxLevel(long[] shape, int axis) {
        int[] size = planeSize(shape, axis);
        int longest = Math.max(size[0], size[1]);
        int level = 0;
        while ((long) TILE << level < longest) {
            level++;
        }
        return level;
    }

    /** {@code [columns, rows]} of tiles at {@code level}. */
    public static int[] grid(long[] shape, int axis, int level) {
        int[] size = levelSize(shape, axis, level);
        return new int[] {(size[0] + TILE - 1) / TILE, (size[1] + TILE - 1) / TILE};
    }

    /**
     * Tile (row, col) of level {@code level} of the plane {@code index} along {@code axis}.
     *
     * @param mask a CXI mask (non-zero = bad pixel) shaped like {@code data}, or like one plane
     *             of it (the detector mask of a frame stack), or null
     * @throws IllegalArgumentException when axis, index, level, row or col is outside the data,
     *                                  with a message saying which
     */
    public static Plane read(SliceSource data, SliceSource mask, int axis, long index, int level, int row, int col)
            throws IOException {
        long[] shape = data.shape();
        checkPlane(shape, axis, index);
        if (level < 0 || level > maxLevel(shape, axis)) {
            throw new IllegalArgumentException("level " + level + " is outside 0–" + maxLevel(shape, axis));
        }
        int[] grid = grid(shape, axis, level);
        if (row < 0 || col < 0 || row >= grid[1] || col >= grid[0]) {
            throw new IllegalArgumentException("tile " + row + "/" + col + " is outside the " + grid[1] + "×" + grid[0]
                    + " tiles of level " + level);
        }
        int[] size = levelSize(shape, axis, level);
        int x0 = col * TILE;
        int y0 = row * TILE;
        return region(data, mask, axis, index, 1 << level, x0, y0,
                Math.min(TILE, size[0] - x0), Math.min(TILE, size[1] - y0));
    }

    /**
     * The automatic 0.5–99.5 % window of a plane, from its overview (the plane averaged down to
     * at most {@link #OVERVIEW} pixels a side), so every tile of the plane shares one window
     * and tiles meet without seams. Averaging can soften single hot pixels slightly compared with
     * a window over full resolution.
     */
    public static Window autoWindow(SliceSource data, SliceSource mask, int axis, long index, Scale scale)
            throws IOException {
        long[] shape = data.shape();
        checkPlane(shape, axis, index);
        int[] full = planeSize(shape, axis);
        int factor = 1;
        while ((full[0] + factor - 1) / factor > OVERVIEW || (full[1] + factor - 1) / factor > OVERVIEW) {
            factor *= 2;
        }
        Plane overview = region(data, mask, axis, index, factor, 0, 0,
                (full[0] + factor - 1) / factor, (full[1] + factor - 1) / factor);
        return Window.auto(scale, overview);
    }

    private static int[] levelSize(long[] shape, int axis, int level) {
        int[] size = planeSize(shape, axis);
        long f = 1L << level;
        return new int[] {(int) ((size[0] + f - 1) / f), (int) ((size[1] + f - 1) / f)};
    }

    /**
     * {@code outW × outH} pixels from (x0, y0) of the plane averaged by {@code factor}: each
     * output pixel is the mean of the valid pixels of its factor × factor block.
     */
    private static Plane region(SliceSource data, SliceSource mask, int axis, long index, int factor,
                                int x0, int y0, int outW, int outH) throws IOException {
        int[] plane = planeSize(data.shape(), axis);
        boolean maskIsPlane = mask != null && checkMask(data.shape(), mask.shape(), axis);
        if (factor == 1) {
            // Full resolution: the hyperslab is the tile (at most 256² elements, one read).
            int rank = data.shape().length;
            Plane tile = Plane.of(outW, outH, data.read(offset(rank, axis, index, y0, x0), count(rank, axis, outH, outW)));
            if (mask == null) {
                return tile;
            }
            return tile.withCxiMask(maskIsPlane
                    ? mask.read(new long[] {y0, x0}, new int[] {outH, outW})
                    : mask.read(offset(rank, axis, index, y0, x0), count(rank, axis, outH, outW)));
        }
        int inX0 = x0 * factor;
        int inW = Math.min((x0 + outW) * factor, plane[0]) - inX0;
        int inY0 = y0 * factor;
        int inY1 = Math.min((y0 + outH) * factor, plane[1]);
        double[] sum = new double[outW * outH];
        int[] count = new int[sum.length];
        // Whole output rows per band, so every block is complete within one band.
        int rowsPerBand = Math.max(factor, (int) Math.min(inY1 - inY0, (long) MAX_READ / inW) / factor * factor);
        for (int y = inY0; y < inY1; y += rowsPerBand) {
            int rows = Math.min(rowsPerBand, inY1 - y);
            float[] v = data.read(offset(data.shape().length, axis, index, y, inX0), count(data.shape().length, axis, rows, inW));
            float[] m = null;
            if (mask != null) {
                m = maskIsPlane
                        ? mask.read(new long[] {y, inX0}, new int[] {rows, inW})
                        : mask.read(offset(mask.shape().length, axis, index, y, inX0), count(mask.shape().length, axis, rows, inW));
            }
            for (int j = 0; j < rows; j++) {
                int outRow = ((y + j) / factor - y0) * outW;
                for (int i = 0; i < inW; i++) {
                    int k = j * inW + i;
                    if (!Float.isNaN(v[k]) && (m == null || m[k] == 0)) {
                        int o = outRow + (inX0 + i) / factor - x0;
                        sum[o] += v[k];
                        count[o]++;
                    }
                }
            }
        }
        float[] out = new float[sum.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = count[i] == 0 ? Float.NaN : (float) (sum[i] / count[i]);
        }
        return Plane.of(outW, outH, out);
    }

    /** Offset of plane rows [y, …) and columns [x, …) in a source of this rank. */
    private static long[] offset(int rank, int axis, long index, long y, long x) {
        if (rank == 2) {
            return new long[] {y, x};
        }
        return switch (axis) {
            case 0 -> new long[] {index, y, x};
            case 1 -> new long[] {y, index, x};
            default -> new long[] {y, x, index};
        };
    }

    private static int[] count(int rank, int axis, int rows, int cols) {
        if (rank == 2) {
            return new int[] {rows, cols};
        }
        return switch (axis) {
            case 0 -> new int[] {1, rows, cols};
            case 1 -> new int[] {rows, 1, cols};
            default -> new int[] {rows, cols, 1};
        };
    }

    /** True when the mask is one plane (2D), false when shaped like the data. */
    private static boolean checkMask(long[] dataShape, long[] maskShape, int axis) {
        if (Arrays.equals(dataShape, maskShape)) {
            return false;
        }
        int[] plane = planeSize(dataShape, axis);
        if (maskShape.length == 2 && axis == 0 && maskShape[0] == plane[1] && maskShape[1] == plane[0]) {
            return true;
        }
        throw new IllegalArgumentException("mask of shape " + Arrays.toString(maskShape) + " fits neither the data "
                + Arrays.toString(dataShape) + " nor its frames");
    }

    private static void checkAxis(long[] shape, int axis) {
        if (shape.length != 2 && shape.length != 3) {
            throw new IllegalArgumentException("tiles need a 2D or 3D dataset, got shape " + Arrays.toString(shape));
        }
        if (axis < 0 || axis >= (shape.length == 2 ? 1 : 3)) {
            throw new IllegalArgumentException("axis " + axis + " is outside a " + shape.length + "D dataset");
        }
    }

    private static void checkPlane(long[] shape, int axis, long index) {
        checkAxis(shape, axis);
        long planes = shape.length == 2 ? 1 : shape[axis];
        if (index < 0 || index >= planes) {
            throw new IllegalArgumentException("index " + index + " is outside the " + planes + " planes along axis " + axis);
        }
    }

    private static int toInt(long extent) {
        if (extent > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("an axis of " + extent + " elements is too long for tiles");
        }
        return (int) extent;
    }
}
