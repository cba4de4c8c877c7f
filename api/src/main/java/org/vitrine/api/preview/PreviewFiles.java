package org.vitrine.api.preview;

import org.vitrine.api.ApiException;
import org.vitrine.api.h5grove.FileResolver;
import org.vitrine.core.model.Collection;
import org.vitrine.core.model.DataFile;
import org.vitrine.core.model.Dataset;
import org.vitrine.core.volume.PreviewVolumes;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The previewable files of the collection's public datasets, by logical name
 * {@code <dataset-id>/<file-name>}: what tiles and precomputed volumes are made from. The local
 * path comes from a {@link FileResolver} (the same traversal guard and embargo rule as the data
 * API); drafts, embargoed datasets and files without a preview dataset are all unknown names.
 */
public final class PreviewFiles {

    /** A file to preview: its logical name, where it is, and what the curator said about it. */
    public record PreviewFile(String name, Path path, Dataset dataset, DataFile file) {
    }

    private final FileResolver resolver;
    private volatile Map<String, Map.Entry<Dataset, DataFile>> byName;

    /**
     * @param collection the loaded collection; only its public datasets are served
     * @param resolver   turns a logical name into a local path, refusing what may not be served
     */
    public PreviewFiles(Collection collection, FileResolver resolver) {
        this.resolver = resolver;
        update(collection);
    }

    /** Serves the files of {@code collection} from now on (after a rebuild). */
    public void update(Collection collection) {
        Map<String, Map.Entry<Dataset, DataFile>> index = new HashMap<>();
        for (Dataset d : collection.publicDatasets()) {
            for (DataFile f : d.files()) {
                if (PreviewVolumes.isPreviewable(f)) {
                    index.putIfAbsent(d.logicalName(f), Map.entry(d, f));
                }
            }
        }
        byName = Map.copyOf(index);
    }

    /**
     * The file {@code fileName} of the dataset {@code datasetId}.
     *
     * @throws ApiException 404 {@code File not found: <name>} for anything that is not a
     *                      previewable file of a public dataset
     */
    public PreviewFile find(String datasetId, String fileName) {
        String name = datasetId + "/" + fileName;
        Map.Entry<Dataset, DataFile> known = byName.get(name);
        if (known == null) {
            throw ApiException.notFound("File not found: " + name);
        }
        return new PreviewFile(name, resolver.resolve(name), known.getKey(), known.getValue());
    }
}
