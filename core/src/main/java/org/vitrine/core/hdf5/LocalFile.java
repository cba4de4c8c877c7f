package org.vitrine.core.hdf5;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file on local disk as a {@link ByteSource}: positional reads from one shared channel.
 *
 * <p>Java closes a {@link FileChannel} for every thread when one thread reading it is
 * interrupted (as a request that timed out is). Reads here survive that: a read runs with the
 * caller's interrupt flag put aside and restored afterwards, and a channel closed under a read,
 * by whichever thread, is reopened and the read retried. A timed-out request therefore never
 * makes the file unreadable for the others.
 */
final class LocalFile implements ByteSource {

    private final Path path;
    private final long size;
    private volatile FileChannel channel;
    private volatile boolean closed;

    LocalFile(Path path) throws IOException {
        this.path = path;
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
        this.size = channel.size();
    }

    @Override
    public String name() {
        return String.valueOf(path.getFileName());
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void readFully(long position, ByteBuffer into) throws IOException {
        if (position < 0 || position + into.remaining() > size) {
            throw new EOFException(into.remaining() + " bytes at " + position + " lie beyond the end of " + name()
                    + " (" + size + " bytes)");
        }
        boolean interrupted = false;
        try {
            long at = position;
            while (into.hasRemaining()) {
                // An interrupt that arrived since the last read would close the channel at once.
                interrupted |= Thread.interrupted();
                FileChannel c = channel;
                try {
                    int n = c.read(into, at);
                    if (n < 0) {
                        throw new EOFException("Unexpected end of " + name() + " at " + at);
                    }
                    at += n;
                } catch (ClosedChannelException e) {
                    if (closed) {
                        throw e;
                    }
                    // Closed by an interrupt (ours or another reader's): reopen and go on.
                    reopen(c);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Opens the file again (nothing here can be interrupted), unless another reader already did. */
    private synchronized void reopen(FileChannel broken) throws IOException {
        if (channel == broken && !closed) {
            if (Files.size(path) != size) {
                throw new IOException(name() + " changed while it was being read");
            }
            channel = FileChannel.open(path, StandardOpenOption.READ);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        channel.close();
    }
}
