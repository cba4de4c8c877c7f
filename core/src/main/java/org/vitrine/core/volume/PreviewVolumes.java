package org.vitrine.core.volume;

import java.util.Arrays;
import java.util.OptionalDouble;
import org.vitrine.core.model.DataFile;
import org.vitrine.core.model.Dataset;
import org.vitrine.core.model.FileKind;
import org.vitrine.core.model.Parameter;
import org.vitrine.core.units.UnitTable;

/**
 * Which files of a dataset are published as precomputed volumes, and how: diffraction frames and
 * 2D images as frame stacks ({@link PrecomputedVolume#frames}), volumes as 3D volumes
 * ({@link PrecomputedVolume#volume}), with the resolution taken from the dataset's
 * {@code pixel_size} (frames, images) or {@code voxel_size} (volumes) parameter. The API and the
 * static bake both ask here, so they describe a file the same way.
 */
public final class PreviewVolumes {

    /** Voxel size used when the dataset states none: 1 µm, so that tools still get a positive size. */
    public static final double UNKNOWN_SIZE_NM = 1000;

    private PreviewVolumes() {
    }

    /** True when {@code file} is a local file naming a dataset to preview as frames, volume or image. */
    public static boolean isPreviewable(DataFile file) {
        return file.isLocal() && file.dataset() != null && file.kind() != FileKind.NONE;
    }

    /**
     * The precomputed volume of {@code file} of {@code dataset}, whose preview dataset has
     * {@code shape} and {@code dtype}.
     *
     * @throws IllegalArgumentException when the file is not previewable or the shape or type does
     *                                  not suit its kind (colour images, strings, …)
     */
    public static PrecomputedVolume of(Dataset dataset, DataFile file, long[] shape, String dtype) {
        if (!isPreviewable(file)) {
            throw new IllegalArgumentException(file.name() + " has no preview dataset");
        }
        double size = voxelSizeNm(dataset, file.kind()).orElse(UNKNOWN_SIZE_NM);
        double[] resolution = {size, size, size};
        return switch (file.kind()) {
            case VOLUME -> PrecomputedVolume.volume(shape, dtype, resolution);
            case IMAGE -> {
                long[] s = Arrays.stream(shape).dropWhile(n -> n == 1).toArray();
                if (s.length != 2) {
                    throw new IllegalArgumentException("an image published as a volume needs shape (y, x), got "
                            + Arrays.toString(shape));
                }
                yield PrecomputedVolume.frames(shape, dtype, resolution);
            }
            default -> PrecomputedVolume.frames(shape, dtype, resolution);
        };
    }

    /**
     * The pixel ({@code pixel_size}) or voxel ({@code voxel_size}) size of {@code dataset} in
     * nanometres, for files of {@code kind}; empty when the dataset states none in a length unit.
     */
    public static OptionalDouble voxelSizeNm(Dataset dataset, FileKind kind) {
        String name = kind == FileKind.VOLUME ? "voxel_size" : "pixel_size";
        for (Parameter p : dataset.parameters()) {
            if (p.name().equals(name) && UnitTable.find(p.unit()).filter(u -> UnitTable.fits(name, u)).isPresent()) {
                // Decimal shift, so 2.5 µm is exactly 2500 nm in the info file.
                double nm = new java.math.BigDecimal(Double.toString(UnitTable.toSi(p.value(), p.unit()).value())).movePointRight(9).doubleValue();
                if (nm > 0 && Double.isFinite(nm)) {
                    return OptionalDouble.of(nm);
                }
            }
        }
        return OptionalDouble.empty();
    }
}
