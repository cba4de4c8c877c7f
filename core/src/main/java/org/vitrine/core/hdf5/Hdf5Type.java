package org.vitrine.core.hdf5;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * An HDF5 datatype as a datatype message stores it, read here rather than by jHDF so that every
 * class the format defines is understood, including those jHDF refuses (untagged opaque data,
 * compounds holding them). {@link TypeDescriptor} describes it as h5py does; {@link Values}
 * turns stored elements of it into Java values.
 *
 * @param hdf5Class the {@code H5T_class} number (0 integer … 10 array)
 * @param size      bytes per element as stored
 * @param order     byte order of integers, floats and bitfields
 * @param signed    for integers, whether they are signed
 * @param floatBits for floats: exponent location, exponent size, mantissa location, mantissa
 *                  size, normalisation (0 none, 1 leading bit set, 2 implied) and bias; null otherwise
 * @param charset   for strings: 0 ASCII, 1 UTF-8
 * @param padding   for strings: 0 null-terminated, 1 null-padded, 2 space-padded
 * @param text      for variable-length types: true for strings, false for sequences
 * @param tag       for opaque data, its ASCII tag
 * @param members   for compounds, enums: the members in stored order
 * @param dims      for arrays, the element's dimensions
 * @param base      for enums, arrays and variable-length sequences, the type of their elements
 * @param referenceKind for references: 0 object, 1 dataset region
 */
