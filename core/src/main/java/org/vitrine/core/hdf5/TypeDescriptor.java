package org.vitrine.core.hdf5;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An HDF5 datatype described as h5grove describes it to h5web: the {@code H5T_class} number, a
 * NumPy dtype string and the class's own fields. {@link #toMap()} gives the JSON object.
 *
 * @param numeric the stored element type when values are plain numbers (integers, floats,
 *                booleans, enums read as their integer values), else null
 */
public record TypeDescriptor(Map<String, Object> fields, NumericType numeric) {

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

    /** Describes a datatype as h5py's {@code TypeID} does for h5grove. */
    static TypeDescriptor of(Hdf5Type type) {
        Map<String, Object> m = new LinkedHashMap<>();
        NumericType n = type.numeric();
        switch (type.hdf5Class()) {
            case Hdf5Type.INTEGER -> {
                put(m, Hdf5Type.INTEGER, n.dtype(), type.size());
                m.put("order", order(type.order()));
                m.put("sign", type.signed() ? 1 : 0);
            }
            case Hdf5Type.FLOAT -> {
                put(m, Hdf5Type.FLOAT, n.dtype(), type.size());
                m.put("order", order(type.order()));
            }
            case Hdf5Type.STRING -> {
                put(m, Hdf5Type.STRING, "|S" + type.size(), type.size());
                m.put("cset", type.charset());
                m.put("strpad", type.padding());
                m.put("vlen", false);
            }
            case Hdf5Type.BITFIELD -> {
                put(m, Hdf5Type.BITFIELD, n.dtype(), type.size());
                m.put("order", order(type.order()));
            }
            case Hdf5Type.OPAQUE -> {
                put(m, Hdf5Type.OPAQUE, "|V" + type.size(), type.size());
                m.put("tag", type.tag());
            }
            case Hdf5Type.COMPOUND -> {
                Map<String, Object> dtypes = new LinkedHashMap<>();
                List<Object> members = new ArrayList<>();
                for (Hdf5Type.Member member : type.members()) {
                    TypeDescriptor t = of(member.type());
                    dtypes.put(member.name(), t.fields.get("dtype"));
                    Map<String, Object> described = new LinkedHashMap<>();
                    described.put("name", member.name());
                    described.putAll(t.fields);
                    members.add(described);
                }
                put(m, Hdf5Type.COMPOUND, null, type.size());
                m.put("dtype", dtypes);
                m.put("members", members);
            }
            case Hdf5Type.REFERENCE -> put(m, Hdf5Type.REFERENCE, "|O", type.size());
            // Variable-length types are described in memory, as h5py gets them: a pointer to the
            // string, or a length and a pointer (hvl_t) for a sequence.
            case Hdf5Type.ENUM -> {
                TypeDescriptor base = of(type.base());
                Map<String, Object> members = new LinkedHashMap<>();
                type.members().forEach(member -> members.put(member.name(), member.value()));
                put(m, Hdf5Type.ENUM, n != null ? n.dtype() : base.dtype(), type.size());
                m.put("members", members);
                m.put("base", base.toMap());
            }
            case Hdf5Type.VLEN -> {
                if (type.isVariableString()) {
                    put(m, Hdf5Type.STRING, "|O", 8);
                    m.put("cset", type.charset());
                    m.put("strpad", type.padding());
                    m.put("vlen", true);
                } else {
                    put(m, Hdf5Type.VLEN, "|O", 16);
                    m.put("base", of(type.base()).toMap());
                }
            }
            case Hdf5Type.ARRAY -> {
                put(m, Hdf5Type.ARRAY, "|V" + type.size(), type.size());
                m.put("dims", Arrays.stream(type.dims()).boxed().toList());
                m.put("base", of(type.base()).toMap());
            }
            default -> put(m, type.hdf5Class(), "|V" + type.size(), type.size());
        }
        return new TypeDescriptor(m, n);
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
