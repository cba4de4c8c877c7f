package org.vitrine.core.hdf5;

import io.jhdf.Constants;
import io.jhdf.object.message.DataLayoutMessage;
import io.jhdf.object.message.DataSpace;
import io.jhdf.object.message.DataSpaceMessage;
import io.jhdf.object.message.FillValueMessage;
import io.jhdf.object.message.FillValueOldMessage;
import io.jhdf.object.message.FilterPipelineMessage;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A dataset of an open {@link Hdf5File}: its layout and type, and reads of any hyperslab that
 * touch only the chunks (or contiguous runs) the selection needs, through the shared chunk cache.
 * Virtual datasets read their sources through the same door. Valid while its file is open.
 */
public final class Hdf5Dataset {

    private final OpenFile file;
    private final StoredObject object;
    private final String path;
    private final String where;
    private final long[] shape;
    private final Hdf5Type hdf5Type;
    private final TypeDescriptor type;
    private final FilterChain filters;
    private final int[] chunks;
    private volatile ChunkSource source;
    private volatile VirtualData virtual;

    Hdf5Dataset(OpenFile file, StoredObject object, String path) {
        this.file = file;
        this.object = object;
        this.path = path;
        this.where = path + " in " + file.name();
        ObjectMessages m = object.messages();
        this.hdf5Type = m.datatype();
        if (hdf5Type == null) {
            throw new Hdf5Exception(Hdf5Exception.Kind.CORRUPT_DATA, where + " has no datatype");
        }
        this.type = TypeDescriptor.of(hdf5Type);
        DataSpace space = m.decoded(ObjectMessages.DATASPACE, DataSpaceMessage.class).getDataSpace();
        this.shape = space.getType() == 2 ? null : space.getDimensionsAsLong();
        FilterPipelineMessage pipeline = m.decoded(ObjectMessages.FILTER_PIPELINE, FilterPipelineMessage.class);
        ObjectMessages.Raw layout = m.first(ObjectMessages.LAYOUT);
        int[] chunkShape = null;
        int chunkBytes = 0;
        if (layout != null && !VirtualData.isVirtual(layout.data())) {
            DataLayoutMessage decoded = m.decode(layout, DataLayoutMessage.class);
            if (decoded instanceof DataLayoutMessage.ChunkedDataLayoutMessage
                    || decoded instanceof DataLayoutMessage.ChunkedDataLayoutMessageV4) {
                chunkShape = ChunkLocations.chunkShape(decoded);
                long n = hdf5Type.size();
                for (int d : chunkShape) {
                    n *= d;
                }
                chunkBytes = (int) Math.min(Integer.MAX_VALUE - 64, n);
            }
        }
        this.chunks = chunkShape;
        this.filters = new FilterChain(pipeline == null ? List.of() : pipeline.getFilters(), chunkBytes);
    }

    /** The object it is, in {@link #file()}. */
    StoredObject object() {
        return object;
    }

    /** The opened file that holds it. */
    OpenFile file() {
        return file;
    }

    /** The path it was opened by. */
    public String path() {
        return path;
    }

    /** Dimensions: empty for a scalar, null for an empty (null dataspace) dataset. */
    public long[] shape() {
        return shape == null ? null : shape.clone();
    }

    /** The type, as h5grove describes it. */
    public TypeDescriptor type() {
        return type;
    }

    /** The NumPy dtype string ({@code <i4}, {@code >f8}, {@code |S7}). */
    public String dtype() {
        return type.dtype();
    }

    /** True when values are numbers or booleans. */
    public boolean isNumeric() {
        return type.isNumeric();
    }

    /** The stored element type of a numeric dataset, else null. */
    public NumericType numericType() {
        return type.numeric();
    }

    /** True for a scalar (rank 0) dataset. */
    public boolean isScalar() {
        return shape != null && shape.length == 0;
    }

    /** True when elements are bytes in the file (no variable-length data or references), so they can be sent raw. */
    public boolean isFixedSize() {
        return hdf5Type.isFixedSize();
    }

