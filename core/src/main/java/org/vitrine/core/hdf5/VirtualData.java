package org.vitrine.core.hdf5;

import io.jhdf.GlobalHeap;
import io.jhdf.storage.HdfBackingStorage;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A virtual dataset (layout class 3, the layout of Eiger/NXmx masters and of European XFEL's
 * detector files): a list of mappings, each taking a selection of a source dataset, in this file
 * or another, to a selection of the virtual one. jHDF cannot read them; the layout message and
 * the mappings in the global heap are read here. Elements no present source provides read as
 * the fill value, as the HDF5 library gives them, so a missing source file is not an error.
 *
 * <p>Mappings whose selections are "all", or hyperslabs (regular, or lists of blocks that form a
 * grid), are read; point selections and unlimited mappings are refused as unsupported.
 */
final class VirtualData {

    /** Reaches source datasets through the same door as every other read. */
    interface Sources {
        /**
         * Hands the dataset at {@code path} of source file {@code name} ("." for this file) to
         * {@code read} while it is open; does nothing when either is missing.
         */
        void with(String name, String path, java.util.function.Consumer<Hdf5Dataset> read);
    }

    /** One mapping: the source file and dataset, and the two selections. */
    record Mapping(String file, String dataset, Selected source, Selected virtual) {
    }

    /**
     * A dataspace selection: everything, or per dimension the sorted coordinates it selects
     * (selections that are not a grid of such coordinates are refused when read).
     */
    record Selected(boolean all, long[][] coordinates) {
        long[] along(int d, long[] dims) {
            if (!all) {
                return coordinates[d];
            }
            long[] c = new long[(int) dims[d]];
            for (int i = 0; i < c.length; i++) {
                c[i] = i;
            }
            return c;
        }

        int rank(long[] dims) {
            return all ? dims.length : coordinates.length;
        }
    }

    private final String where;
    private final long[] dims;
    private final TypeDescriptor type;
    private final int elementSize;
    private final byte[] fill;
    private final List<Mapping> mappings;

    private VirtualData(String where, long[] dims, TypeDescriptor type, int elementSize, byte[] fill, List<Mapping> mappings) {
        this.where = where;
        this.dims = dims;
        this.type = type;
        this.elementSize = elementSize;
        this.fill = fill;
        this.mappings = mappings;
    }

    /** True when a layout message body describes virtual storage. */
    static boolean isVirtual(ByteBuffer layout) {
        return layout.remaining() >= 2 && layout.get(0) >= 3 && layout.get(1) == 3;
    }

