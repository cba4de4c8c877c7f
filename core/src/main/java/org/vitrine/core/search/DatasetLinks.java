package org.vitrine.core.search;

import org.vitrine.core.model.DataFile;
import org.vitrine.core.model.Dataset;
import org.vitrine.core.model.FileFacts;
import org.vitrine.core.model.FileKind;

/**
 * Where the site puts a dataset's page and thumbnail, as site-relative URLs (no leading slash),
 * so search hits link to what the generator wrote.
 */
public interface DatasetLinks {

    /** The dataset page. */
    String page(Dataset dataset);

    /** The small thumbnail, or null when the dataset has no preview. */
    String thumbnail(Dataset dataset);

    /**
     * The generator's layout: {@code datasets/<id>/}, and {@code datasets/<id>/thumb-<i>.png} for
     * the first file {@code i} that has a preview (local, previewable kind, an HDF5 dataset path and
     * a shape read from the file).
     */
    DatasetLinks DEFAULT = new DatasetLinks() {
        @Override
        public String page(Dataset dataset) {
            return "datasets/" + dataset.id() + "/";
        }

        @Override
        public String thumbnail(Dataset dataset) {
            for (int i = 0; i < dataset.files().size(); i++) {
                DataFile f = dataset.files().get(i);
                FileFacts facts = dataset.factsOf(f);
                if (f.isLocal() && f.kind() != FileKind.NONE && f.dataset() != null && facts != null && facts.shape() != null) {
                    return page(dataset) + "thumb-" + i + ".png";
                }
            }
            return null;
        }
    };
}
