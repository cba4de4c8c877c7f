package org.vitrine.core.hdf5;

import io.jhdf.FractalHeap;
import io.jhdf.GroupSymbolTableNode;
import io.jhdf.LocalHeap;
import io.jhdf.SymbolTableEntry;
import io.jhdf.btree.BTreeV1;
import io.jhdf.btree.BTreeV2;
import io.jhdf.btree.record.AttributeNameForIndexedAttributesRecord;
import io.jhdf.btree.record.LinkNameForIndexedGroupRecord;
import io.jhdf.object.message.AttributeInfoMessage;
import io.jhdf.object.message.DataSpace;
import io.jhdf.object.message.LinkInfoMessage;
import io.jhdf.object.message.LinkMessage;
import io.jhdf.object.message.SymbolTableMessage;
import io.jhdf.storage.HdfBackingStorage;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One object of an open file, found by its header's address: what it is (group, dataset or
 * committed datatype), a group's links in the order h5py lists them, and its attributes. Links
 * and attributes are read with jHDF's B-tree and heap readers, each object on its own, so an
 * object that cannot be read never hides its neighbours.
 */
final class StoredObject {

    /** What an object is, as the HDF5 library decides it from its header. */
    enum Kind { GROUP, DATASET, DATATYPE }

    /** A link of a group: hard (to an object's address), soft (to a path) or external (to a path in another file). */
    record Link(String name, LinkMessage.LinkType type, long address, String targetPath, String targetFile, long order) {
    }

    /**
     * An attribute: its type, its shape (null for an empty, null-dataspace attribute) and its
     * stored bytes.
     */
    record Attribute(String name, Hdf5Type type, long[] shape, byte[] data) {
    }

    private final HdfBackingStorage storage;
    private final ObjectMessages messages;
    private volatile List<Link> links;
    private volatile List<Attribute> attributes;

    StoredObject(HdfBackingStorage storage, ObjectMessages messages) {
        this.storage = storage;
        this.messages = messages;
    }

    long address() {
        return messages.address();
    }

    ObjectMessages messages() {
        return messages;
    }

    Kind kind() {
        if (messages.has(ObjectMessages.DATASPACE)) {
            return Kind.DATASET;
        }
        return messages.has(ObjectMessages.DATATYPE) ? Kind.DATATYPE : Kind.GROUP;
    }

    /** A group's links: by creation order where the group tracks it, else by name (as h5py iterates). */
    List<Link> links() {
        List<Link> l = links;
        if (l == null) {
            l = readLinks();
            links = l;
        }
        return l;
    }

    /** A group's links in name order, as h5py's {@code visit} walks them. */
    List<Link> linksByName() {
        List<Link> sorted = new ArrayList<>(links());
        sorted.sort(BY_NAME);
        return sorted;
    }

    /** The link named {@code name}, or null. */
    Link link(String name) {
        for (Link link : links()) {
            if (link.name().equals(name)) {
                return link;
            }
        }
        return null;
    }

    /** Names compare as the HDF5 library compares them: by their UTF-8 bytes. */
    private static final Comparator<Link> BY_NAME = (a, b) -> Arrays.compareUnsigned(
            a.name().getBytes(StandardCharsets.UTF_8), b.name().getBytes(StandardCharsets.UTF_8));

    private List<Link> readLinks() {
        List<Link> out = new ArrayList<>();
        SymbolTableMessage table = messages.decoded(ObjectMessages.SYMBOL_TABLE, SymbolTableMessage.class);
        if (table != null) {
            ByteBuffer names = new LocalHeap(storage, table.getLocalHeapAddress()).getDataBuffer();
            for (long node : BTreeV1.createGroupBTree(storage, table.getBTreeAddress()).getChildAddresses()) {
                for (SymbolTableEntry e : new GroupSymbolTableNode(storage, node).getSymbolTableEntries()) {
                    String name = HdfFields.nameAt(names, e.getLinkNameOffset());
                    if (e.getCacheType() == 2) {
                        out.add(new Link(name, LinkMessage.LinkType.SOFT, -1, HdfFields.nameAt(names, e.getLinkValueOffset()), null, 0));
                    } else {
                        out.add(new Link(name, LinkMessage.LinkType.HARD, e.getObjectHeaderAddress(), null, null, 0));
                    }
                }
            }
            out.sort(BY_NAME);
            return List.copyOf(out);
        }
        List<LinkMessage> stored = new ArrayList<>();
        for (ObjectMessages.Raw m : messages.all(ObjectMessages.LINK)) {
            stored.add(messages.decode(m, LinkMessage.class));
        }
        LinkInfoMessage info = messages.decoded(ObjectMessages.LINK_INFO, LinkInfoMessage.class);
        if (info != null && info.getBTreeNameIndexAddress() != UNDEFINED) {
            FractalHeap heap = new FractalHeap(storage, info.getFractalHeapAddress());
            BTreeV2<LinkNameForIndexedGroupRecord> names = new BTreeV2<>(storage, info.getBTreeNameIndexAddress());
            for (LinkNameForIndexedGroupRecord r : names.getRecords()) {
                stored.add(LinkMessage.fromBuffer(heap.getId(r.getId()), storage.getSuperblock()));
            }
        }
        for (LinkMessage m : stored) {
            out.add(switch (m.getLinkType()) {
                case HARD -> new Link(m.getLinkName(), m.getLinkType(), m.getHardLinkAddress(), null, null, m.getCreationOrder());
                case SOFT -> new Link(m.getLinkName(), m.getLinkType(), -1, m.getSoftLink(), null, m.getCreationOrder());
                case EXTERNAL -> new Link(m.getLinkName(), m.getLinkType(), -1, m.getExternalPath(), m.getExternalFile(),
                        m.getCreationOrder());
            });
        }
        boolean creationOrder = info != null && info.isLinkCreationOrderTracked();
        out.sort(creationOrder ? Comparator.comparingLong(Link::order) : BY_NAME);
        return List.copyOf(out);
    }

