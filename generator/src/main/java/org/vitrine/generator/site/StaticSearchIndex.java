package org.vitrine.generator.site;

import org.vitrine.core.model.Collection;
import org.vitrine.core.search.DatasetLinks;
import org.vitrine.core.search.StaticIndexWriter;

import java.nio.file.Path;

/**
 * The static search index in the site ({@code search-index/}): the public datasets as the search
 * page searches them in the browser when the site has no API. Written whole on every build; files
 * whose bytes did not change are left as they are.
 */
public final class StaticSearchIndex implements SiteExtension {

    @Override
    public void write(Collection collection, DatasetDigests digests, Path dataRoot, OutputTree out) {
        StaticIndexWriter.write(collection.publicDatasets(), DatasetLinks.DEFAULT, out::write);
    }
}
