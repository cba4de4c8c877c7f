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
        long position = base + address;
        if (address < 0 || length < 0 || position + length > size) {
            throw new Hdf5Exception(Hdf5Exception.Kind.CORRUPT_DATA, "Data of " + where + " lie beyond the end of "
                    + fileName + " (" + length + " bytes at " + position + ", file has " + size + "): the file is truncated or corrupt");
        }
        byte[] out = new byte[length];
        ByteBuffer buffer = ByteBuffer.wrap(out);
        try {
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer, position + buffer.position());
                if (n < 0) {
                    throw new Hdf5Exception(Hdf5Exception.Kind.CORRUPT_DATA, "Unexpected end of " + fileName + " reading " + where);
                }
            }
        } catch (IOException e) {
            throw new Hdf5Exception(Hdf5Exception.Kind.NOT_READABLE, "Cannot read " + fileName + ": " + e.getMessage(), e);
        }
        return out;
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
