package org.vitrine.core.hdf5;

import io.jhdf.object.datatype.ArrayDataType;
import io.jhdf.object.datatype.BitField;
import io.jhdf.object.datatype.CompoundDataType;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.EnumDataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.datatype.OpaqueDataType;
import io.jhdf.object.datatype.Reference;
import io.jhdf.object.datatype.StringData;
import io.jhdf.object.datatype.VariableLength;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * An HDF5 datatype described as h5grove describes it to h5web: the {@code H5T_class} number, a
 * NumPy dtype string and the class's own fields. {@link #toMap()} gives the JSON object.
 *
 * @param numeric the stored element type when values are plain numbers (integers, floats,
 *                booleans, enums read as their integer values), else null
 */
public record TypeDescriptor(Map<String, Object> fields, NumericType numeric) {

    /** HDF5 class numbers ({@code H5T_class_t}). */
    static final int INTEGER = 0, FLOAT = 1, STRING = 3, BITFIELD = 4, OPAQUE = 5, COMPOUND = 6,
            REFERENCE = 7, ENUM = 8, VLEN = 9, ARRAY = 10;

    public TypeDescriptor {
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The JSON object h5grove sends: {@code class}, {@code dtype}, {@code size} and per class more. */
    public Map<String, Object> toMap() {
        return fields;
    }

    /** The NumPy dtype string ({@code <i4}); for compounds, the first field's when asked as a string. */
    public String dtype() {
        Object d = fields.get("dtype");
        return d instanceof String s ? s : String.valueOf(d);
    }

    /** The HDF5 class number. */
    public int hdf5Class() {
        return (Integer) fields.get("class");
    }

    /** True when the values are numbers (or booleans) that can be sent as a typed array. */
    public boolean isNumeric() {
        return numeric != null;
    }

    /** Describes a jHDF datatype. */
    static TypeDescriptor of(DataType type) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (type instanceof FixedPoint fp) {
            NumericType n = NumericType.of(fp.isSigned() ? 'i' : 'u', fp.getSize(), fp.getByteOrder());
            put(m, INTEGER, n.dtype(), fp.getSize());
            m.put("order", order(fp.getByteOrder()));
            m.put("sign", fp.isSigned() ? 1 : 0);
            return new TypeDescriptor(m, n);
        }
        if (type instanceof FloatingPoint f) {
            NumericType n = f.getSize() == 2 || f.getSize() == 4 || f.getSize() == 8
                    ? NumericType.of('f', f.getSize(), f.getByteOrder())
                    : new NumericType('f', f.getSize(), f.getByteOrder(), f.getExponentSize(), f.getMantissaSize(),
                    f.getMantissaNormalization() == 2);
            put(m, FLOAT, n.dtype(), f.getSize());
            m.put("order", order(f.getByteOrder()));
            return new TypeDescriptor(m, n);
        }
        if (type instanceof StringData s) {
            put(m, STRING, "|S" + s.getSize(), s.getSize());
            m.put("cset", s.getCharset().equals(StandardCharsets.UTF_8) ? 1 : 0);
            m.put("strpad", s.getPaddingType().ordinal());
            m.put("vlen", false);
            return new TypeDescriptor(m, null);
        }
        if (type instanceof VariableLength v) {
            if (v.isVariableLengthString()) {
                put(m, STRING, "|O", v.getSize());
                m.put("cset", v.getEncoding().equals(StandardCharsets.UTF_8) ? 1 : 0);
                m.put("strpad", v.getPaddingType().ordinal());
                m.put("vlen", true);
            } else {
                put(m, VLEN, "|O", v.getSize());
                m.put("base", of(v.getParent()).toMap());
            }
            return new TypeDescriptor(m, null);
        }
        if (type instanceof EnumDataType e) {
            TypeDescriptor base = of(e.getBaseType());
            Map<String, Object> members = new TreeMap<>();
            e.getEnumMapping().forEach((value, name) -> members.put(name, value));
            boolean bool = base.numeric != null && e.getSize() == 1 && members.size() == 2
                    && Integer.valueOf(0).equals(members.get("FALSE")) && Integer.valueOf(1).equals(members.get("TRUE"));
            NumericType n = bool ? NumericType.of('b', 1, ByteOrder.LITTLE_ENDIAN) : base.numeric;
            put(m, ENUM, n != null ? n.dtype() : base.dtype(), e.getSize());
            m.put("members", members);
            m.put("base", base.toMap());
            return new TypeDescriptor(m, n);
        }
        if (type instanceof CompoundDataType c) {
            Map<String, Object> dtypes = new LinkedHashMap<>();
            Map<String, Object> members = new LinkedHashMap<>();
            for (CompoundDataType.CompoundDataMember member : c.getMembers()) {
                TypeDescriptor t = of(member.getDataType());
                dtypes.put(member.getName(), t.fields.get("dtype"));
                members.put(member.getName(), t.toMap());
            }
            put(m, COMPOUND, null, c.getSize());
            m.put("dtype", dtypes);
            m.put("members", members);
            return new TypeDescriptor(m, null);
        }
        if (type instanceof ArrayDataType a) {
            put(m, ARRAY, "|V" + a.getSize(), a.getSize());
            m.put("dims", Arrays.stream(a.getArrayTypeDimensions()).boxed().toList());
            m.put("base", of(a.getBaseType()).toMap());
            return new TypeDescriptor(m, null);
        }
        if (type instanceof BitField b) {
            put(m, BITFIELD, (b.getSize() == 1 ? "|" : b.getByteOrder() == ByteOrder.LITTLE_ENDIAN ? "<" : ">") + "u" + b.getSize(), b.getSize());
            m.put("order", order(b.getByteOrder()));
            return new TypeDescriptor(m, null);
        }
        if (type instanceof OpaqueDataType o) {
            put(m, OPAQUE, "|V" + o.getSize(), o.getSize());
            m.put("tag", o.getAsciiTag());
            return new TypeDescriptor(m, null);
        }
        if (type instanceof Reference r) {
            put(m, REFERENCE, "|O", r.getSize());
            return new TypeDescriptor(m, null);
        }
        put(m, type.getDataClass(), "|V" + type.getSize(), type.getSize());
        return new TypeDescriptor(m, null);
    }

    private static void put(Map<String, Object> m, int hdf5Class, String dtype, int size) {
        m.put("class", hdf5Class);
        m.put("dtype", dtype);
        m.put("size", size);
    }

    private static int order(ByteOrder order) {
        return order == ByteOrder.BIG_ENDIAN ? 1 : 0;
    }
}
