package org.vitrine.core.hdf5;

import io.jhdf.exceptions.HdfFilterException;

/** Turns whatever jHDF throws on a bad file into an {@link Hdf5Exception} with one clear line. */
final class Hdf5Errors {

    private Hdf5Errors() {
    }

    /** @param where what was being read: {@code /entry/data in file.cxi} */
    static Hdf5Exception translate(Throwable e, String where) {
        if (e instanceof Hdf5Exception h) {
            return h;
        }
        if (e instanceof HdfFilterException) {
            return new Hdf5Exception(Hdf5Exception.Kind.CORRUPT_DATA, "Cannot decode " + where + ": " + oneLine(e), e);
        }
        java.io.IOException io = ioCause(e);
        if (io != null && !(io instanceof java.io.EOFException)) {
            // The bytes could not be read (jHDF wraps the source's failure): not the file's fault.
            return new Hdf5Exception(Hdf5Exception.Kind.SOURCE_FAILED, "Cannot read " + where + ": " + oneLine(io), e);
        }
        if (e instanceof OutOfMemoryError) {
            // A corrupt size field asked for an impossible allocation; nothing else was harmed.
            return new Hdf5Exception(Hdf5Exception.Kind.CORRUPT_DATA, "Cannot read " + where + ": the file declares a size too large to read, it is probably corrupt", e);
        }
        return new Hdf5Exception(Hdf5Exception.Kind.CORRUPT_DATA, "Cannot read " + where + ": " + oneLine(e), e);
    }

    private static java.io.IOException ioCause(Throwable e) {
        for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof java.io.IOException io) {
                return io;
            }
        }
        return null;
    }

    /** The first line of a throwable's message, or its simple type name when it has none. */
    static String oneLine(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return "unexpected " + e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        m = nl >= 0 ? m.substring(0, nl) : m;
        return m.length() > 300 ? m.substring(0, 300) + "…" : m;
    }
}
