package org.vitrine.generator.site;

import org.vitrine.core.model.Collection;
import org.vitrine.core.model.Dataset;
import org.vitrine.core.search.DatasetLinks;
import org.vitrine.core.search.StaticIndexWriter;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * {@code search-index.json} in the site: the public datasets as the search page reads them in the
 * browser when the site has no API. Each dataset's entry is remembered by its digest, so after
 * one edit one entry is made again.
 */
public final class StaticSearchIndex implements SiteExtension {

    @Override
    public void write(Collection collection, DatasetDigests digests, Path dataRoot, OutputTree out) {
        List<Dataset> datasets = collection.publicDatasets();
        Function<Dataset, byte[]> entry = d -> out.memoBytes("search-doc:" + digests.of(d.id()),
                () -> StaticIndexWriter.docJson(d, DatasetLinks.DEFAULT));
        if (out.isFresh(StaticIndexWriter.DEFAULT_FILE, digests.all())) {
            datasets.forEach(entry::apply); // keeps the remembered entries for the next build
        } else {
            out.write(StaticIndexWriter.DEFAULT_FILE, StaticIndexWriter.toJson(datasets, entry));
        }
    }
}
