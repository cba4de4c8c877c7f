package org.vitrine.core.model;

/**
 * A file that belongs to a dataset, as the curator referenced it.
 *
 * @param path    path relative to the data root, or null for a file only available at {@code url}
 * @param url     public download URL, or null to publish the file with the site
 * @param role    what the file is (raw data, reconstruction, mask, …), free text
 * @param dataset HDF5 path of the dataset to preview, or null
 * @param kind    how to preview it
 * @param preview preview options
 */
public record DataFile(String path, String url, String role, String dataset, FileKind kind, PreviewOptions preview) {

    /** The file's name: the last segment of its path or URL. */
    public String name() {
        String s = path != null ? path : url;
        if (s == null) {
            return "";
        }
        int q = s.indexOf('?');
        if (q >= 0 && path == null) {
            s = s.substring(0, q);
        }
        return s.substring(s.lastIndexOf('/') + 1);
    }

    /** True when the file is on the data root, so it can be read, checked and previewed. */
    public boolean isLocal() {
        return path != null;
    }
}
