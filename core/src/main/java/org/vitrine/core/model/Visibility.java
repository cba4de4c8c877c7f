package org.vitrine.core.model;

import java.time.LocalDate;

/**
 * The one place that decides whether a dataset may appear anywhere: pages, thumbnails, feeds,
 * indexes, exports and API answers all ask this.
 */
public final class Visibility {

    private final LocalDate today;

    /** @param today the date a build or request is made on; releases after it are embargoed */
    public Visibility(LocalDate today) {
        this.today = today;
    }

    public LocalDate today() {
        return today;
    }

    /** True when the dataset is published and its release date has come. */
    public boolean isPublic(Dataset dataset) {
        return dataset.status() == Status.PUBLISHED
                && (dataset.released() == null || !dataset.released().isAfter(today));
    }
}