record Hdf5Type(int hdf5Class, int size, ByteOrder order, boolean signed, int[] floatBits, int charset, int padding,
                boolean text, String tag, List<Member> members, int[] dims, Hdf5Type base, int referenceKind) {

    static final int INTEGER = 0, FLOAT = 1, TIME = 2, STRING = 3, BITFIELD = 4, OPAQUE = 5, COMPOUND = 6,
            REFERENCE = 7, ENUM = 8, VLEN = 9, ARRAY = 10;

    /**
     * A compound member (name, byte offset, type) or an enum member (name, value as the base
     * type stores it, as a long).
     */
    record Member(String name, int offset, Hdf5Type type, long value) {
    }

    /**
     * Reads a datatype message's body.
     *
     * @throws Hdf5Exception UNSUPPORTED_TYPE for a class or version the format does not define
     */
    static Hdf5Type parse(ByteBuffer message) {
        return read(message.slice().order(ByteOrder.LITTLE_ENDIAN));
    }

    /** Reads one datatype from {@code bb}'s position, leaving it just past the type. */
    private static Hdf5Type read(ByteBuffer bb) {
        int classAndVersion = bb.get() & 0xFF;
        int version = classAndVersion >> 4;
        int cls = classAndVersion & 0x0F;
        int bits = (bb.get() & 0xFF) | (bb.get() & 0xFF) << 8 | (bb.get() & 0xFF) << 16;
        int size = bb.getInt();
        ByteOrder order = (bits & 1) == 0 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        switch (cls) {
            case INTEGER, BITFIELD -> {
                bb.getShort(); // bit offset
                bb.getShort(); // precision
                return simple(cls, size, order, cls == INTEGER && (bits & 0x08) != 0, null);
            }
            case FLOAT -> {
                bb.getShort(); // bit offset
                bb.getShort(); // precision
                int exponentLocation = bb.get() & 0xFF;
                int exponentSize = bb.get() & 0xFF;
                int mantissaLocation = bb.get() & 0xFF;
                int mantissaSize = bb.get() & 0xFF;
                int bias = bb.getInt();
                int normalisation = (bits >> 4) & 0x3;
                if ((bits & 0x40) != 0) {
                    throw unsupported("floating-point numbers in VAX byte order");
                }
                return simple(cls, size, order, true,
                        new int[]{exponentLocation, exponentSize, mantissaLocation, mantissaSize, normalisation, bias});
            }
            case TIME -> throw unsupported("the time datatype");
            case STRING -> {
                return new Hdf5Type(STRING, size, ByteOrder.LITTLE_ENDIAN, false, null, (bits >> 4) & 0x0F, bits & 0x0F,
                        false, null, List.of(), null, null, 0);
            }
            case OPAQUE -> {
                int tagLength = bits & 0xFF;
                byte[] tag = new byte[Math.min(tagLength, bb.remaining())];
                bb.get(tag);
                return new Hdf5Type(OPAQUE, size, ByteOrder.LITTLE_ENDIAN, false, null, 0, 0, false, HdfFields.name(ByteBuffer.wrap(tag)),
                        List.of(), null, null, 0);
            }
            case COMPOUND -> {
                return compound(bb, version, bits & 0xFFFF, size);
            }
            case REFERENCE -> {
                return new Hdf5Type(REFERENCE, size, ByteOrder.LITTLE_ENDIAN, false, null, 0, 0, false, null, List.of(),
                        null, null, bits & 0x0F);
            }
            case ENUM -> {
                return enumeration(bb, version, bits & 0xFFFF, size);
            }
            case VLEN -> {
                boolean string = (bits & 0x0F) == 1;
                Hdf5Type base = read(bb);
                return new Hdf5Type(VLEN, size, ByteOrder.LITTLE_ENDIAN, false, null, (bits >> 8) & 0x0F, (bits >> 4) & 0x0F,
                        string, null, List.of(), null, base, 0);
            }
            case ARRAY -> {
                int rank = bb.get() & 0xFF;
                if (version < 3) {
                    bb.position(bb.position() + 3);
                }
                int[] dims = new int[rank];
                for (int i = 0; i < rank; i++) {
                    dims[i] = bb.getInt();
                }
                if (version < 3) {
                    bb.position(bb.position() + 4 * rank); // permutation indices, never used
                }
                return new Hdf5Type(ARRAY, size, ByteOrder.LITTLE_ENDIAN, false, null, 0, 0, false, null, List.of(), dims,
                        read(bb), 0);
            }
            default -> throw unsupported("datatype class " + cls);
        }
    }

    private static Hdf5Type simple(int cls, int size, ByteOrder order, boolean signed, int[] floatBits) {
        return new Hdf5Type(cls, size, order, signed, floatBits, 0, 0, false, null, List.of(), null, null, 0);
    }

    private static Hdf5Type compound(ByteBuffer bb, int version, int count, int size) {
        List<Member> members = new ArrayList<>(count);
        int offsetBytes = version >= 3 ? bytesFor(size) : 4;
        for (int i = 0; i < count; i++) {
            String name = version >= 3 ? HdfFields.name(bb) : paddedName(bb);
            int offset = (int) HdfFields.unsigned(bb, offsetBytes);
            Hdf5Type type;
            if (version == 1) {
                int rank = bb.get() & 0xFF;
                bb.position(bb.position() + 3 + 4 + 4); // reserved, permutation, reserved
                int[] dims = new int[rank];
                for (int d = 0; d < 4; d++) {
                    int n = bb.getInt();
                    if (d < rank) {
                        dims[d] = n;
                    }
                }
                Hdf5Type element = read(bb);
                type = rank == 0 ? element : arrayOf(element, dims);
            } else {
                type = read(bb);
            }
            members.add(new Member(name, offset, type, 0));
        }
        return new Hdf5Type(COMPOUND, size, ByteOrder.LITTLE_ENDIAN, false, null, 0, 0, false, null, List.copyOf(members),
                null, null, 0);
    }

    private static Hdf5Type arrayOf(Hdf5Type element, int[] dims) {
        long n = element.size;
        for (int d : dims) {
            n *= d;
        }
        return new Hdf5Type(ARRAY, (int) n, ByteOrder.LITTLE_ENDIAN, false, null, 0, 0, false, null, List.of(), dims, element, 0);
    }

    private static Hdf5Type enumeration(ByteBuffer bb, int version, int count, int size) {
        Hdf5Type base = read(bb);
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(version >= 3 ? HdfFields.name(bb) : paddedName(bb));
        }
        List<Member> members = new ArrayList<>(count);
        byte[] value = new byte[base.size];
        for (int i = 0; i < count; i++) {
            bb.get(value);
            members.add(new Member(names.get(i), 0, base, Values.integer(base, value, 0)));
        }
        return new Hdf5Type(ENUM, size, base.order, base.signed, null, 0, 0, false, null, List.copyOf(members), null, base, 0);
    }

    /** How many bytes version 3 compounds use for member offsets: as few as hold the size. */
    private static int bytesFor(int size) {
        int n = 1;
        while (n < 4 && (size >>> (8 * n)) != 0) {
            n++;
        }
        return n;
    }

    /** A null-terminated name padded with nulls to a multiple of eight bytes. */
    private static String paddedName(ByteBuffer bb) {
        int start = bb.position();
        String name = HdfFields.name(bb);
        int used = bb.position() - start;
        bb.position(start + (used + 7) / 8 * 8);
        return name;
    }

    private static Hdf5Exception unsupported(String what) {
        return new Hdf5Exception(Hdf5Exception.Kind.UNSUPPORTED_TYPE, "Cannot read " + what);
    }

    /** True for h5py's boolean: an enum over one byte with exactly FALSE = 0 and TRUE = 1. */
    boolean isBoolean() {
        return hdf5Class == ENUM && size == 1 && members.size() == 2
                && members.get(0).name().equals("FALSE") && members.get(0).value() == 0
                && members.get(1).name().equals("TRUE") && members.get(1).value() == 1;
    }

    /** True for variable-length strings. */
    boolean isVariableString() {
        return hdf5Class == VLEN && text;
    }

    /**
     * The stored element type when values are plain numbers NumPy reads as such (integers,
     * floats, bitfields, enums and booleans), else null.
     */
    NumericType numeric() {
        switch (hdf5Class) {
            case INTEGER:
                return NumericType.of(signed ? 'i' : 'u', size, order);
            case BITFIELD:
                return NumericType.of('u', size, order);
            case ENUM:
                return isBoolean() ? NumericType.of('b', 1, ByteOrder.LITTLE_ENDIAN) : base.numeric();
            case FLOAT:
                if (size == 2 || size == 4 || size == 8) {
                    return NumericType.of('f', size, order);
                }
                return new NumericType('f', size, order, floatBits[1], floatBits[3], floatBits[4] == 2);
            default:
                return null;
        }
    }

    /** True when elements hold no references to the global heap, so their bytes are their value. */
    boolean isFixedSize() {
        return switch (hdf5Class) {
            case VLEN, REFERENCE -> false;
            case COMPOUND -> members.stream().allMatch(m -> m.type().isFixedSize());
            case ARRAY -> base.isFixedSize();
            default -> true;
        };
    }
}
