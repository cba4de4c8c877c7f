package org.vitrine.generator.site;

import org.vitrine.core.model.Dataset;

import java.nio.file.Path;
import java.util.List;

/** Makes dataset thumbnails from their HDF5 files. */
public final class Thumbnails implements ThumbnailWriter {

    @Override
    public List<Thumbnail> write(Dataset dataset, Path dataRoot, OutputTree out) {
        return List.of();
    }
}
