package org.vitrine.core.hdf5;

/**
 * A contiguous dataset seen as blocks of about a mebibyte, each one run of bytes in the file:
 * whole trailing dimensions and a slab of the first dimension that does not fit whole.
 */
final class ContiguousBlocks implements ChunkSource {

    private static final long TARGET_BYTES = 1 << 20;

    private final FileBytes file;
    private final String where;
    private final long address;
    private final long[] dims;
    private final int elementSize;
    private final int[] block;
    private final long blockBytes;
    private final byte[] fill;

    /** @param address the data's address, or -1 when no storage was allocated (all fill value) */
    ContiguousBlocks(FileBytes file, String where, long address, long[] dims, int elementSize, byte[] fillElement) {
        this.file = file;
        this.where = where;
        this.address = address;
        this.dims = dims;
        this.elementSize = elementSize;
        this.fill = fillElement;
        int rank = dims.length;
        block = new int[rank];
        long bytes = elementSize;
        int d = rank - 1;
        // Whole trailing dimensions while they fit, then part of the next one, then ones.
        while (d >= 0 && bytes * dims[d] <= TARGET_BYTES) {
            block[d] = (int) Math.max(1, dims[d]);
            bytes *= Math.max(1, dims[d]);
            d--;
        }
        if (d >= 0) {
            block[d] = (int) Math.max(1, Math.min(dims[d], TARGET_BYTES / bytes));
            bytes *= block[d];
            d--;
        }
        for (; d >= 0; d--) {
            block[d] = 1;
        }
        blockBytes = bytes;
    }

    @Override
    public int[] blockShape() {
        return block;
    }

    @Override
    public byte[] block(long[] origin, int needed) {
        long element = 0;
        for (int d = 0; d < dims.length; d++) {
            element = element * dims[d] + origin[d];
        }
        long total = 1;
        for (long n : dims) {
            total *= n;
        }
        long available = Math.min(blockBytes, (total - element) * elementSize);
        if (address < 0) {
            byte[] out = new byte[(int) blockBytes];
            if (fill != null) {
                for (int p = 0; p + fill.length <= out.length; p += fill.length) {
                    System.arraycopy(fill, 0, out, p, fill.length);
                }
            }
            return out;
        }
        // Only the bytes the selection needs, read in one positional read.
        return file.read(address + element * elementSize, (int) Math.min(available, Math.max(needed, 0)), where);
    }
}