    private static final long UNDEFINED = -1L;

    /** The attributes, compact (in the header) and dense (in a heap), in stored order. */
    List<Attribute> attributes() {
        List<Attribute> a = attributes;
        if (a == null) {
            a = readAttributes();
            attributes = a;
        }
        return a;
    }

    /** The attribute named {@code name}, or null. */
    Attribute attribute(String name) {
        for (Attribute a : attributes()) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        return null;
    }

    private List<Attribute> readAttributes() {
        List<Attribute> out = new ArrayList<>();
        for (ObjectMessages.Raw m : messages.all(ObjectMessages.ATTRIBUTE)) {
            out.add(attribute(m.data()));
        }
        AttributeInfoMessage info = messages.decoded(ObjectMessages.ATTRIBUTE_INFO, AttributeInfoMessage.class);
        if (info != null && info.getFractalHeapAddress() != UNDEFINED) {
            FractalHeap heap = new FractalHeap(storage, info.getFractalHeapAddress());
            BTreeV2<AttributeNameForIndexedAttributesRecord> names = new BTreeV2<>(storage, info.getAttributeNameBTreeAddress());
            for (AttributeNameForIndexedAttributesRecord r : names.getRecords()) {
                out.add(attribute(heap.getId(r.getHeapId()).order(ByteOrder.LITTLE_ENDIAN)));
            }
        }
        return List.copyOf(out);
    }

    /** An attribute message (versions 1 to 3): name, datatype, dataspace, then the data. */
    private Attribute attribute(ByteBuffer bb) {
        int version = bb.get() & 0xFF;
        int flags = bb.get() & 0xFF;
        int nameSize = bb.getShort() & 0xFFFF;
        int typeSize = bb.getShort() & 0xFFFF;
        int spaceSize = bb.getShort() & 0xFFFF;
        if (version == 3) {
            bb.get(); // name character set
        }
        boolean padded = version == 1;
        String name = HdfFields.name(bb.slice().limit(nameSize));
        bb.position(bb.position() + nameSize);
        skipPadding(bb, nameSize, padded);
        ByteBuffer typeBytes = bb.slice().limit(typeSize).order(ByteOrder.LITTLE_ENDIAN);
        bb.position(bb.position() + typeSize);
        skipPadding(bb, typeSize, padded);
        ByteBuffer spaceBytes = bb.slice().limit(spaceSize).order(ByteOrder.LITTLE_ENDIAN);
        bb.position(bb.position() + spaceSize);
        skipPadding(bb, spaceSize, padded);
        Hdf5Type type = (flags & 0x01) != 0 ? sharedType(typeBytes) : Hdf5Type.parse(typeBytes);
        DataSpace space = DataSpace.readDataSpace(spaceBytes, storage.getSuperblock());
        long[] shape = space.getType() == 2 ? null : space.getDimensionsAsLong();
        long elements = 1;
        for (long d : shape == null ? new long[]{0} : shape) {
            elements = Math.multiplyExact(elements, d);
        }
        long length = Math.multiplyExact(elements, (long) type.size());
        if (length > bb.remaining()) {
            throw new Hdf5Exception(Hdf5Exception.Kind.CORRUPT_DATA, "Attribute " + name + " declares " + length
                    + " bytes of data but holds " + bb.remaining());
        }
        byte[] data = new byte[(int) length];
        bb.get(data);
        return new Attribute(name, type, shape, data);
    }

    private static void skipPadding(ByteBuffer bb, int size, boolean padded) {
        if (padded) {
            bb.position(bb.position() + (8 - size % 8) % 8);
        }
    }

    /** A datatype held by a committed datatype object: the attribute stores where. */
    private Hdf5Type sharedType(ByteBuffer reference) {
        long target = new io.jhdf.object.message.SharedMessage(reference, storage.getSuperblock()).getObjectHeaderAddress();
        Hdf5Type type = ObjectMessages.read(storage, target).datatype();
        if (type == null) {
            throw new Hdf5Exception(Hdf5Exception.Kind.CORRUPT_DATA, "The shared datatype at address " + target + " is missing");
        }
        return type;
    }
}
