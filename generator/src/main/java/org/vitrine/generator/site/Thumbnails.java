package org.vitrine.generator.site;

import org.vitrine.core.content.ContentHash;
import org.vitrine.core.hdf5.Hdf5Dataset;
import org.vitrine.core.hdf5.Hdf5Exception;
import org.vitrine.core.hdf5.Hdf5File;
import org.vitrine.core.hdf5.Hdf5Files;
import org.vitrine.core.imaging.CxiMask;
import org.vitrine.core.imaging.DatasetSlices;
import org.vitrine.core.imaging.SliceSource;
import org.vitrine.core.imaging.Thumbnail;
import org.vitrine.core.imaging.Thumbnailer;
import org.vitrine.core.model.DataFile;
import org.vitrine.core.model.Dataset;
import org.vitrine.core.model.FileFacts;
import org.vitrine.core.model.FileKind;
import org.vitrine.core.model.PreviewOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Makes dataset thumbnails from their HDF5 files with hyperslab reads only, in a small and a
 * large size. Each picture is cached under a key of the file's checksum, the dataset path and
 * the options, so an unchanged dataset is not read again.
 */
public final class Thumbnails implements ThumbnailWriter {

    private final Hdf5Files hdf5;

    public Thumbnails(Hdf5Files hdf5) {
        this.hdf5 = hdf5;
    }

    @Override
    public List<PreviewImage> prepare(Dataset dataset, Path dataRoot, Path cache) {
        List<PreviewImage> images = new ArrayList<>();
        for (int i = 0; i < dataset.files().size(); i++) {
            DataFile file = dataset.files().get(i);
            FileFacts facts = dataset.factsOf(file);
            if (!file.isLocal() || file.kind() == FileKind.NONE || file.dataset() == null || facts == null || facts.shape() == null) {
                continue;
            }
            String small = "thumb-" + i + ".png";
            String large = "thumb-" + i + "-large.png";
            String key = ContentHash.of(Thumbnailer.RENDERING_VERSION + '|' + facts.sha256() + '|' + file.dataset() + '|' + file.kind() + '|' + file.preview());
            int[] size = new int[2];
            Path cached = cache.resolve("thumbnails").resolve(key + "-" + Thumbnailer.SMALL + ".png");
            Path cachedLarge = cache.resolve("thumbnails").resolve(key + "-" + Thumbnailer.LARGE + ".png");
            try {
                if (Files.isRegularFile(cached) && Files.isRegularFile(cachedLarge)) {
                    size = pngSize(Files.readAllBytes(cached));
                } else {
                    Thumbnail s;
                    Thumbnail l;
                    try (Hdf5File h5 = hdf5.open(SiteBuilder.guarded(dataRoot, dataset, file))) {
                        Hdf5Dataset data = h5.dataset(file.dataset());
                        SliceSource mask = file.kind() == FileKind.DIFFRACTION ? CxiMask.beside(h5, file.dataset()) : null;
                        s = Thumbnailer.render(file.kind(), new DatasetSlices(data), mask, file.preview(), Thumbnailer.SMALL);
                        l = Thumbnailer.render(file.kind(), new DatasetSlices(data), mask, file.preview(), Thumbnailer.LARGE);
                    }
                    size = new int[]{s.width(), s.height()};
                    Files.createDirectories(cached.getParent());
                    // Datasets sharing a file render in parallel: publish each picture whole, small last.
                    writeAtomically(cachedLarge, l.png());
                    writeAtomically(cached, s.png());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot make the thumbnail of " + file.path(), e);
            } catch (Hdf5Exception | IllegalArgumentException e) {
                throw new PreviewException(file, "no preview of '" + file.dataset() + "' in " + file.path() + ": " + e.getMessage(), e);
            }
            images.add(new PreviewImage(small, large, size[0], size[1], alt(file, facts), cached, cachedLarge, i));
        }
        return images;
    }

    private static String alt(DataFile file, FileFacts facts) {
        PreviewOptions o = file.preview();
        String shape = facts.shape().stream().map(String::valueOf).collect(Collectors.joining(" × "));
        return switch (file.kind()) {
            case DIFFRACTION -> {
                long frames = facts.shape().size() == 3 ? facts.shape().get(0) : 1;
                long frame = o.frame() != null ? o.frame() : frames / 2;
                yield "Diffraction frame " + frame + " of " + frames + " from " + file.dataset() + " (" + shape + "), "
                        + (o.scale() == null ? "log" : o.scale()) + " scale, " + (o.colormap() == null ? "inferno" : o.colormap()) + " colormap";
            }
            case VOLUME -> "Central xy, xz and yz slices of the volume " + file.dataset() + " (" + shape + "), "
                    + (o.colormap() == null ? "gray" : o.colormap()) + " colormap, 0.5–99.5 % window";
            case IMAGE -> "Image " + file.dataset() + " (" + shape + "), " + (o.scale() == null ? "linear" : o.scale()) + " scale, "
                    + (o.colormap() == null ? "gray" : o.colormap()) + " colormap";
            case NONE -> file.name().toLowerCase(Locale.ROOT);
        };
    }

    private static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Width and height from a PNG's IHDR chunk. */
    private static int[] pngSize(byte[] png) {
        if (png.length < 24) {
            throw new IllegalStateException("cached thumbnail is not a PNG: " + Arrays.toString(Arrays.copyOf(png, png.length)));
        }
        int w = ((png[16] & 0xff) << 24) | ((png[17] & 0xff) << 16) | ((png[18] & 0xff) << 8) | (png[19] & 0xff);
        int h = ((png[20] & 0xff) << 24) | ((png[21] & 0xff) << 16) | ((png[22] & 0xff) << 8) | (png[23] & 0xff);
        return new int[]{w, h};
    }
}
