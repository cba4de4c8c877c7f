package org.vitrine.core.hdf5;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Reads of an opened file's data by HDF5 address: the {@link ByteSource} from the file's base
 * address on (where its superblock was found, past any user block), with the one set of error
 * messages every data read gives.
 */
final class FileBytes {

    private final ByteSource source;
    private final long base;

    /** @param base the byte of the source that HDF5 address 0 refers to */
    FileBytes(ByteSource source, long base) {
        this.source = source;
        this.base = base;
    }

    /** Reads {@code length} bytes at HDF5 address {@code address}. */
    byte[] read(long address, int length, String where) {
        if (length < 0) {
            throw new Hdf5Exception(Hdf5Exception.Kind.CORRUPT_DATA, "Data of " + where + " in " + source.name()
                    + " have a negative length (" + length + "): the file is corrupt");
        }
        byte[] out = new byte[length];
        readInto(address, ByteBuffer.wrap(out), where);
        return out;
    }

    /**
     * Reads {@code into.remaining()} bytes at HDF5 address {@code address} into {@code into};
     * a direct buffer receives them without an intermediate copy.
     */
    void readInto(long address, ByteBuffer into, String where) {
        long position = base + address;
        int length = into.remaining();
        if (address < 0 || position + length > source.size()) {
            throw new Hdf5Exception(Hdf5Exception.Kind.CORRUPT_DATA, "Data of " + where + " lie beyond the end of "
                    + source.name() + " (" + length + " bytes at " + position + ", file has " + source.size()
                    + "): the file is truncated or corrupt");
        }
        try {
            source.readFully(position, into);
        } catch (IOException e) {
            throw new Hdf5Exception(Hdf5Exception.Kind.SOURCE_FAILED, "Cannot read " + source.name() + ": "
                    + Hdf5Errors.oneLine(e), e);
        }
    }

    /** The size of the data part (from the base address on). */
    long size() {
        return source.size() - base;
    }
}
