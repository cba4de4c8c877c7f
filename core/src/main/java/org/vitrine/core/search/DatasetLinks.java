package org.vitrine.core.search;

import org.vitrine.core.model.Dataset;

/**
 * Where the site puts a dataset's page and thumbnail, as site-relative URLs (no leading slash),
 * so search hits link to what the generator wrote.
 */
public interface DatasetLinks {

    /** The dataset page. */
    String page(Dataset dataset);

    /** The small thumbnail, or null when the dataset has no preview. */
    String thumbnail(Dataset dataset);

    /** {@code datasets/<id>/} and {@code thumbnails/<id>-small.png}. */
    DatasetLinks DEFAULT = new DatasetLinks() {
        @Override
        public String page(Dataset dataset) {
            return "datasets/" + dataset.id() + "/";
        }

        @Override
        public String thumbnail(Dataset dataset) {
            return dataset.previewFile() == null ? null : "thumbnails/" + dataset.id() + "-small.png";
        }
    };
}
