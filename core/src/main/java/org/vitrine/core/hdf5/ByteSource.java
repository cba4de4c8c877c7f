package org.vitrine.core.hdf5;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The bytes of one file, read by position: the only way the HDF5 door reads a file. Everything
 * above it (jHDF's metadata readers, the chunk cache, the error messages) reads through this, so
 * a file on local disk, behind HTTP ranges or in object storage differs only in its source.
 *
 * <p>Implementations are safe for concurrent reads from many threads, and a read is never spoilt
 * by another thread being interrupted or cancelled.
 */
public interface ByteSource extends AutoCloseable {

    /** The file's name, as messages show it. */
    String name();

    /** The file's size in bytes. */
    long size();

    /**
     * Reads {@code into.remaining()} bytes starting at {@code position} into {@code into}.
     *
     * @throws IOException when the bytes cannot be read, including when they lie beyond the end
     */
    void readFully(long position, ByteBuffer into) throws IOException;

    @Override
    void close() throws IOException;
}
