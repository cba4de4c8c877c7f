package org.vitrine.core.model;

import java.util.List;

/**
 * Everything loaded from a content folder. Holds every dataset, public or not; outputs filter
 * with {@link #publicDatasets()}.
 */
public record Collection(SiteConfig site, List<Dataset> datasets, List<Page> pages, Visibility visibility) {

    public Collection {
        datasets = List.copyOf(datasets);
        pages = List.copyOf(pages);
    }

    /** Datasets that may be shown, in id order. */
    public List<Dataset> publicDatasets() {
        return datasets.stream().filter(visibility::isPublic).toList();
    }
}
