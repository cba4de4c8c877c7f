package org.vitrine.core.hdf5;

/**
 * A failure to read an HDF5 file, with a {@link Kind} that says what went wrong and a one-line
 * message that names the file and, where there is one, the path inside it. Messages are meant
 * for users as they are: no stack trace, no class names.
 */
public class Hdf5Exception extends RuntimeException {

    /** What went wrong, so callers can choose a response without parsing messages. */
    public enum Kind {
        /** The file does not exist or cannot be read. */
        FILE_NOT_FOUND,
        /** The file is empty, truncated, corrupt or not HDF5 at all. */
        NOT_READABLE,
        /** No object at this path. */
        PATH_NOT_FOUND,
        /** A soft or external link whose target cannot be resolved. */
        BROKEN_LINK,
        /** The data are compressed with a filter this reader cannot decode. */
        UNSUPPORTED_FILTER,
        /** A datatype or layout this reader cannot decode. */
        UNSUPPORTED_TYPE,
        /** The object exists but is not what was asked for (a group where a dataset was expected, text where numbers were). */
        WRONG_KIND,
        /** A selection that does not fit the dataset's shape. */
        BAD_SELECTION,
        /** Stored data that cannot be decoded (a corrupt chunk, a bad checksum). */
        CORRUPT_DATA,
        /** The file's bytes could not be read at all (a disk or storage failure, a file changed under the read): worth trying again. */
        SOURCE_FAILED
    }

    private final Kind kind;

    public Hdf5Exception(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Hdf5Exception(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
