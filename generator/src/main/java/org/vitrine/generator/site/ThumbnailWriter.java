package org.vitrine.generator.site;

import org.vitrine.core.model.DataFile;
import org.vitrine.core.model.Dataset;

import java.nio.file.Path;
import java.util.List;

/**
 * Makes the preview images of a dataset. Rendering happens before anything is published, into
 * the build cache, so a file that cannot be previewed stops the build with nothing written.
 */
public interface ThumbnailWriter {

    /**
     * Renders (or finds already rendered) the dataset's previews under {@code cache}.
     *
     * @throws PreviewException when a file's preview cannot be made
     */
    List<PreviewImage> prepare(Dataset dataset, Path dataRoot, Path cache);

    /** A file whose preview cannot be made: its data cannot be read or do not suit its kind. */
    final class PreviewException extends RuntimeException {
        private final DataFile file;

        public PreviewException(DataFile file, String message, Throwable cause) {
            super(message, cause);
            this.file = file;
        }

        public DataFile file() {
            return file;
        }
    }
}
