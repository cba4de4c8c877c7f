package org.vitrine.api.h5grove;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.vitrine.core.hdf5.NumericType;
import org.vitrine.core.hdf5.Slab;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.util.Collection;
import java.util.Map;

/**
 * Writes JSON as h5grove's encoder (orjson) does: NaN and infinities as {@code null}, floats as
 * the double they widen to, unsigned 64-bit integers exactly, booleans as {@code true}/{@code false},
 * compound values as arrays of their members (as {@code Hdf5Dataset.readValues} gives them).
 */
final class JsonWriter {

    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonWriter() {
    }

    /** Any value made of maps, collections, arrays, strings, numbers and booleans. */
    static byte[] value(Object value) {
        return write(g -> writeValue(g, value));
    }

    /** A numeric slab: nested arrays by shape (flat when asked), a bare value for a scalar. */
    static byte[] slab(Slab slab, boolean flatten) {
        return write(g -> {
            long[] shape = slab.shape();
            if (shape.length == 0) {
                writeElement(g, slab, 0);
            } else if (flatten) {
                g.writeStartArray();
                for (int i = 0, n = slab.size(); i < n; i++) {
                    writeElement(g, slab, i);
                }
                g.writeEndArray();
            } else {
                writeNested(g, slab, shape, 0, 0);
            }
        });
    }

    private static int writeNested(JsonGenerator g, Slab slab, long[] shape, int dim, int index) throws IOException {
        g.writeStartArray();
        for (long i = 0; i < shape[dim]; i++) {
            if (dim == shape.length - 1) {
                writeElement(g, slab, index++);
            } else {
                index = writeNested(g, slab, shape, dim + 1, index);
            }
        }
        g.writeEndArray();
        return index;
    }

    private static void writeElement(JsonGenerator g, Slab slab, int i) throws IOException {
        NumericType t = slab.type();
        switch (t.kind()) {
            case 'b' -> g.writeBoolean(t.getLong(slab.bytes(), i) != 0);
            case 'i' -> g.writeNumber(t.getLong(slab.bytes(), i));
            case 'u' -> {
                long v = t.getLong(slab.bytes(), i);
                if (v >= 0) {
                    g.writeNumber(v);
                } else {
                    g.writeNumber(Long.toUnsignedString(v));
                }
            }
            default -> writeDouble(g, t.getDouble(slab.bytes(), i));
        }
    }

    private static void writeDouble(JsonGenerator g, double v) throws IOException {
        if (Double.isFinite(v)) {
            g.writeNumber(v);
        } else {
            g.writeNull();
        }
    }

    @SuppressWarnings("unchecked")
    static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Double || v instanceof Float) {
            writeDouble(g, ((Number) v).doubleValue());
        } else if (v instanceof java.math.BigInteger b) {
            g.writeNumber(b);
        } else if (v instanceof java.math.BigDecimal b) {
            g.writeNumber(b);
        } else if (v instanceof Number n) {
            g.writeNumber(n.longValue());
        } else if (v instanceof Character c) {
            g.writeString(String.valueOf(c));
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof Collection<?> c) {
            g.writeStartArray();
            for (Object o : c) {
                writeValue(g, o);
            }
            g.writeEndArray();
        } else if (v instanceof long[] a) {
            g.writeStartArray();
            for (long x : a) {
                g.writeNumber(x);
            }
            g.writeEndArray();
        } else if (v instanceof int[] a) {
            g.writeStartArray();
            for (int x : a) {
                g.writeNumber(x);
            }
            g.writeEndArray();
        } else if (v.getClass().isArray()) {
            g.writeStartArray();
            for (int i = 0, n = Array.getLength(v); i < n; i++) {
                writeValue(g, Array.get(v, i));
            }
            g.writeEndArray();
        } else {
            g.writeString(String.valueOf(v));
        }
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
