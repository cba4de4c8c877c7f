package org.vitrine.core.model;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;

/**
 * A file that belongs to a dataset, as the curator referenced it.
 *
 * @param path    path relative to the data root, or null for a file only available at {@code url}
 * @param url     public download URL, or null to publish the file with the site
 * @param name    the name the file is published under, decided here once for the site and the
 *                API alike: the curator's {@code name}, else the last segment of its path, else
 *                of its URL (see {@link #defaultName})
 * @param role    what the file is (raw data, reconstruction, mask, …), free text
 * @param dataset HDF5 path of the dataset to preview, or null
 * @param kind    how to preview it
 * @param preview preview options
 */
public record DataFile(String path, String url, String name, String role, String dataset, FileKind kind, PreviewOptions preview) {

    /** The HDF5 family: what a local file must be, and what a linked file with these endings is. */
    private static final Map<String, String> HDF5_FORMATS = Map.of("cxi", "CXI", "nxs", "NeXus", "nx5", "NeXus",
            "h5", "HDF5", "hdf5", "HDF5", "hdf", "HDF5", "he5", "HDF5");
    /** Media types of what else facilities link to, by file ending. */
    private static final Map<String, String> OTHER_MEDIA_TYPES = Map.of("zip", "application/zip", "tar", "application/x-tar",
            "gz", "application/gzip", "tgz", "application/gzip", "tif", "image/tiff", "tiff", "image/tiff",
            "json", "application/json", "csv", "text/csv", "txt", "text/plain", "pdf", "application/pdf");
    public static final String HDF5_MEDIA_TYPE = "application/x-hdf5";
    /** The folder beside a dataset's page that its published files are copied into. */
    public static final String FILES_FOLDER = "files/";

    public DataFile {
        if (name == null) {
            name = defaultName(path, url);
        }
    }

    /** A file published under its {@link #defaultName default name}. */
    public DataFile(String path, String url, String role, String dataset, FileKind kind, PreviewOptions preview) {
        this(path, url, null, role, dataset, kind, preview);
    }

    /** The endings of HDF5 files' names ({@code cxi}, {@code nxs}, {@code h5}, …), lower case. */
    public static java.util.Set<String> hdf5Endings() {
        return HDF5_FORMATS.keySet();
    }

    /**
     * The name a file is published under when the curator gives none: the last segment of its
     * path, else the decoded last segment of its URL. A {@link #isLink link} is named by its
     * address without the scheme ({@code human-organ-atlas.esrf.fr},
     * {@code zenodo.org/records/17899482}).
     */
    public static String defaultName(String path, String url) {
        if (path != null) {
            return lastSegmentOfPath(path);
        }
        if (url == null) {
            return "";
        }
        if (!endingOf(lastSegmentOfUrl(url)).isEmpty()) {
            return lastSegmentOfUrl(url);
        }
        try {
            URI u = new URI(url);
            String where = (u.getHost() == null ? "" : u.getHost()) + (u.getPath() == null ? "" : u.getPath());
            return where.isEmpty() ? url : where.replaceAll("/+$", "");
        } catch (URISyntaxException e) {
            return url;
        }
    }

    /**
     * Where the published copy of this file is, relative to its dataset's page: {@code files/<name>}.
     * Only a local file without a URL is copied; the others are linked where they are.
     */
    public String pathOnPage() {
        return FILES_FOLDER + name;
    }

    private static String lastSegmentOfPath(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The decoded last path segment of the URL, without query or fragment; empty when there is none. */
    private static String lastSegmentOfUrl(String url) {
        String p;
        try {
            p = new URI(url).getPath();
        } catch (URISyntaxException e) {
            p = url.replaceFirst("[?#].*", "");
            p = p.contains("://") ? p.substring(p.indexOf("://") + 3).replaceFirst("^[^/]*", "") : p;
        }
        return p == null ? "" : p.substring(p.lastIndexOf('/') + 1);
    }

    /**
     * True when the preview's frames are far-field patterns, whose pixels stand for scattering
     * angles, so that q, resolution and resolution rings mean something: as the curator's
     * {@code far_field} preview option says, else for the frames and images of a
     * {@link Technique#isScattering scattering technique}.
     */
    public boolean isFarField(Technique technique) {
        if (preview != null && preview.farField() != null) {
            return preview.farField();
        }
        return (kind == FileKind.DIFFRACTION || kind == FileKind.IMAGE) && technique != null && technique.isScattering();
    }

    /** True when the file is on the data root, so it can be read, checked and previewed. */
    public boolean isLocal() {
        return path != null;
    }

    /**
     * True for a link that names no file (a portal, a repository's record page): its address
     * ends in no name with an ending, so it is shown as a link and not offered as a download.
     */
    public boolean isLink() {
        return path == null && url != null && ending().isEmpty();
    }

    /**
     * The format as the files table shows it: what was read from a local file, else judged from
     * the name's ending ("CXI", "NeXus", "HDF5", or the ending itself, such as "ZIP"); "link"
     * for a {@link #isLink link}.
     */
    public String format(FileFacts facts) {
        if (facts != null && facts.format() != null) {
            return facts.format();
        }
        if (isLocal()) {
            return "HDF5";
        }
        if (isLink()) {
            return "link";
        }
        String ending = ending();
        return HDF5_FORMATS.getOrDefault(ending, ending.toUpperCase(Locale.ROOT));
    }

    /** The media type, for metadata and signposting; null when the name does not tell it. */
    public String mediaType() {
        if (isLocal() || HDF5_FORMATS.containsKey(ending())) {
            return HDF5_MEDIA_TYPE;
        }
        return OTHER_MEDIA_TYPES.get(ending());
    }

    /** The lower-case ending of the file's own name (of its path, else its URL) after its last '.', or empty. */
    private String ending() {
        return endingOf(path != null ? lastSegmentOfPath(path) : url == null ? "" : lastSegmentOfUrl(url));
    }

    private static String endingOf(String name) {
        int dot = name.lastIndexOf('.');
        return dot <= 0 || dot == name.length() - 1 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
