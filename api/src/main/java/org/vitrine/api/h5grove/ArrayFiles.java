package org.vitrine.api.h5grove;

import org.vitrine.api.ApiException;
import org.vitrine.core.hdf5.NumericType;
import org.vitrine.core.hdf5.Slab;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Numeric slabs as downloadable files: NumPy {@code .npy}, CSV as {@code numpy.savetxt} writes it, and TIFF. */
final class ArrayFiles {

    private ArrayFiles() {
    }

    /** NPY format version 1.0, the header laid out as {@code numpy.save} lays it out. */
    static byte[] npy(Slab slab) {
        StringBuilder shape = new StringBuilder("(");
        long[] s = slab.shape();
        for (int i = 0; i < s.length; i++) {
            shape.append(s[i]).append(i == 0 && s.length == 1 ? ",)" : i < s.length - 1 ? ", " : ")");
        }
        if (s.length == 0) {
            shape.append(')');
        }
        String dict = "{'descr': '" + slab.type().dtype() + "', 'fortran_order': False, 'shape': " + shape + ", }";
        // As numpy.save: room for the first axis to grow to 21 digits, then padding to 64 bytes.
        if (s.length > 0) {
            dict += " ".repeat(Math.max(0, 21 - Long.toString(s[0]).length()));
        }
        int padding = 64 - ((10 + dict.length() + 1) % 64);
        String header = dict + " ".repeat(padding) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + slab.bytes().length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.US_ASCII));
        b.put(slab.bytes());
        return b.array();
    }

    /** One row per line, {@code %.18e} values separated by commas; only 1-D and 2-D data, as savetxt. */
    static byte[] csv(Slab slab) {
        long[] s = slab.shape();
        if (s.length == 0 || s.length > 2) {
            throw ApiException.unprocessable("CSV holds 1-D or 2-D data; this selection is " + s.length + "-D, select a slice");
        }
        int columns = s.length == 1 ? 1 : (int) s[1];
        StringBuilder b = new StringBuilder();
        for (int i = 0, n = slab.size(); i < n; i++) {
            b.append(format(slab.getDouble(i)));
            b.append((i + 1) % columns == 0 ? "\n" : ",");
        }
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static String format(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return String.format(Locale.ROOT, "%.18e", v);
    }

    /**
     * A baseline little-endian TIFF: one uncompressed grey image of a 2-D selection, samples of
     * the data's own type.
     */
    static byte[] tiff(Slab slab) {
        long[] s = slab.shape();
        if (s.length != 2) {
            throw ApiException.unprocessable("TIFF holds 2-D images; this selection is " + s.length + "-D, select a slice");
        }
        NumericType t = slab.type();
        if (t.order() == ByteOrder.BIG_ENDIAN || (t.isFloat() && t.size() != 4 && t.size() != 8)) {
            t = t.safe();
            slab = new Slab(t, s, slab.type().toSafe(slab.bytes(), slab.size()));
        }
        int width = (int) s[1];
        int height = (int) s[0];
        byte[] data = slab.bytes();
        int sampleFormat = t.isFloat() ? 3 : t.kind() == 'i' ? 2 : 1;
        int entries = 10;
        int ifdOffset = 8;
        int ifdSize = 2 + entries * 12 + 4;
        int dataOffset = ifdOffset + ifdSize;
        ByteBuffer b = ByteBuffer.allocate(dataOffset + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(ifdOffset);
        b.putShort((short) entries);
        entry(b, 256, 4, width);                 // ImageWidth
        entry(b, 257, 4, height);                // ImageLength
        entry(b, 258, 3, t.size() * 8);          // BitsPerSample
        entry(b, 259, 3, 1);                     // Compression: none
        entry(b, 262, 3, 1);                     // Photometric: min-is-black
        entry(b, 273, 4, dataOffset);            // StripOffsets
        entry(b, 277, 3, 1);                     // SamplesPerPixel
        entry(b, 278, 4, height);                // RowsPerStrip
        entry(b, 279, 4, data.length);           // StripByteCounts
        entry(b, 339, 3, sampleFormat);          // SampleFormat
        b.putInt(0);
        b.put(data);
        return b.array();
    }

    private static void entry(ByteBuffer b, int tag, int type, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(1);
        if (type == 3) {
            b.putShort((short) value).putShort((short) 0);
        } else {
            b.putInt(value);
        }
    }
}