    /** Number of elements (0 for an empty dataset). */
    public long size() {
        if (shape == null) {
            return 0;
        }
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** Bytes per element as stored (for variable-length data, the size of a reference to it). */
    public int elementSize() {
        return hdf5Type.size();
    }

    /** The chunk shape, or null when the dataset is not chunked. */
    public int[] chunks() {
        return chunks == null ? null : chunks.clone();
    }

    /** The filter pipeline, empty when there is none. */
    public List<Hdf5Entity.Filter> filters() {
        List<Hdf5Entity.Filter> list = new ArrayList<>();
        for (FilterChain.Declared f : filters.filters()) {
            list.add(new Hdf5Entity.Filter(f.id(), f.name()));
        }
        return list;
    }

    /** The entity description. */
    Hdf5Entity.Dataset describe(String name, List<Hdf5Entity.Attribute> attributes) {
        List<Hdf5Entity.Filter> f = filters();
        return new Hdf5Entity.Dataset(name, path, attributes, shape(), type, chunks(), f.isEmpty() ? null : f);
    }

    /**
     * Reads the selected numeric values as stored.
     *
     * @throws Hdf5Exception WRONG_KIND for non-numeric data, BAD_SELECTION, UNSUPPORTED_FILTER, CORRUPT_DATA
     */
    public Slab read(Selection selection) {
        if (type.numeric() == null) {
            throw new Hdf5Exception(Hdf5Exception.Kind.WRONG_KIND, where + " holds " + type.dtype() + " values, not numbers");
        }
        return new Slab(type.numeric(), selection.resultShape(), readBytes(selection));
    }

    /**
     * Statistics over the finite values of a numeric selection, read piece by piece so memory
     * stays bounded.
     */
    public Statistics statistics(Selection selection) {
        if (type.numeric() == null) {
            throw new Hdf5Exception(Hdf5Exception.Kind.WRONG_KIND, where + " holds " + type.dtype() + " values, not numbers");
        }
        return Statistics.of(this, selection);
    }

    /** Reads a hyperslab given by offset and count (step 1) as floats, for images. */
    public FloatSlab readFloats(long[] offset, int[] count) {
        return readFloats(offset, count, null);
    }

    /** Reads a hyperslab given by offset, count and step (null for 1) as floats. */
    public FloatSlab readFloats(long[] offset, int[] count, int[] step) {
        Slab slab = read(Selection.of(requireShape(), offset, count, step));
        return new FloatSlab(count.clone(), slab.toFloats());
    }

    /** Reads a hyperslab given by offset and count (step 1) as doubles. */
    public DoubleSlab readDoubles(long[] offset, int[] count) {
        return readDoubles(offset, count, null);
    }

    /** Reads a hyperslab given by offset, count and step (null for 1) as doubles. */
    public DoubleSlab readDoubles(long[] offset, int[] count, int[] step) {
        Slab slab = read(Selection.of(requireShape(), offset, count, step));
        return new DoubleSlab(count.clone(), slab.toDoubles());
    }

    /**
     * Reads selected values of any type as Java values, as h5py gives them (see {@link Values}):
     * nested Lists shaped like the selection's result, a single value for a scalar result, null
     * for an empty dataset.
     */
    public Object readValues(Selection selection) {
        if (shape == null) {
            return null;
        }
        byte[] bytes = readBytes(selection);
        try {
            return new Values(file.storage()).decode(hdf5Type, bytes, selection.resultShape());
        } catch (RuntimeException e) {
            throw Hdf5Errors.translate(e, where);
        }
    }

    /**
     * The selected elements' bytes as stored, row-major: for fixed-size types, what h5py's
     * {@code tobytes()} gives.
     */
    public byte[] readBytes(Selection selection) {
        long[] dims = requireShape();
        if (selection.rank() != dims.length) {
            throw new Hdf5Exception(Hdf5Exception.Kind.BAD_SELECTION, "Selection " + selection + " has " + selection.rank()
                    + " dimensions, " + where + " has " + dims.length);
        }
        FilterChain.Declared unsupported = filters.firstUnsupported();
        if (unsupported != null) {
            throw new Hdf5Exception(Hdf5Exception.Kind.UNSUPPORTED_FILTER, "Cannot read " + where + ": it is compressed with "
                    + FilterChain.label(unsupported) + ", which this server cannot decode");
        }
        try {
            VirtualData v = virtual();
            if (v != null) {
                return v.read(selection, this::withVirtualSource);
            }
            if (dims.length == 0) {
                // A scalar is read as the one element of a one-element dataset.
                long[] one = {1};
                return file.reader().read(file.id(), object.address(), source(), one, elementSize(), Selection.all(one));
            }
            return file.reader().read(file.id(), object.address(), source(), dims, elementSize(), selection);
        } catch (java.util.concurrent.CancellationException e) {
            throw e;
        } catch (RuntimeException | OutOfMemoryError e) {
            throw Hdf5Errors.translate(e, where);
        }
    }

    private long[] requireShape() {
        if (shape == null) {
            throw new Hdf5Exception(Hdf5Exception.Kind.WRONG_KIND, where + " is empty (it has no dataspace)");
        }
        return shape;
    }

    private VirtualData virtual() {
        ObjectMessages.Raw layout = object.messages().first(ObjectMessages.LAYOUT);
        if (layout == null || !VirtualData.isVirtual(layout.data())) {
            return null;
        }
        VirtualData v = virtual;
        if (v == null) {
            v = VirtualData.read(file.storage(), layout.data(), where, shape, type, elementSize(), fillElement());
            virtual = v;
        }
        return v;
    }

    /**
     * Reads from a virtual dataset's source: in this file ({@code "."}) or in a file beside it
     * or below its folder (the same rule as external links), opened through the same door. A
     * missing file or dataset is skipped, so its elements read as the fill value.
     */
    private void withVirtualSource(String fileName, String datasetPath, java.util.function.Consumer<Hdf5Dataset> read) {
        if (fileName.equals(".")) {
            try (Hdf5File self = new Hdf5File(file, () -> { })) {
                readIfPresent(self, datasetPath, read);
            }
            return;
        }
        java.nio.file.Path target = Hdf5File.besideFile(file.path(), fileName);
        if (target == null || !java.nio.file.Files.isRegularFile(target)) {
            return;
        }
        try (Hdf5File other = file.opener().open(target)) {
            readIfPresent(other, datasetPath, read);
        }
    }

    private void readIfPresent(Hdf5File f, String datasetPath, java.util.function.Consumer<Hdf5Dataset> read) {
        if (f.isDataset(datasetPath)) {
            Hdf5Dataset source = f.dataset(datasetPath);
            // A mapping onto itself would read forever; the library refuses such a file too.
            if (source != this) {
                read.accept(source);
            }
        }
    }

    private ChunkSource source() {
        ChunkSource s = source;
        if (s == null) {
            synchronized (this) {
                s = source;
                if (s == null) {
                    s = createSource();
                    source = s;
                }
            }
        }
        return s;
    }

    private ChunkSource createSource() {
        ObjectMessages m = object.messages();
        if (m.has(ObjectMessages.EXTERNAL_FILES)) {
            throw new Hdf5Exception(Hdf5Exception.Kind.UNSUPPORTED_TYPE, "Cannot read " + where
                    + ": its data are stored in external raw files");
        }
        DataLayoutMessage layout = m.decoded(ObjectMessages.LAYOUT, DataLayoutMessage.class);
        byte[] fill = fillElement();
        long[] dims = shape.length == 0 ? new long[]{1} : shape;
        if (layout instanceof DataLayoutMessage.ChunkedDataLayoutMessage || layout instanceof DataLayoutMessage.ChunkedDataLayoutMessageV4) {
            return new StoredChunks(file.bytes(), where, chunks, ChunkLocations.read(file.storage(), layout, dims, elementSize()),
                    elementSize(), filters, fill);
        }
        if (layout instanceof DataLayoutMessage.ContiguousDataLayoutMessage c) {
            long address = c.getAddress();
            boolean allocated = address != Constants.UNDEFINED_ADDRESS && address >= 0 && address < file.bytes().size();
            return new ContiguousBlocks(file.bytes(), where, allocated ? address : -1, dims, elementSize(), fill);
        }
        if (layout instanceof DataLayoutMessage.CompactDataLayoutMessage c) {
            // Compact data live in the object header: small, read whole.
            ByteBuffer b = c.getDataBuffer();
            byte[] all = new byte[(int) Math.min(Integer.MAX_VALUE - 8, Math.multiplyExact(size() == 0 ? 1 : size(), (long) elementSize()))];
            b.duplicate().get(all, 0, Math.min(all.length, b.remaining()));
            int[] whole = new int[dims.length];
            for (int i = 0; i < whole.length; i++) {
                whole[i] = (int) Math.max(1, dims[i]);
            }
            return new ChunkSource() {
                @Override
                public int[] blockShape() {
                    return whole;
                }

                @Override
                public byte[] block(long[] origin, int needed) {
                    return all;
                }
            };
        }
        throw new Hdf5Exception(Hdf5Exception.Kind.UNSUPPORTED_TYPE, "Cannot read " + where + ": its storage layout is unknown");
    }

    private byte[] fillElement() {
        ObjectMessages m = object.messages();
        ByteBuffer value = null;
        FillValueMessage fill = m.decoded(ObjectMessages.FILL_VALUE, FillValueMessage.class);
        if (fill != null) {
            value = fill.isFillValueDefined() ? fill.getFillValue() : null;
        } else {
            FillValueOldMessage old = m.decoded(ObjectMessages.FILL_VALUE_OLD, FillValueOldMessage.class);
            value = old == null ? null : old.getFillValue();
        }
        if (value == null || value.remaining() != elementSize()) {
            return null;
        }
        byte[] out = new byte[value.remaining()];
        value.duplicate().get(out);
        return out;
    }

    @Override
    public String toString() {
        return where + " " + type.dtype() + " " + Arrays.toString(shape);
    }
}
