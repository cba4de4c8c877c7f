package org.vitrine.core.hdf5;

import java.nio.ByteOrder;

/**
 * The element type of numeric data as stored: kind, size in bytes and byte order, spelt as a
 * NumPy dtype string ({@code <i4}, {@code >f8}, {@code |u1}, {@code |b1}). Converts stored bytes
 * into numbers without going through jHDF's object arrays.
 *
 * @param kind  {@code 'i'} signed integer, {@code 'u'} unsigned integer, {@code 'f'} floating
 *              point, {@code 'b'} boolean (HDF5 enum FALSE/TRUE over one byte)
 * @param size  bytes per element
 * @param order byte order of the stored bytes
 * @param exponentBits  for floats of unusual size (16-byte long double), the exponent width; 0 otherwise
 * @param mantissaBits  for floats of unusual size, the mantissa width; 0 otherwise
 * @param implicitBit   for floats of unusual size, true when the leading mantissa bit is implied
 */
public record NumericType(char kind, int size, ByteOrder order, int exponentBits, int mantissaBits, boolean implicitBit) {

    public static NumericType of(char kind, int size, ByteOrder order) {
        return new NumericType(kind, size, order, 0, 0, false);
    }

    /** The NumPy dtype string. */
    public String dtype() {
        char o = size == 1 ? '|' : order == ByteOrder.LITTLE_ENDIAN ? '<' : '>';
        return "" + o + kind + size;
    }

    public boolean isFloat() {
        return kind == 'f';
    }

    /**
     * The type JavaScript typed arrays can hold (h5grove's {@code dtype=safe}): float16 becomes
     * float32, wider floats become float64, every multi-byte type becomes little-endian.
     */
    public NumericType safe() {
        if (kind == 'f' && size < 4) {
            return of('f', 4, ByteOrder.LITTLE_ENDIAN);
        }
        if (kind == 'f' && size > 8) {
            return of('f', 8, ByteOrder.LITTLE_ENDIAN);
        }
        return of(kind, size, ByteOrder.LITTLE_ENDIAN);
    }

    /** Element {@code index} of {@code bytes} as a double (unsigned 64-bit values above 2^63 lose precision). */
    public double getDouble(byte[] bytes, int index) {
        int p = index * size;
        switch (kind) {
            case 'b':
                return bytes[p] != 0 ? 1 : 0;
            case 'u':
                if (size == 8) {
                    long v = getLongAt(bytes, p);
                    return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
                }
                return getLongAt(bytes, p);
            case 'i':
                return getLongAt(bytes, p);
            case 'f':
                switch (size) {
                    case 2:
                        return halfToFloat((int) getLongAt(bytes, p));
                    case 4:
                        return Float.intBitsToFloat((int) getLongAt(bytes, p));
                    case 8:
                        return Double.longBitsToDouble(getLongAt(bytes, p));
                    default:
                        return wideFloat(bytes, p);
                }
            default:
                throw new IllegalStateException("Not numeric: " + dtype());
        }
    }

    /**
     * Element {@code index} as a long, for integer and boolean kinds: sign-extended for signed
     * types, zero-extended for unsigned ones (a {@code u8} above 2^63 comes back negative; format
     * it with {@link Long#toUnsignedString(long)}).
     */
    public long getLong(byte[] bytes, int index) {
        return getLongAt(bytes, index * size);
    }

    private long getLongAt(byte[] bytes, int p) {
        long v = 0;
        if (order == ByteOrder.LITTLE_ENDIAN) {
            for (int i = size - 1; i >= 0; i--) {
                v = (v << 8) | (bytes[p + i] & 0xFF);
            }
        } else {
            for (int i = 0; i < size; i++) {
                v = (v << 8) | (bytes[p + i] & 0xFF);
            }
        }
        if (kind == 'i' && size < 8) {
            int shift = 64 - 8 * size;
            v = (v << shift) >> shift;
        }
        return v;
    }

    private static float halfToFloat(int h) {
        int sign = (h >>> 15) & 1;
        int exponent = (h >>> 10) & 0x1F;
        int fraction = h & 0x3FF;
        float value;
        if (exponent == 0) {
            value = fraction * 0x1p-24f;
        } else if (exponent == 0x1F) {
            value = fraction == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
        } else {
            value = (1 + fraction / 1024f) * (float) Math.pow(2, exponent - 15);
        }
        return sign == 0 ? value : -value;
    }

    /** Decodes an IEEE-like float of unusual width (x87 80-bit extended in 16 bytes, quad). */
    private double wideFloat(byte[] bytes, int p) {
        byte[] be = new byte[size];
        for (int i = 0; i < size; i++) {
            be[i] = order == ByteOrder.BIG_ENDIAN ? bytes[p + i] : bytes[p + size - 1 - i];
        }
        java.math.BigInteger bits = new java.math.BigInteger(1, be);
        int total = 1 + exponentBits + mantissaBits;
        bits = bits.and(java.math.BigInteger.ONE.shiftLeft(total).subtract(java.math.BigInteger.ONE));
        boolean negative = bits.testBit(total - 1);
        int exponent = bits.shiftRight(mantissaBits).intValue() & ((1 << exponentBits) - 1);
        java.math.BigInteger mantissa = bits.and(java.math.BigInteger.ONE.shiftLeft(mantissaBits).subtract(java.math.BigInteger.ONE));
        int bias = (1 << (exponentBits - 1)) - 1;
        double value;
        if (exponent == (1 << exponentBits) - 1) {
            java.math.BigInteger fraction = implicitBit ? mantissa : mantissa.clearBit(mantissaBits - 1);
            value = fraction.signum() == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        } else {
            int fractionBits = implicitBit ? mantissaBits : mantissaBits - 1;
            double m = mantissa.doubleValue() / Math.pow(2, fractionBits);
            if (implicitBit && exponent != 0) {
                m += 1;
            }
            value = m * Math.pow(2, (exponent == 0 ? 1 : exponent) - bias);
        }
        return negative ? -value : value;
    }

    /**
     * Converts {@code count} elements to the {@link #safe()} type, returning new bytes (or
     * {@code bytes} itself when nothing changes).
     */
    public byte[] toSafe(byte[] bytes, int count) {
        NumericType target = safe();
        if (target.equals(this)) {
            return bytes;
        }
        if (target.size == size) {
            byte[] out = new byte[bytes.length];
            for (int e = 0; e < count; e++) {
                int p = e * size;
                for (int i = 0; i < size; i++) {
                    out[p + i] = bytes[p + size - 1 - i];
                }
            }
            return out;
        }
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(count * target.size).order(ByteOrder.LITTLE_ENDIAN);
        for (int e = 0; e < count; e++) {
            double v = getDouble(bytes, e);
            if (target.size == 4) {
                out.putFloat((float) v);
            } else {
                out.putDouble(v);
            }
        }
        return out.array();
    }
}
