package org.vitrine.api.h5grove;

import org.vitrine.core.content.SafePaths;
import org.vitrine.core.model.Collection;
import org.vitrine.core.model.DataFile;
import org.vitrine.core.model.Dataset;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Serves the local files of the collection's public datasets by logical name,
 * {@code <dataset-id>/<file-name>}. Files of drafts and embargoed datasets are unknown names:
 * they are answered exactly as a missing file is.
 */
public final class CollectionResolver implements FileResolver {

    /** What is served: swapped whole, so a request sees one build or the next, never a mix. */
    private record Served(Path dataRoot, Map<String, String> localPathByName) {
    }

    private volatile Served served;

    /**
     * @param collection the loaded collection; only {@link Collection#publicDatasets()} are served
     * @param dataRoot   the folder local file paths are relative to
     */
    public CollectionResolver(Collection collection, Path dataRoot) {
        update(collection, dataRoot);
    }

    /** Serves the files of {@code collection} from now on (after a rebuild); a file no longer public is gone at once. */
    public void update(Collection collection, Path dataRoot) {
        Map<String, String> localPathByName = new HashMap<>();
        for (Dataset dataset : collection.publicDatasets()) {
            for (DataFile file : dataset.files()) {
                if (file.isLocal()) {
                    localPathByName.putIfAbsent(dataset.logicalName(file), file.path());
                }
            }
        }
        served = new Served(dataRoot, Map.copyOf(localPathByName));
    }

    @Override
    public Path resolve(String name) {
        Served s = served;
        String local = name == null ? null : s.localPathByName().get(name);
        if (local == null) {
            throw FileResolver.notFound(name);
        }
        try {
            return SafePaths.fileUnder(s.dataRoot(), local);
        } catch (SafePaths.Refused e) {
            throw FileResolver.notFound(name);
        }
    }
}
