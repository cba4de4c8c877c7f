package org.vitrine.generator.site;

import org.vitrine.core.content.StateTable;
import org.vitrine.core.model.Collection;
import org.vitrine.core.model.Dataset;
import org.vitrine.core.search.DatasetLinks;
import org.vitrine.core.search.SearchIndexWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Lucene index that the API's search answers from, kept beside the site (never published)
 * by the bakes of {@code vitrine serve}; a static build has no use for it. It holds the same
 * public datasets as {@link StaticSearchIndex}. After a change, only the changed datasets are
 * analysed again: the index keeps a digest of each dataset it holds.
 */
public final class ApiSearchIndex implements SiteExtension {

    /** Digest of each indexed dataset's record, by id, kept inside the Lucene folder. */
    private static final String DIGESTS = "vitrine-documents.state";

    private final Path luceneDirectory;

    /** @param luceneDirectory where the API's index goes, outside the site folder */
    public ApiSearchIndex(Path luceneDirectory) {
        this.luceneDirectory = luceneDirectory;
    }

    /** The Lucene index folder that belongs to a site folder: a sibling, never inside it. */
    public static Path luceneDirectoryFor(Path site) {
        return site.resolveSibling(site.getFileName() + "-" + SearchIndexWriter.DEFAULT_DIRECTORY);
    }

    @Override
    public void write(Collection collection, DatasetDigests digests, Path dataRoot, OutputTree out) {
        List<Dataset> datasets = collection.publicDatasets();
        try {
            Map<String, String> previous = readDigests();
            List<Dataset> changed = new ArrayList<>();
            for (Dataset d : datasets) {
                if (previous == null || !digests.of(d.id()).equals(previous.get(d.id()))) {
                    changed.add(d);
                }
            }
            Set<String> removed = new HashSet<>(previous == null ? Set.of() : previous.keySet());
            removed.removeAll(digests.byId().keySet());
            if (previous != null && changed.isEmpty() && removed.isEmpty()) {
                return;
            }
            // No index yet, or most of it changed (a new build of Vitrine, new site settings): start afresh.
            boolean afresh = previous == null || changed.size() > datasets.size() / 2;
            try {
                if (!afresh) {
                    SearchIndexWriter.update(luceneDirectory, DatasetLinks.DEFAULT, changed, removed);
                }
            } catch (IOException e) {
                afresh = true; // A damaged or foreign index is simply written again.
            }
            if (afresh) {
                SearchIndexWriter.write(datasets, luceneDirectory, DatasetLinks.DEFAULT);
            }
            writeDigests(digests.byId());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the search index in " + luceneDirectory, e);
        }
    }

    /**
     * The digests of the datasets in the index, or null when there is no usable index to update
     * (no digests, unreadable ones, or none at all: an empty index is cheaper to write than to check).
     */
    private Map<String, String> readDigests() {
        Map<String, StateTable.Value> rows = StateTable.read(luceneDirectory.resolve(DIGESTS));
        if (rows.isEmpty()) {
            return null;
        }
        Map<String, String> out = new HashMap<>(rows.size() * 4 / 3 + 1);
        rows.forEach((id, digest) -> out.put(id, digest.text()));
        return out;
    }

    private void writeDigests(Map<String, String> digests) {
        Map<String, StateTable.Value> rows = new HashMap<>(digests.size() * 4 / 3 + 1);
        digests.forEach((id, digest) -> rows.put(id, StateTable.Value.of(digest)));
        StateTable.write(luceneDirectory.resolve(DIGESTS), rows);
    }
}
