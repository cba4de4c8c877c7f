package org.vitrine.core.hdf5;

import io.jhdf.dataset.chunked.Chunk;
import io.jhdf.dataset.chunked.ChunkOffset;

import java.util.Map;

/**
 * The stored chunks of a chunked dataset: located through its chunk index
 * ({@link ChunkLocations}), read by position from the file and decoded by the dataset's
 * {@link FilterChain}. Chunks never written read as the fill value.
 */
final class StoredChunks implements ChunkSource {

    private final FileBytes file;
    private final String where;
    private final int[] chunkShape;
    private final int chunkBytes;
    private final FilterChain filters;
    private final byte[] fill;
    private final Map<ChunkOffset, Chunk> lookup;

    StoredChunks(FileBytes file, String where, int[] chunkShape, Map<ChunkOffset, Chunk> lookup, int elementSize,
                 FilterChain filters, byte[] fillElement) {
        this.file = file;
        this.where = where;
        this.chunkShape = chunkShape.clone();
        long n = elementSize;
        for (int c : chunkShape) {
            n *= c;
        }
        if (n > Integer.MAX_VALUE - 64) {
            throw new Hdf5Exception(Hdf5Exception.Kind.UNSUPPORTED_TYPE, "Chunks of " + n + " bytes are too large to read at " + where);
        }
        this.chunkBytes = (int) n;
        this.filters = filters;
        this.fill = fillElement;
        this.lookup = lookup;
    }

    @Override
    public int[] blockShape() {
        return chunkShape;
    }

    @Override
    public byte[] block(long[] origin, int wanted) {
        return decode(origin, wanted, null);
    }

    @Override
    public void visit(long[] origin, int wanted, java.util.function.Consumer<byte[]> use) {
        use.accept(decode(origin, wanted, ChunkInflater.get().scratch(Math.min(wanted, chunkBytes))));
    }

    @Override
    public void readInto(long[] origin, byte[] out) {
        byte[] decoded = decode(origin, out.length, out);
        if (decoded != out) {
            System.arraycopy(decoded, 0, out, 0, out.length);
        }
    }

    /** @param into where deflate-only chunks are inflated, at least {@code wanted} bytes long; null for a new array */
    private byte[] decode(long[] origin, int wanted, byte[] into) {
        int needed = Math.min(wanted, chunkBytes);
        Chunk chunk = lookup.get(new ChunkOffset(origin));
        if (chunk == null) {
            return filled();
        }
        if (filters.isEmpty()) {
            // Unfiltered chunks are read only as far as needed.
            int length = Math.min(chunk.getSize(), Math.max(needed, 0));
            byte[] stored = file.read(chunk.getAddress(), length, where);
            if (stored.length < needed) {
                throw new Hdf5Exception(Hdf5Exception.Kind.CORRUPT_DATA, "Chunk at " + java.util.Arrays.toString(origin)
                        + " of " + where + " holds " + stored.length + " bytes, fewer than its " + chunkBytes);
            }
            return stored;
        }
        byte[] decoded;
        int length;
        try {
            if (filters.inflatesOnly(chunk.getFilterMask())) {
                // The common case: inflated straight from the file, only up to the bytes wanted.
                ChunkInflater inflater = ChunkInflater.get();
                decoded = into != null ? into : new byte[needed];
                length = inflater.inflate(file, chunk.getAddress(), chunk.getSize(), chunkBytes, decoded, needed, where);
            } else {
                decoded = filters.decode(file.read(chunk.getAddress(), chunk.getSize(), where), chunk.getFilterMask());
                length = decoded.length;
            }
        } catch (Hdf5Exception e) {
            throw e;
        } catch (UnsupportedOperationException | io.jhdf.exceptions.UnsupportedHdfException e) {
            throw new Hdf5Exception(Hdf5Exception.Kind.UNSUPPORTED_FILTER, "Cannot read " + where + ": it is compressed with "
                    + e.getMessage() + ", which this server cannot decode", e);
        } catch (RuntimeException e) {
            throw new Hdf5Exception(Hdf5Exception.Kind.CORRUPT_DATA, "Chunk at " + java.util.Arrays.toString(origin)
                    + " of " + where + " cannot be decoded: " + Hdf5Errors.oneLine(e), e);
        }
        if (length < needed) {
            throw new Hdf5Exception(Hdf5Exception.Kind.CORRUPT_DATA, "Chunk at " + java.util.Arrays.toString(origin)
                    + " of " + where + " decodes to " + length + " bytes instead of " + chunkBytes);
        }
        return decoded;
    }

    private byte[] filled() {
        byte[] out = new byte[chunkBytes];
        if (fill != null) {
            for (int p = 0; p + fill.length <= out.length; p += fill.length) {
                System.arraycopy(fill, 0, out, p, fill.length);
            }
        }
        return out;
    }
}
