package org.vitrine.core.content;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;

/**
 * A table that a build leaves in its cache folder for the next one (parsed content, input keys of
 * the outputs, remembered values). Tens of thousands of rows on a large site, so it is stored as
 * length-prefixed bytes, read in one go, and each value decoded only when it is asked for; a
 * value carried over unchanged is written back as the bytes it was read from.
 */
public final class StateTable {

    private static final int MAGIC = 0x56545331; // "VTS1"

    private StateTable() {
    }

    /** A stored value: its bytes, and (for text) the string they encode in UTF-8, decoded on first use. */
    public static final class Value {
        private final byte[] data;
        private final int offset;
        private final int length;
        private String text;

        private Value(byte[] data, int offset, int length, String text) {
            this.data = data;
            this.offset = offset;
            this.length = length;
            this.text = text;
        }

        public static Value of(String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            return new Value(bytes, 0, bytes.length, text);
        }

        public static Value of(byte[] bytes) {
            return new Value(bytes, 0, bytes.length, null);
        }

        /** The bytes as stored (a copy when the value is a part of a larger read). */
        public byte[] bytes() {
            return offset == 0 && length == data.length ? data : java.util.Arrays.copyOfRange(data, offset, offset + length);
        }

        /** The bytes as stored, to read without copying them. */
        public java.io.InputStream stream() {
            return new java.io.ByteArrayInputStream(data, offset, length);
        }

        /** True when the value is the UTF-8 encoding of {@code text}; compares without decoding. */
        public boolean is(String text) {
            String t = this.text;
            if (t != null) {
                return t.equals(text);
            }
            if (text.length() != length) {
                // Equal only if some characters take more than one byte: decode to tell.
                return text().equals(text);
            }
            for (int i = 0; i < length; i++) {
                char c = text.charAt(i);
                if (c >= 0x80 || data[offset + i] != (byte) c) {
                    return c >= 0x80 && text().equals(text);
                }
            }
            return true;
        }

        public String text() {
            String t = text;
            if (t == null) {
                t = new String(data, offset, length, StandardCharsets.UTF_8);
                text = t;
            }
            return t;
        }
    }

    /** The rows of {@code file}; empty when it is missing or damaged (which only costs a full rebuild). */
    public static Map<String, Value> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return new HashMap<>();
        }
        try {
            byte[] all = Files.readAllBytes(file);
            ByteBuffer in = ByteBuffer.wrap(all);
            if (all.length < 8 || in.getInt() != MAGIC) {
                return new HashMap<>();
            }
            int rows = in.getInt();
            if (rows < 0 || rows > in.remaining() / 8) {
                return new HashMap<>();
            }
            Map<String, Value> out = new HashMap<>(rows * 4 / 3 + 1);
            for (int i = 0; i < rows; i++) {
                int keyLength = in.getInt();
                String key = new String(all, in.position(), keyLength, StandardCharsets.UTF_8);
                in.position(in.position() + keyLength);
                int valueLength = in.getInt();
                if (keyLength < 0 || valueLength < 0 || valueLength > in.remaining()) {
                    return new HashMap<>();
                }
                out.put(key, new Value(all, in.position(), valueLength, null));
                in.position(in.position() + valueLength);
            }
            return out;
        } catch (IOException | RuntimeException e) {
            return new HashMap<>();
        }
    }

    /** Replaces {@code file} with {@code rows}, atomically. */
    public static void write(Path file, Map<String, Value> rows) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write build state " + file, e);
        }
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
            out.writeInt(MAGIC);
            out.writeInt(rows.size());
            for (Map.Entry<String, Value> row : rows.entrySet()) {
                byte[] key = row.getKey().getBytes(StandardCharsets.UTF_8);
                out.writeInt(key.length);
                out.write(key);
                Value v = row.getValue();
                out.writeInt(v.length);
                out.write(v.data, v.offset, v.length);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write build state " + file, e);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write build state " + file, e);
        }
    }
}
