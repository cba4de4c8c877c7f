package org.vitrine.core.hdf5;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The two shapes of field the HDF5 format stores everywhere: unsigned little-endian integers of
 * a given width (addresses, lengths, offsets) and null-terminated names.
 */
final class HdfFields {

    private HdfFields() {
    }

    /** An unsigned little-endian integer of {@code bytes} bytes at {@code bb}'s position, which moves past it. */
    static long unsigned(ByteBuffer bb, int bytes) {
        long v = 0;
        for (int i = 0; i < bytes; i++) {
            v |= (long) (bb.get() & 0xFF) << (8 * i);
        }
        return v;
    }

    /** A null-terminated UTF-8 name at {@code bb}'s position, which moves past its null (or to the end). */
    static String name(ByteBuffer bb) {
        int start = bb.position();
        int end = start;
        while (end < bb.limit() && bb.get(end) != 0) {
            end++;
        }
        byte[] b = new byte[end - start];
        bb.get(b);
        if (bb.hasRemaining()) {
            bb.get(); // the null
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    /** The name at byte {@code offset} of {@code heap}, without moving its position. */
    static String nameAt(ByteBuffer heap, int offset) {
        return name(heap.duplicate().position(offset));
    }
}
