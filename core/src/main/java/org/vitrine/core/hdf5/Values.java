package org.vitrine.core.hdf5;

import io.jhdf.GlobalHeap;
import io.jhdf.storage.HdfBackingStorage;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns stored elements of an {@link Hdf5Type} into the Java values h5py gives (and h5grove
 * sends as JSON): Long (BigInteger above 2^63), Double, Boolean, String (text and opaque bytes
 * decoded as UTF-8), List for compounds (members in order), arrays and sequences.
 * Variable-length data are read from the file's global heap.
 */
final class Values {

    private final HdfBackingStorage storage;
    private final Map<Long, GlobalHeap> heaps = new HashMap<>();

    /** @param storage the file, for variable-length data held in its global heap */
    Values(HdfBackingStorage storage) {
        this.storage = storage;
    }

    /**
     * The elements of {@code bytes}, nested as {@code shape} says: one value for a scalar shape
     * ({@code []}), else nested Lists.
     */
    Object decode(Hdf5Type type, byte[] bytes, long[] shape) {
        ByteBuffer bb = ByteBuffer.wrap(bytes);
        if (shape.length == 0) {
            return element(type, bb, 0);
        }
        return nested(type, bb, shape, 0, new int[]{0});
    }

    private Object nested(Hdf5Type type, ByteBuffer bb, long[] shape, int dim, int[] index) {
        List<Object> out = new ArrayList<>((int) shape[dim]);
        for (long i = 0; i < shape[dim]; i++) {
            if (dim == shape.length - 1) {
                out.add(element(type, bb, index[0]++ * type.size()));
            } else {
                out.add(nested(type, bb, shape, dim + 1, index));
            }
        }
        return out;
    }

    /** One element at byte {@code at}. */
    private Object element(Hdf5Type t, ByteBuffer bb, int at) {
        switch (t.hdf5Class()) {
            case Hdf5Type.INTEGER, Hdf5Type.BITFIELD -> {
                long v = integer(t, bb.array(), at);
                return !t.signed() && t.size() == 8 && v < 0 ? new BigInteger(Long.toUnsignedString(v)) : (Object) v;
            }
            case Hdf5Type.ENUM -> {
                if (t.isBoolean()) {
                    return bb.get(at) != 0;
                }
                return element(t.base(), bb, at);
            }
            case Hdf5Type.FLOAT -> {
                return t.numeric().getDouble(slice(bb, at, t.size()), 0);
            }
            case Hdf5Type.STRING -> {
                return fixedString(t, slice(bb, at, t.size()));
            }
            case Hdf5Type.OPAQUE -> {
                return new String(slice(bb, at, t.size()), StandardCharsets.UTF_8);
            }
            case Hdf5Type.COMPOUND -> {
                List<Object> row = new ArrayList<>(t.members().size());
                for (Hdf5Type.Member m : t.members()) {
                    row.add(element(m.type(), bb, at + m.offset()));
                }
                return row;
            }
            case Hdf5Type.ARRAY -> {
                long[] dims = new long[t.dims().length];
                for (int i = 0; i < dims.length; i++) {
                    dims[i] = t.dims()[i];
                }
                ByteBuffer inner = ByteBuffer.wrap(slice(bb, at, t.size()));
                return arrayElements(t.base(), inner, dims, 0, new int[]{0});
            }
            case Hdf5Type.REFERENCE -> {
                return reference(t, slice(bb, at, t.size()));
            }
            case Hdf5Type.VLEN -> {
                return variable(t, slice(bb, at, t.size()));
            }
            default -> throw new Hdf5Exception(Hdf5Exception.Kind.UNSUPPORTED_TYPE, "Cannot read values of datatype class " + t.hdf5Class());
        }
    }

    private Object arrayElements(Hdf5Type base, ByteBuffer bb, long[] dims, int dim, int[] index) {
        List<Object> out = new ArrayList<>((int) dims[dim]);
        for (long i = 0; i < dims[dim]; i++) {
            if (dim == dims.length - 1) {
                out.add(element(base, bb, index[0]++ * base.size()));
            } else {
                out.add(arrayElements(base, bb, dims, dim + 1, index));
            }
        }
        return out;
    }

    private static byte[] slice(ByteBuffer bb, int at, int length) {
        byte[] out = new byte[length];
        System.arraycopy(bb.array(), at, out, 0, length);
        return out;
    }

    /** Text as NumPy reads it: cut at the first null (or trailing spaces stripped), UTF-8. */
    private static String fixedString(Hdf5Type t, byte[] b) {
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        if (t.padding() == 2) {
            while (n > 0 && b[n - 1] == ' ') {
                n--;
            }
        }
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }

    /** h5py prints references as their kind only: their target is an address, of no use to a client. */
    private static String reference(Hdf5Type t, byte[] b) {
        boolean isNull = true;
        for (byte x : b) {
            isNull &= x == 0;
        }
        String kind = t.referenceKind() == 1 ? "region" : "object";
        return "<HDF5 " + kind + " reference" + (isNull ? " (null)" : "") + ">";
    }

    /** A variable-length string or sequence: its length, then the global heap object holding it. */
    private Object variable(Hdf5Type t, byte[] b) {
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int length = bb.getInt();
        long address = HdfFields.unsigned(bb, storage.getSizeOfOffsets());
        int index = bb.getInt();
        byte[] data = new byte[0];
        if (length > 0 && address != 0) {
            ByteBuffer object = heap(address).getObjectData(index);
            data = new byte[object.remaining()];
            object.get(data);
        }
        if (t.isVariableString()) {
            int n = data.length;
            while (n > 0 && data[n - 1] == 0) {
                n--;
            }
            return new String(data, 0, n, StandardCharsets.UTF_8);
        }
        Hdf5Type base = t.base();
        int count = Math.min(length, base.size() == 0 ? 0 : data.length / base.size());
        return new Values(storage).decode(base, java.util.Arrays.copyOf(data, count * base.size()), new long[]{count});
    }

    private GlobalHeap heap(long address) {
        return heaps.computeIfAbsent(address, a -> new GlobalHeap(storage, a));
    }

    /** An integer of {@code t} (of any size up to 8 bytes) at byte {@code at}, sign-extended when signed. */
    static long integer(Hdf5Type t, byte[] b, int at) {
        int size = t.size();
        long v = 0;
        for (int i = 0; i < size; i++) {
            int k = t.order() == ByteOrder.LITTLE_ENDIAN ? at + size - 1 - i : at + i;
            v = (v << 8) | (b[k] & 0xFF);
        }
        if (t.signed() && size < 8) {
            int shift = 64 - 8 * size;
            v = (v << shift) >> shift;
        }
        return v;
    }
}