    /** Reads the mappings a virtual layout message points to. */
    static VirtualData read(HdfBackingStorage storage, ByteBuffer layout, String where, long[] dims, TypeDescriptor type,
                            int elementSize, byte[] fill) {
        ByteBuffer bb = layout.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        bb.position(2);
        long heapAddress = HdfFields.unsigned(bb, storage.getSizeOfOffsets());
        int index = bb.getInt();
        ByteBuffer blob = new GlobalHeap(storage, heapAddress).getObjectData(index).order(ByteOrder.LITTLE_ENDIAN);
        int version = blob.get() & 0xFF;
        if (version != 0) {
            throw unsupported(where, "its mappings are stored in version " + version);
        }
        long count = HdfFields.unsigned(blob, storage.getSizeOfLengths());
        List<Mapping> mappings = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            String file = text(blob);
            String dataset = text(blob);
            Selected source = selection(blob, where);
            Selected virtual = selection(blob, where);
            mappings.add(new Mapping(file, dataset, source, virtual));
        }
        return new VirtualData(where, dims, type, elementSize, fill, List.copyOf(mappings));
    }

    List<Mapping> mappings() {
        return mappings;
    }

    private static String text(ByteBuffer bb) {
        // The library escapes '%' in names as "%%" (a single '%' starts a pattern over unlimited mappings).
        return HdfFields.name(bb).replace("%%", "%");
    }

    /** A serialized dataspace selection (H5S_SEL_ALL, or hyperslabs in encoding versions 1 to 3). */
    private static Selected selection(ByteBuffer bb, String where) {
        int type = bb.getInt();
        int version = bb.getInt();
        switch (type) {
            case 3 -> { // all
                bb.position(bb.position() + 8);
                return new Selected(true, null);
            }
            case 2 -> {
                return hyperslab(bb, version, where);
            }
            case 1 -> throw unsupported(where, "a mapping selects points");
            default -> throw unsupported(where, "a mapping has selection type " + type);
        }
    }

    private static Selected hyperslab(ByteBuffer bb, int version, String where) {
        int encoding = 4;
        boolean regular;
        if (version == 1) {
            bb.position(bb.position() + 8); // reserved, length
            regular = false;
        } else if (version == 2) {
            regular = (bb.get() & 0x01) != 0;
            bb.getInt(); // length
            encoding = 8;
        } else if (version == 3) {
            regular = (bb.get() & 0x01) != 0;
            encoding = bb.get() & 0xFF;
        } else {
            throw unsupported(where, "a mapping's hyperslab is encoded in version " + version);
        }
        int rank = bb.getInt();
        if (regular) {
            long[][] coordinates = new long[rank][];
            for (int d = 0; d < rank; d++) {
                long start = HdfFields.unsigned(bb, encoding);
                long stride = HdfFields.unsigned(bb, encoding);
                long count = HdfFields.unsigned(bb, encoding);
                long block = HdfFields.unsigned(bb, encoding);
                if (isUnlimited(count, encoding) || isUnlimited(block, encoding)) {
                    throw unsupported(where, "it has unlimited mappings");
                }
                long[] c = new long[Math.toIntExact(count * block)];
                int n = 0;
                for (long i = 0; i < count; i++) {
                    for (long j = 0; j < block; j++) {
                        c[n++] = start + i * stride + j;
                    }
                }
                Arrays.sort(c);
                coordinates[d] = c;
            }
            return new Selected(false, coordinates);
        }
        long blocks = HdfFields.unsigned(bb, encoding);
        long[][] starts = new long[(int) blocks][rank];
        long[][] ends = new long[(int) blocks][rank];
        for (int b = 0; b < blocks; b++) {
            for (int d = 0; d < rank; d++) {
                starts[b][d] = HdfFields.unsigned(bb, encoding);
            }
            for (int d = 0; d < rank; d++) {
                ends[b][d] = HdfFields.unsigned(bb, encoding);
            }
        }
        return blocks(starts, ends, rank, where);
    }

    private static boolean isUnlimited(long v, int encoding) {
        return encoding == 8 ? v == -1L : v == (1L << (8 * encoding)) - 1;
    }

    /** A list of blocks, accepted when together they select every point of a grid. */
    private static Selected blocks(long[][] starts, long[][] ends, int rank, String where) {
        long[][] coordinates = new long[rank][];
        long total = 0;
        for (int b = 0; b < starts.length; b++) {
            long n = 1;
            for (int d = 0; d < rank; d++) {
                n *= ends[b][d] - starts[b][d] + 1;
            }
            total += n;
        }
        long grid = 1;
        for (int d = 0; d < rank; d++) {
            java.util.TreeSet<Long> set = new java.util.TreeSet<>();
            for (int b = 0; b < starts.length; b++) {
                for (long x = starts[b][d]; x <= ends[b][d]; x++) {
                    set.add(x);
                }
            }
            coordinates[d] = set.stream().mapToLong(Long::longValue).toArray();
            grid *= coordinates[d].length;
        }
        if (grid != total) {
            throw unsupported(where, "a mapping selects an irregular set of blocks");
        }
        return new Selected(false, coordinates);
    }

    private static Hdf5Exception unsupported(String where, String why) {
        return new Hdf5Exception(Hdf5Exception.Kind.UNSUPPORTED_TYPE, "Cannot read the virtual dataset " + where + ": " + why);
    }

    /** The selected elements, row-major, each source mapped in and the rest the fill value. */
    byte[] read(Selection sel, Sources sources) {
        long total = Math.multiplyExact(sel.size(), (long) elementSize);
        if (total > Integer.MAX_VALUE - 8) {
            throw new Hdf5Exception(Hdf5Exception.Kind.BAD_SELECTION, "Selection " + sel + " holds " + total
                    + " bytes, more than one read can return");
        }
        byte[] out = new byte[(int) total];
        if (fill != null) {
            for (int p = 0; p + elementSize <= out.length; p += elementSize) {
                System.arraycopy(fill, 0, out, p, elementSize);
            }
        }
        for (Mapping m : mappings) {
            sources.with(m.file(), m.dataset(), source -> {
                if (source.shape() != null) {
                    copy(m, source, sel, out);
                }
            });
        }
        return out;
    }

    private void copy(Mapping m, Hdf5Dataset source, Selection sel, byte[] out) {
        if (source.elementSize() != elementSize || !source.type().equals(type)) {
            throw unsupported(where, "its source " + m.dataset() + " in " + m.file() + " has type " + source.dtype()
                    + ", not " + type.dtype());
        }
        long[] srcDims = source.shape();
        int rank = dims.length;
        // Dimensions of one element on either side are fixed coordinates; the others pair up in order.
        List<Integer> virtualFree = new ArrayList<>();
        long[][] virtualCoords = new long[rank][];
        for (int d = 0; d < rank; d++) {
            virtualCoords[d] = m.virtual().along(d, dims);
            if (virtualCoords[d].length > 1) {
                virtualFree.add(d);
            }
        }
        int srcRank = m.source().rank(srcDims);
        List<Integer> sourceFree = new ArrayList<>();
        long[][] sourceCoords = new long[srcRank][];
        for (int d = 0; d < srcRank; d++) {
            sourceCoords[d] = m.source().along(d, srcDims);
            if (sourceCoords[d].length > 1) {
                sourceFree.add(d);
            }
        }
        if (virtualFree.size() != sourceFree.size()) {
            throw unsupported(where, "the mapping from " + m.dataset() + " in " + m.file() + " changes the shape of the data");
        }
        int[] pairedSource = new int[rank];
        Arrays.fill(pairedSource, -1);
        for (int i = 0; i < virtualFree.size(); i++) {
            int v = virtualFree.get(i);
            int s = sourceFree.get(i);
            if (virtualCoords[v].length != sourceCoords[s].length) {
                throw unsupported(where, "the mapping from " + m.dataset() + " in " + m.file() + " changes the shape of the data");
            }
            pairedSource[v] = s;
        }
        // Along each virtual dimension: which result positions this mapping fills, from which source coordinate.
        long[][] resultAt = new long[rank][];
        long[][] sourceAt = new long[rank][];
        for (int d = 0; d < rank; d++) {
            long[] r = new long[(int) Math.min(sel.count(d), virtualCoords[d].length)];
            long[] s = new long[r.length];
            int n = 0;
            for (long k = 0; k < sel.count(d) && n < r.length; k++) {
                long v = sel.start(d) + k * sel.step(d);
                int pos = Arrays.binarySearch(virtualCoords[d], v);
                if (pos >= 0) {
                    r[n] = k;
                    s[n] = pairedSource[d] >= 0 ? sourceCoords[pairedSource[d]][pos] : -1;
                    n++;
                }
            }
            if (n == 0) {
                return;
            }
            resultAt[d] = Arrays.copyOf(r, n);
            sourceAt[d] = Arrays.copyOf(s, n);
        }
        // The source read: per source dimension an exact stride where possible, else the span.
        long[] offset = new long[srcRank];
        int[] count = new int[srcRank];
        int[] step = new int[srcRank];
        long[][] indexInRead = new long[rank][];
        for (int sd = 0; sd < srcRank; sd++) {
            int vd = -1;
            for (int d = 0; d < rank; d++) {
                if (pairedSource[d] == sd) {
                    vd = d;
                }
            }
            long[] wanted = vd >= 0 ? sourceAt[vd] : new long[]{sourceCoords[sd][0]};
            long first = wanted[0];
            long stride = wanted.length > 1 ? wanted[1] - wanted[0] : 1;
            boolean arithmetic = stride > 0;
            for (int i = 1; i < wanted.length && arithmetic; i++) {
                arithmetic = wanted[i] - wanted[i - 1] == stride;
            }
            long min = Arrays.stream(wanted).min().orElse(0);
            long max = Arrays.stream(wanted).max().orElse(0);
            offset[sd] = arithmetic ? first : min;
            step[sd] = arithmetic ? (int) stride : 1;
            count[sd] = arithmetic ? wanted.length : (int) (max - min + 1);
            if (vd >= 0) {
                long[] at = new long[wanted.length];
                for (int i = 0; i < at.length; i++) {
                    at[i] = arithmetic ? i : wanted[i] - min;
                }
                indexInRead[vd] = at;
            }
        }
        byte[] read = source.readBytes(Selection.of(srcDims, offset, count, step));
        long[] readStride = new long[srcRank];
        for (int sd = srcRank - 1; sd >= 0; sd--) {
            readStride[sd] = sd == srcRank - 1 ? 1 : readStride[sd + 1] * count[sd + 1];
        }
        long[] outStride = new long[rank];
        for (int d = rank - 1; d >= 0; d--) {
            outStride[d] = d == rank - 1 ? 1 : outStride[d + 1] * sel.count(d + 1);
        }
        place(0, 0, 0, resultAt, indexInRead, pairedSource, outStride, readStride, read, out);
    }

    private void place(int d, long outBase, long readBase, long[][] resultAt, long[][] indexInRead, int[] pairedSource,
                       long[] outStride, long[] readStride, byte[] read, byte[] out) {
        for (int i = 0; i < resultAt[d].length; i++) {
            long o = outBase + resultAt[d][i] * outStride[d];
            long r = readBase + (pairedSource[d] >= 0 ? indexInRead[d][i] * readStride[pairedSource[d]] : 0);
            if (d == resultAt.length - 1) {
                System.arraycopy(read, (int) (r * elementSize), out, (int) (o * elementSize), elementSize);
            } else {
                place(d + 1, o, r, resultAt, indexInRead, pairedSource, outStride, readStride, read, out);
            }
        }
    }
}
