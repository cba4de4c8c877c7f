package org.vitrine.api.h5grove;

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

    private final Path dataRoot;
    private final Map<String, String> localPathByName = new HashMap<>();

    /**
     * @param collection the loaded collection; only {@link Collection#publicDatasets()} are served
     * @param dataRoot   the folder local file paths are relative to
     */
    public CollectionResolver(Collection collection, Path dataRoot) {
        this.dataRoot = dataRoot;
        for (Dataset dataset : collection.publicDatasets()) {
            for (DataFile file : dataset.files()) {
                if (file.isLocal()) {
                    localPathByName.putIfAbsent(dataset.id() + "/" + file.name(), file.path());
                }
            }
        }
    }

    @Override
    public Path resolve(String name) {
        String local = name == null ? null : localPathByName.get(name);
        if (local == null) {
            throw SafePaths.notFound(name);
        }
        return SafePaths.under(dataRoot, local, name);
    }
}
