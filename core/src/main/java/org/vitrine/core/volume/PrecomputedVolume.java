package org.vitrine.core.volume;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dataset published as a Neuroglancer precomputed image volume: its {@code info} file, its
 * multiscale pyramid and its chunk grid (format: neuroglancer {@code src/datasource/precomputed}).
 *
 * <p>The source is a (z, y, x) array in C order, so x, the fastest axis, is Neuroglancer's x.
 * Two layouts:
 * <ul>
 *   <li>{@link #frames}: a stack of detector frames whose z is the frame index. Chunks are
 *       256×256×1, so a viewer showing one frame fetches only that frame; scales halve x and y
 *       only, since averaging neighbouring frames would mix exposures.</li>
 *   <li>{@link #volume}: a 3D volume. Chunks are 64³, good for slicing in any of the three
 *       planes; scales halve every axis still longer than one voxel.</li>
 * </ul>
 * Scales are added until the longest downsampled axis is at most {@link #COARSEST} voxels.
 * Scale keys are the factors ({@code 1_1_1}, {@code 2_2_1}, …). The info file is written with a
 * fixed member order, so it is byte-identical across runs and between the API and the static bake.
 */
public final class PrecomputedVolume {

    /** The pyramid ends at the first scale whose longest (downsampled) axis fits this. */
    public static final int COARSEST = 256;

    private static final int[] FRAME_CHUNK = {256, 256, 1};
    private static final int[] VOLUME_CHUNK = {64, 64, 64};
    private static final Pattern CHUNK_NAME = Pattern.compile("(\\d+)-(\\d+)_(\\d+)-(\\d+)_(\\d+)-(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrecomputedType dataType;
    private final long[] sourceShape;
    private final List<PrecomputedScale> scales;

    private PrecomputedVolume(PrecomputedType dataType, long[] sourceShape, List<PrecomputedScale> scales) {
        this.dataType = dataType;
        this.sourceShape = sourceShape;
        this.scales = List.copyOf(scales);
    }

    /**
     * A stack of frames.
     *
     * @param shape        the dataset's shape: (frames, y, x), or (y, x) for a single frame;
     *                     leading axes of extent 1 are allowed
     * @param dtype        the dataset's NumPy-style dtype
     * @param resolutionNm voxel size (x, y, z) in nanometres; z is the frame step, for which the
     *                     pixel size is a sensible choice
     */
    public static PrecomputedVolume frames(long[] shape, String dtype, double[] resolutionNm) {
        long[] zyx = zyx(shape, true);
        return new PrecomputedVolume(PrecomputedType.forDtype(dtype), shape.clone(),
                pyramid(zyx, resolutionNm, FRAME_CHUNK, false));
    }

    /**
     * A 3D volume.
     *
     * @param shape        the dataset's shape (z, y, x); leading axes of extent 1 are allowed
     * @param dtype        the dataset's NumPy-style dtype
     * @param resolutionNm voxel size (x, y, z) in nanometres
     */
    public static PrecomputedVolume volume(long[] shape, String dtype, double[] resolutionNm) {
        long[] zyx = zyx(shape, false);
        return new PrecomputedVolume(PrecomputedType.forDtype(dtype), shape.clone(),
                pyramid(zyx, resolutionNm, VOLUME_CHUNK, true));
    }

    /** The same volume listing only {@code kept} of its scales (for a bake that left fine ones out). */
    public PrecomputedVolume withScales(List<PrecomputedScale> kept) {
        List<PrecomputedScale> ordered = new ArrayList<>();
        for (PrecomputedScale s : scales) {
            if (kept.contains(s)) {
                ordered.add(s);
            }
        }
        return new PrecomputedVolume(dataType, sourceShape, ordered);
    }

    public PrecomputedType dataType() {
        return dataType;
    }

    /** The scales, finest first. */
    public List<PrecomputedScale> scales() {
        return scales;
    }

    /** The source dataset's shape, as given. */
    public long[] sourceShape() {
        return sourceShape.clone();
    }

    /** The scale with this key. */
    public Optional<PrecomputedScale> scale(String key) {
        return scales.stream().filter(s -> s.key().equals(key)).findFirst();
    }

    /** Every chunk of {@code scale}, z slowest, x fastest. */
    public List<ChunkBox> chunks(PrecomputedScale scale) {
        long[] g = scale.grid();
        List<ChunkBox> out = new ArrayList<>();
        for (long gz = 0; gz < g[2]; gz++) {
            for (long gy = 0; gy < g[1]; gy++) {
                for (long gx = 0; gx < g[0]; gx++) {
                    out.add(box(scale, gx, gy, gz));
                }
            }
        }
        return out;
    }

    /**
     * The chunk named {@code name} ({@code x0-x1_y0-y1_z0-z1}) in the scale {@code key}, if it is
     * one of the volume's chunks exactly (on the grid, edges truncated as the format says).
     * Anything else, including names that merely overlap the volume, is empty: a request for it
     * is a 404.
     */
    public Optional<ChunkBox> chunk(String key, String name) {
        Optional<PrecomputedScale> scale = scale(key);
        Matcher m = CHUNK_NAME.matcher(name == null ? "" : name);
        if (scale.isEmpty() || !m.matches()) {
            return Optional.empty();
        }
        long[] begin = new long[3];
        try {
            for (int a = 0; a < 3; a++) {
                begin[a] = Long.parseLong(m.group(2 * a + 1));
            }
        } catch (NumberFormatException tooLong) {
            return Optional.empty();
        }
        PrecomputedScale s = scale.get();
        long[] g = s.grid();
        for (int a = 0; a < 3; a++) {
            if (begin[a] % s.chunkSize()[a] != 0 || begin[a] / s.chunkSize()[a] >= g[a]) {
                return Optional.empty();
            }
        }
        ChunkBox box = box(s, begin[0] / s.chunkSize()[0], begin[1] / s.chunkSize()[1], begin[2] / s.chunkSize()[2]);
        return box.name().equals(name) ? Optional.of(box) : Optional.empty();
    }

    /** The {@code info} file: UTF-8 JSON, members in a fixed order. */
    public byte[] info() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("@type", "neuroglancer_multiscale_volume");
        root.put("type", "image");
        root.put("data_type", dataType.id());
        root.put("num_channels", 1);
        List<Map<String, Object>> list = new ArrayList<>();
        for (PrecomputedScale s : scales) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", s.key());
            m.put("size", s.size());
            m.put("resolution", Arrays.stream(s.resolution()).mapToObj(PrecomputedVolume::number).toList());
            m.put("voxel_offset", new long[] {0, 0, 0});
            m.put("chunk_sizes", new int[][] {s.chunkSize()});
            m.put("encoding", "raw");
            list.add(m);
        }
        root.put("scales", list);
        try {
            return JSON.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write precomputed info", e);
        }
    }

    /** Whole numbers as integers ({@code 55000}, not {@code 55000.0}), others as given. */
    private static Object number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? (Object) (long) v : (Object) v;
    }

    private static ChunkBox box(PrecomputedScale s, long gx, long gy, long gz) {
        int[] c = s.chunkSize();
        long[] size = s.size();
        return new ChunkBox(s,
                gx * c[0], Math.min((gx + 1) * c[0], size[0]),
                gy * c[1], Math.min((gy + 1) * c[1], size[1]),
                gz * c[2], Math.min((gz + 1) * c[2], size[2]));
    }

    /** The source shape as (z, y, x), leading extent-1 axes dropped; a lone frame gets z = 1. */
    static long[] zyx(long[] shape, boolean framesAllowed2d) {
        int first = 0;
        while (first < shape.length - 3 && shape[first] == 1) {
            first++;
        }
        long[] s = Arrays.copyOfRange(shape, first, shape.length);
        if (s.length == 2 && framesAllowed2d) {
            s = new long[] {1, s[0], s[1]};
        }
        if (s.length != 3 || Arrays.stream(s).anyMatch(n -> n <= 0)) {
            throw new IllegalArgumentException("a precomputed " + (framesAllowed2d ? "frame stack needs shape (frames, y, x) or (y, x)"
                    : "volume needs shape (z, y, x)") + ", got " + Arrays.toString(shape));
        }
        return s;
    }

    private static List<PrecomputedScale> pyramid(long[] zyx, double[] resolutionNm, int[] chunk, boolean downsampleZ) {
        if (resolutionNm.length != 3 || Arrays.stream(resolutionNm).anyMatch(r -> !(r > 0) || Double.isInfinite(r))) {
            throw new IllegalArgumentException("resolution needs three positive sizes (x, y, z) in nm, got "
                    + Arrays.toString(resolutionNm));
        }
        long[] full = {zyx[2], zyx[1], zyx[0]};
        int[] factor = {1, 1, 1};
        List<PrecomputedScale> scales = new ArrayList<>();
        while (true) {
            long[] size = new long[3];
            double[] resolution = new double[3];
            for (int a = 0; a < 3; a++) {
                size[a] = (full[a] + factor[a] - 1) / factor[a];
                resolution[a] = resolutionNm[a] * factor[a];
            }
            scales.add(new PrecomputedScale(factor[0] + "_" + factor[1] + "_" + factor[2], factor.clone(), size,
                    resolution, chunk.clone()));
            int axes = downsampleZ ? 3 : 2;
            long longest = 0;
            for (int a = 0; a < axes; a++) {
                longest = Math.max(longest, size[a]);
            }
            if (longest <= COARSEST) {
                return scales;
            }
            for (int a = 0; a < axes; a++) {
                if (size[a] > 1) {
                    factor[a] *= 2;
                }
            }
        }
    }
}
