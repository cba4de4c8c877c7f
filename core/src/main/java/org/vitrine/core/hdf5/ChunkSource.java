package org.vitrine.core.hdf5;

/**
 * Where a dataset's bytes come from, cut into blocks of one shape: a chunked dataset's stored
 * chunks, or fixed-size blocks of a contiguous dataset read by position. Blocks are laid out in
 * row-major order with {@link #blockShape()} strides, edge blocks included.
 */
interface ChunkSource {

    /** The shape of every block. */
    int[] blockShape();

    /**
     * The decoded bytes of the block whose first element is at {@code origin}: at least its
     * first {@code needed} bytes (a source may stop decoding there), at most the whole block.
     */
    byte[] block(long[] origin, int needed);

    /**
     * Hands {@link #block} to {@code use}, possibly in a buffer that this thread reuses once
     * {@code use} returns: for callers that copy what they need and keep nothing.
     */
    default void visit(long[] origin, int needed, java.util.function.Consumer<byte[]> use) {
        use.accept(block(origin, needed));
    }

    /**
     * Writes the first {@code out.length} bytes of the block into {@code out}; a source may
     * decode straight into it.
     */
    default void readInto(long[] origin, byte[] out) {
        System.arraycopy(block(origin, out.length), 0, out, 0, out.length);
    }
}
