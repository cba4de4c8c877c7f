package org.vitrine.core.hdf5;

import io.jhdf.checksum.ChecksumUtils;
import io.jhdf.object.message.Message;
import io.jhdf.object.message.SharedMessage;
import io.jhdf.storage.HdfBackingStorage;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The messages of one object header (version 1 or 2, continuation blocks followed), kept as
 * stored bytes and decoded one by one on demand. jHDF decodes a whole header at once, so one
 * message it does not know (a virtual dataset's layout, an untagged opaque type) makes the
 * object, and with it every group that holds it, unreadable. Here a message that cannot be
 * decoded fails only the question that needs it.
 */
final class ObjectMessages {

    static final int DATASPACE = 1, LINK_INFO = 2, DATATYPE = 3, FILL_VALUE_OLD = 4, FILL_VALUE = 5, LINK = 6,
            EXTERNAL_FILES = 7, LAYOUT = 8, FILTER_PIPELINE = 11, ATTRIBUTE = 12, CONTINUATION = 16, SYMBOL_TABLE = 17,
            ATTRIBUTE_INFO = 21;

    private static final int SHARED = 0x02;
    /** More continuation blocks than any real header has: a loop in a corrupt file ends here. */
    private static final int MAX_BLOCKS = 4096;

    /** One message as stored: its type, flags and body. */
    record Raw(int type, int flags, ByteBuffer body) {
        ByteBuffer data() {
            return body.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    private final long address;
    private final List<Raw> messages;
    private final HdfBackingStorage storage;

    private ObjectMessages(long address, List<Raw> messages, HdfBackingStorage storage) {
        this.address = address;
        this.messages = messages;
        this.storage = storage;
    }

    /** Reads the header at {@code address}. */
    static ObjectMessages read(HdfBackingStorage storage, long address) {
        List<Raw> out = new ArrayList<>();
        ByteBuffer prefix = readUpTo(storage, address, 34);
        if (prefix.remaining() >= 4 && prefix.get(0) == 'O' && prefix.get(1) == 'H' && prefix.get(2) == 'D' && prefix.get(3) == 'R') {
            readV2(storage, address, prefix, out);
        } else if (prefix.remaining() >= 16 && prefix.get(0) == 1) {
            readV1(storage, address, prefix, out);
        } else {
            throw new Hdf5Exception(Hdf5Exception.Kind.CORRUPT_DATA, "No object header at address " + address);
        }
        return new ObjectMessages(address, List.copyOf(out), storage);
    }

    /** Up to {@code max} bytes at {@code address}, fewer where the file ends sooner. */
    private static ByteBuffer readUpTo(HdfBackingStorage storage, long address, int max) {
        long available = storage.size() - storage.getUserBlockSize() - address;
        if (available <= 0) {
            throw new Hdf5Exception(Hdf5Exception.Kind.CORRUPT_DATA, "Object header address " + address
                    + " lies beyond the end of the file");
        }
        return storage.readBufferFromAddress(address, (int) Math.min(max, available));
    }

    private static void readV1(HdfBackingStorage storage, long address, ByteBuffer prefix, List<Raw> out) {
        int count = prefix.getShort(2) & 0xFFFF;
        long size = prefix.getInt(8) & 0xFFFFFFFFL;
        List<long[]> blocks = new ArrayList<>();
        blocks.add(new long[]{address + 16, size});
        for (int b = 0; b < blocks.size() && out.size() < count; b++) {
            check(blocks.size());
            ByteBuffer bb = storage.readBufferFromAddress(blocks.get(b)[0], Math.toIntExact(blocks.get(b)[1]));
            while (bb.remaining() >= 8 && out.size() < count) {
                int type = bb.getShort() & 0xFFFF;
                int length = bb.getShort() & 0xFFFF;
                int flags = bb.get() & 0xFF;
                bb.position(bb.position() + 3);
                Raw raw = new Raw(type, flags, take(bb, length));
                out.add(raw);
                if (type == CONTINUATION) {
                    blocks.add(continuation(storage, raw));
                }
            }
        }
    }

    private static void readV2(HdfBackingStorage storage, long address, ByteBuffer prefix, List<Raw> out) {
        int flags = prefix.get(5) & 0xFF;
        int at = 6 + ((flags & 0x20) != 0 ? 16 : 0) + ((flags & 0x10) != 0 ? 4 : 0);
        int sizeBytes = 1 << (flags & 0x03);
        long size = 0;
        for (int i = 0; i < sizeBytes; i++) {
            size |= (long) (prefix.get(at + i) & 0xFF) << (8 * i);
        }
        at += sizeBytes;
        boolean creationOrder = (flags & 0x04) != 0;
        List<long[]> blocks = new ArrayList<>();
        blocks.add(new long[]{address, at + size + 4});
        for (int b = 0; b < blocks.size(); b++) {
            check(blocks.size());
            ByteBuffer bb = storage.readBufferFromAddress(blocks.get(b)[0], Math.toIntExact(blocks.get(b)[1]));
            ChecksumUtils.validateChecksum(bb.duplicate().order(ByteOrder.LITTLE_ENDIAN));
            if (b == 0) {
                bb.position(at);
            } else if (bb.remaining() < 8 || bb.get() != 'O' || bb.get() != 'C' || bb.get() != 'H' || bb.get() != 'K') {
                throw new Hdf5Exception(Hdf5Exception.Kind.CORRUPT_DATA, "Object header continuation of the object at address "
                        + address + " has no OCHK signature");
            }
            bb.limit(bb.limit() - 4);
            while (bb.remaining() >= (creationOrder ? 6 : 4)) {
                int type = bb.get() & 0xFF;
                int length = bb.getShort() & 0xFFFF;
                int messageFlags = bb.get() & 0xFF;
                if (creationOrder) {
                    bb.getShort();
                }
                Raw raw = new Raw(type, messageFlags, take(bb, length));
                out.add(raw);
                if (type == CONTINUATION) {
                    blocks.add(continuation(storage, raw));
                }
            }
        }
    }

    private static ByteBuffer take(ByteBuffer bb, int length) {
        if (length > bb.remaining()) {
            throw new Hdf5Exception(Hdf5Exception.Kind.CORRUPT_DATA, "An object header message of " + length
                    + " bytes runs past its header block");
        }
        ByteBuffer body = bb.slice().limit(length).order(ByteOrder.LITTLE_ENDIAN);
        bb.position(bb.position() + length);
        return body;
    }

    private static long[] continuation(HdfBackingStorage storage, Raw raw) {
        ByteBuffer bb = raw.data();
        long offset = HdfFields.unsigned(bb, storage.getSizeOfOffsets());
        long length = HdfFields.unsigned(bb, storage.getSizeOfLengths());
        return new long[]{offset, length};
    }

    private static void check(int blocks) {
        if (blocks > MAX_BLOCKS) {
            throw new Hdf5Exception(Hdf5Exception.Kind.CORRUPT_DATA, "An object header has more than " + MAX_BLOCKS
                    + " continuation blocks: the file is corrupt");
        }
    }

    /** The header's address, which identifies the object in its file. */
    long address() {
        return address;
    }

    boolean has(int type) {
        return messages.stream().anyMatch(m -> m.type() == type);
    }

    /** Every message of {@code type}, shared ones read from the header that holds them. */
    List<Raw> all(int type) {
        List<Raw> out = new ArrayList<>();
        for (Raw m : messages) {
            if (m.type() == type) {
                out.add(unshared(m));
            }
        }
        return out;
    }

    /** The first message of {@code type}, or null. */
    Raw first(int type) {
        for (Raw m : messages) {
            if (m.type() == type) {
                return unshared(m);
            }
        }
        return null;
    }

    /** A shared message's body lives in another object's header (a committed datatype). */
    private Raw unshared(Raw m) {
        if ((m.flags() & SHARED) == 0) {
            return m;
        }
        long target = new SharedMessage(m.data(), storage.getSuperblock()).getObjectHeaderAddress();
        Raw shared = read(storage, target).first(m.type());
        if (shared == null) {
            throw new Hdf5Exception(Hdf5Exception.Kind.CORRUPT_DATA, "The shared message of type " + m.type()
                    + " at address " + target + " is missing");
        }
        return shared;
    }

    /**
     * The first message of {@code type} decoded by jHDF (dataspaces, layouts, filter pipelines,
     * fill values, links), or null when there is none.
     */
    <T extends Message> T decoded(int type, Class<T> as) {
        Raw m = first(type);
        return m == null ? null : decode(m, as);
    }

    /** Decodes one message with jHDF's reader of that message type. */
    <T extends Message> T decode(Raw m, Class<T> as) {
        ByteBuffer body = m.data();
        ByteBuffer framed = ByteBuffer.allocate(8 + body.remaining()).order(ByteOrder.LITTLE_ENDIAN);
        framed.putShort((short) m.type()).putShort((short) body.remaining()).put((byte) (m.flags() & ~SHARED))
                .put(new byte[3]).put(body).flip();
        return as.cast(Message.readObjectHeaderV1Message(framed, storage));
    }

    /** The object's datatype, or null when it has none (a group). */
    Hdf5Type datatype() {
        Raw m = first(DATATYPE);
        return m == null ? null : Hdf5Type.parse(m.data());
    }
}
