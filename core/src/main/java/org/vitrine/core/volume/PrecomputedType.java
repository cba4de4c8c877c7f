package org.vitrine.core.volume;

import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * The Neuroglancer precomputed {@code data_type} a dataset is published as, chosen from its
 * NumPy-style dtype so that values survive: unsigned 8, 16 and 32-bit integers keep their type;
 * everything else becomes float32, which holds signed 8 and 16-bit integers exactly, 32 and 64-bit
 * integers exactly up to 2^24 (detector counts in practice), and doubles to seven digits. The
 * viewers read these four types only.
 */
public enum PrecomputedType {
    UINT8(1, 0xffL), UINT16(2, 0xffffL), UINT32(4, 0xffffffffL), FLOAT32(4, 0);

    private final int bytes;
    private final long max;

    PrecomputedType(int bytes, long max) {
        this.bytes = bytes;
        this.max = max;
    }

    /**
     * The type for a NumPy-style dtype such as {@code <u2}, {@code >f8}, {@code |u1} or {@code i4}.
     *
     * @throws IllegalArgumentException for dtypes that are not numbers (strings, compounds, …)
     */
    public static PrecomputedType forDtype(String dtype) {
        String d = dtype == null ? "" : dtype.trim();
        if (!d.isEmpty() && "<>|=".indexOf(d.charAt(0)) >= 0) {
            d = d.substring(1);
        }
        switch (d) {
            case "b1", "u1":
                return UINT8;
            case "u2":
                return UINT16;
            case "u4":
                return UINT32;
            case "i1", "i2", "i4", "i8", "u8", "f2", "f4", "f8":
                return FLOAT32;
            default:
                throw new IllegalArgumentException("dtype '" + dtype + "' is not a number type that can be published as a precomputed volume");
        }
    }

    /** The name written in the {@code info} file. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Bytes per voxel and channel. */
    public int bytes() {
        return bytes;
    }

    /**
     * Appends {@code value} to a little-endian buffer: integers rounded to nearest (ties to even)
     * and clamped to the type's range, NaN as 0; floats narrowed to float32.
     */
    void put(ByteBuffer out, double value) {
        if (this == FLOAT32) {
            out.putFloat((float) value);
            return;
        }
        long v = Double.isNaN(value) ? 0 : (long) Math.max(0, Math.min(max, Math.rint(value)));
        switch (this) {
            case UINT8 -> out.put((byte) v);
            case UINT16 -> out.putShort((short) v);
            default -> out.putInt((int) v);
        }
    }
}
