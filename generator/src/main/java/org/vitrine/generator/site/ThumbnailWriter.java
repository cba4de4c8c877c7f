package org.vitrine.generator.site;

import org.vitrine.core.model.Dataset;

import java.nio.file.Path;
import java.util.List;

/** Makes the preview images of a dataset, writing them beside its page. */
public interface ThumbnailWriter {

    /** Writes the dataset's thumbnails into {@code out} under its page folder and describes them. */
    List<PreviewImage> write(Dataset dataset, Path dataRoot, OutputTree out);
}
