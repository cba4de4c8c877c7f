package org.vitrine.core.hdf5;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A {@link ByteSource} seen from {@code shift} bytes on as a read-only {@link FileChannel}: the
 * form jHDF's own readers (superblock, B-trees, heaps, chunk indexes) take. Only positional
 * reads are served; jHDF falls back to them when memory mapping is refused. Closing it leaves the
 * source open: the opened file owns that.
 */
final class SourceChannel extends FileChannel {

    private final ByteSource source;
    private final long shift;

    SourceChannel(ByteSource source, long shift) {
        this.source = source;
        this.shift = shift;
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        long available = size() - position;
        if (available <= 0) {
            return dst.hasRemaining() ? -1 : 0;
        }
        int n = (int) Math.min(dst.remaining(), available);
        ByteBuffer part = dst.duplicate();
        part.limit(part.position() + n);
        source.readFully(shift + position, part);
        dst.position(dst.position() + n);
        return n;
    }

    @Override
    public long size() {
        return source.size() - shift;
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) {
        throw new UnsupportedOperationException("reads go through the byte source");
    }

    @Override
    public int read(ByteBuffer dst) {
        throw new UnsupportedOperationException("positional reads only");
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) {
        throw new UnsupportedOperationException("positional reads only");
    }

    @Override
    public long position() {
        return 0;
    }

    @Override
    public FileChannel position(long newPosition) {
        throw new UnsupportedOperationException("positional reads only");
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) {
        throw new NonWritableChannelException();
    }

    @Override
    public int write(ByteBuffer src, long position) {
        throw new NonWritableChannelException();
    }

    @Override
    public FileChannel truncate(long size) {
        throw new NonWritableChannelException();
    }

    @Override
    public void force(boolean metaData) {
        // Nothing is ever written.
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) {
        throw new UnsupportedOperationException("positional reads only");
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) {
        throw new NonWritableChannelException();
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) {
        throw new UnsupportedOperationException("no locks on a read-only view");
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) {
        throw new UnsupportedOperationException("no locks on a read-only view");
    }

    @Override
    protected void implCloseChannel() {
        // The source belongs to the opened file, which closes it.
    }
}
