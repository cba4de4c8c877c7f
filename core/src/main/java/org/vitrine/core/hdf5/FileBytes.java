package org.vitrine.core.hdf5;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Positional reads of an opened file's bytes. Positional reads do not move a shared file
 * position, so any number of threads can read at once.
 */
final class FileBytes implements AutoCloseable {

    private final FileChannel channel;
    private final long base;
    private final long size;
    private final String fileName;

    /** @param base where HDF5 addresses start (the user block size) */
    FileBytes(Path path, long base) throws IOException {
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
        this.base = base;
        this.size = channel.size();
        this.fileName = String.valueOf(path.getFileName());
    }

    /** Reads {@code length} bytes at HDF5 address {@code address}. */
    byte[] read(long address, int length, String where) {
        if (length < 0) {
            throw new Hdf5Exception(Hdf5Exception.Kind.CORRUPT_DATA, "Data of " + where + " in " + fileName
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
        if (address < 0 || position + length > size) {
            throw new Hdf5Exception(Hdf5Exception.Kind.CORRUPT_DATA, "Data of " + where + " lie beyond the end of "
                    + fileName + " (" + length + " bytes at " + position + ", file has " + size + "): the file is truncated or corrupt");
        }
        try {
            long at = position;
            while (into.hasRemaining()) {
                int n = channel.read(into, at);
                if (n < 0) {
                    throw new Hdf5Exception(Hdf5Exception.Kind.CORRUPT_DATA, "Unexpected end of " + fileName + " reading " + where);
                }
                at += n;
            }
        } catch (IOException e) {
            throw new Hdf5Exception(Hdf5Exception.Kind.NOT_READABLE, "Cannot read " + fileName + ": " + e.getMessage(), e);
        }
    }

    /** The file's size in bytes. */
    long size() {
        return size;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
