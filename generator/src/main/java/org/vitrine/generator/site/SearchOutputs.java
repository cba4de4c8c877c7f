package org.vitrine.generator.site;

import org.vitrine.core.model.Collection;
import org.vitrine.core.search.DatasetLinks;
import org.vitrine.core.search.SearchIndexWriter;
import org.vitrine.core.search.StaticIndexWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The two search indexes of a build: {@code search-index.json} in the site, searched in the
 * browser, and a Lucene index beside the site (never published) that the API opens. Both hold
 * the same public datasets; the Lucene index is rewritten only when the static one changed, so a
 * rebuild that changed nothing searchable leaves the API's index alone.
 */
public final class SearchOutputs implements SiteExtension {

    /** Digest of the static index the Lucene index was last written from. */
    private static final String STAMP = "vitrine-source.sha256";

    private final Path luceneDirectory;

    /** @param luceneDirectory where the API's index goes, outside the site folder */
    public SearchOutputs(Path luceneDirectory) {
        this.luceneDirectory = luceneDirectory;
    }

    /** The Lucene index folder that belongs to a site folder: a sibling, never inside it. */
    public static Path luceneDirectoryFor(Path site) {
        return site.resolveSibling(site.getFileName() + "-" + SearchIndexWriter.DEFAULT_DIRECTORY);
    }

    @Override
    public void write(Collection collection, Path dataRoot, OutputTree out) {
        String json = StaticIndexWriter.toJson(collection.publicDatasets(), DatasetLinks.DEFAULT);
        out.write(StaticIndexWriter.DEFAULT_FILE, json);
        String key = SiteBuilder.sha256(json);
        Path stamp = luceneDirectory.resolve(STAMP);
        try {
            if (Files.isRegularFile(stamp) && Files.readString(stamp).equals(key)) {
                return;
            }
            SearchIndexWriter.write(collection.publicDatasets(), luceneDirectory, DatasetLinks.DEFAULT);
            Files.writeString(stamp, key);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the search index in " + luceneDirectory, e);
        }
    }
}
