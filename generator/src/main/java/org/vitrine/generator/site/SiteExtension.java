package org.vitrine.generator.site;

import org.vitrine.core.model.Collection;

import java.nio.file.Path;

/** A further output baked into the site tree after the pages, such as the search index or preview volumes. */
public interface SiteExtension {

    /**
     * Writes this output for the collection's public datasets into {@code out}.
     *
     * @param digests the digest of each public dataset, for skipping work on unchanged ones
     */
    void write(Collection collection, DatasetDigests digests, Path dataRoot, OutputTree out);
}
