package org.vitrine.core.hdf5;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates deflate-compressed chunks straight from the file, one per thread: the thread's
 * {@link Inflater} and its direct buffer of compressed bytes are reused for every chunk, and
 * compressed bytes are read only as far as the wanted output needs. A request for one plane of a
 * 64³ chunk therefore reads and inflates only the chunk's leading planes.
 */
final class ChunkInflater {

    private static final ThreadLocal<ChunkInflater> PER_THREAD = ThreadLocal.withInitial(ChunkInflater::new);
    /** Compressed bytes read beyond the proportional estimate, so one read usually suffices. */
    private static final int READ_MARGIN = 16 << 10;
    /**
     * The largest buffers a thread keeps between chunks (a 1024² float32 frame fits); larger
     * chunks get buffers of their own, so no thread holds on to the memory of one huge chunk.
     */
    private static final int KEPT_BYTES = 4 << 20;

    private final Inflater inflater = new Inflater();
    private ByteBuffer keptInput = ByteBuffer.allocateDirect(0);
    private byte[] keptOutput = new byte[0];

    private ChunkInflater() {
    }

    /** This thread's inflater. */
    static ChunkInflater get() {
        return PER_THREAD.get();
    }

    /**
     * An output array of at least {@code length} bytes owned by this thread, reused by its next
     * call: for decoded bytes that are copied out and not kept.
     */
    byte[] scratch(int length) {
        if (length > KEPT_BYTES) {
            return new byte[length];
        }
        if (keptOutput.length < length) {
            keptOutput = new byte[length];
        }
        return keptOutput;
    }

    /**
     * Inflates the zlib stream of {@code storedSize} bytes at {@code address} into {@code out},
     * stopping when {@code wanted} bytes are out or the stream ends.
     *
     * @param decodedSize the chunk's whole decoded size, to estimate how much input {@code wanted} needs
     * @return the number of bytes written to {@code out}
     * @throws IllegalStateException for a corrupt or truncated stream
     */
    int inflate(FileBytes file, long address, int storedSize, int decodedSize, byte[] out, int wanted, String where) {
        ByteBuffer input = keptInput;
        if (storedSize > KEPT_BYTES) {
            input = ByteBuffer.allocate(storedSize);
        } else if (input.capacity() < storedSize) {
            input = ByteBuffer.allocateDirect(Math.min(KEPT_BYTES, Math.max(storedSize, input.capacity() * 2)));
            keptInput = input;
        }
        int estimate = decodedSize <= 0 ? storedSize
                : (int) Math.min(storedSize, (long) storedSize * wanted / decodedSize + READ_MARGIN);
        int read = readMore(file, input, address, 0, estimate, where);
        inflater.reset();
        inflater.setInput(input.duplicate().position(0).limit(read));
        int n = 0;
        try {
            while (n < wanted && !inflater.finished()) {
                int got = inflater.inflate(out, n, wanted - n);
                n += got;
                if (got == 0 && inflater.needsDictionary()) {
                    throw new IllegalStateException("deflate stream needs a preset dictionary");
                }
                if (got == 0 && inflater.needsInput()) {
                    if (read == storedSize) {
                        throw new IllegalStateException("deflate stream ends early");
                    }
                    // The estimate fell short: read the rest in one go rather than guess again.
                    int start = read;
                    read = readMore(file, input, address, read, storedSize, where);
                    inflater.setInput(input.duplicate().position(start).limit(read));
                }
            }
            return n;
        } catch (DataFormatException e) {
            throw new IllegalStateException("deflate stream is corrupt: " + e.getMessage(), e);
        }
    }

    /**
     * Inflates a zlib stream held in memory until it ends or {@code limit} bytes are out.
     *
     * @param sizeHint the expected decoded size, to size the output once
     */
    byte[] inflate(byte[] in, int limit, int sizeHint) {
        inflater.reset();
        inflater.setInput(in);
        // Usually the chunk's exact size; a checksum filter may add a few bytes.
        byte[] out = new byte[limit < sizeHint ? limit : sizeHint + 16];
        int n = 0;
        try {
            while (!inflater.finished() && n < limit) {
                if (n == out.length) {
                    out = java.util.Arrays.copyOf(out, (int) Math.min(Integer.MAX_VALUE - 8, out.length * 2L + 16));
                }
                int got = inflater.inflate(out, n, Math.min(out.length, limit) - n);
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalStateException("deflate stream ends early");
                }
                n += got;
            }
        } catch (DataFormatException e) {
            throw new IllegalStateException("deflate stream is corrupt: " + e.getMessage(), e);
        }
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }

    private static int readMore(FileBytes file, ByteBuffer input, long address, int from, int to, String where) {
        file.readInto(address + from, input.duplicate().position(from).limit(to), where);
        return to;
    }
}
