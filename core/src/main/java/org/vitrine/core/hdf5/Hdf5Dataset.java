package org.vitrine.core.hdf5;

import io.jhdf.AbstractNode;
import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.dataset.DatasetBase;
import io.jhdf.dataset.DatasetReader;
import io.jhdf.object.message.DataSpaceMessage;
import io.jhdf.object.message.FillValueMessage;
import io.jhdf.object.message.FilterPipelineMessage;

import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A dataset of an open {@link Hdf5File}: its layout and type, and reads of any hyperslab that
 * touch only the chunks (or contiguous runs) the selection needs, through the shared chunk cache.
 * Valid while its file is open.
 */
public final class Hdf5Dataset {

    private final OpenFile file;
    private final Dataset dataset;
    private final String path;
    private final String where;
    private final long[] shape;
    private final TypeDescriptor type;
    private final FilterChain filters;
    private volatile ChunkSource source;

    Hdf5Dataset(OpenFile file, Dataset dataset, String path) {
        this.file = file;
        this.dataset = dataset;
        this.path = path;
        this.where = path + " in " + file.name();
        this.type = TypeDescriptor.of(dataset.getDataType());
        this.shape = isNullDataspace(dataset) ? null : dataset.getDimensionsAsLong();
        FilterPipelineMessage pipeline = header(FilterPipelineMessage.class);
        int chunkBytes = 0;
        if (dataset instanceof ChunkedDataset c) {
            long n = type.numeric() != null ? type.numeric().size() : dataset.getDataType().getSize();
            for (int d : c.getChunkDimensions()) {
                n *= d;
            }
            chunkBytes = (int) Math.min(Integer.MAX_VALUE - 64, n);
        }
        this.filters = new FilterChain(pipeline == null ? List.of() : pipeline.getFilters(), chunkBytes);
    }

    private static boolean isNullDataspace(Dataset dataset) {
        if (dataset instanceof AbstractNode node) {
            DataSpaceMessage m = node.getHeader().getMessageOfType(DataSpaceMessage.class);
            return m != null && m.getDataSpace().getType() == 2;
        }
        return false;
    }

    private <T extends io.jhdf.object.message.Message> T header(Class<T> type) {
        if (dataset instanceof AbstractNode node && node.getHeader().hasMessageOfType(type)) {
            return node.getHeader().getMessageOfType(type);
        }
        return null;
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
        return type.numeric() != null ? type.numeric().size() : dataset.getDataType().getSize();
    }

    /** The chunk shape, or null when the dataset is not chunked. */
    public int[] chunks() {
        return dataset instanceof ChunkedDataset c ? c.getChunkDimensions().clone() : null;
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
     * Reads selected values of any type as Java objects, shaped like the selection's result:
     * nested arrays ({@code int[][]}, {@code String[]}, …), a single value for a scalar result,
     * compound data as a map from member name to arrays, null for an empty dataset.
     */
    public Object readValues(Selection selection) {
        if (shape == null) {
            return null;
        }
        long[] resultShape = selection.resultShape();
        byte[] bytes = readBytes(selection);
        int[] dims = new int[Math.max(1, resultShape.length)];
        if (resultShape.length == 0) {
            dims[0] = 1;
        } else {
            for (int i = 0; i < dims.length; i++) {
                dims[i] = Math.toIntExact(resultShape[i]);
            }
        }
        try {
            Object values = DatasetReader.readDataset(dataset.getDataType(), ByteBuffer.wrap(bytes), dims,
                    file.jhdf().getHdfBackingStorage());
            if (resultShape.length == 0 && values != null && values.getClass().isArray()) {
                return Array.get(values, 0);
            }
            return values;
        } catch (RuntimeException e) {
            throw Hdf5Errors.translate(e, where);
        }
    }

    /** The selected elements' bytes as stored, row-major. */
    byte[] readBytes(Selection selection) {
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
            if (dims.length == 0) {
                return scalarBytes();
            }
            return file.reader().read(file.id(), ((AbstractNode) dataset).getAddress(), source(), dims, elementSize(), selection);
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

    private byte[] scalarBytes() {
        ByteBuffer b = ((DatasetBase) dataset).getDataBuffer();
        byte[] out = new byte[elementSize()];
        b.get(out, 0, Math.min(out.length, b.remaining()));
        return out;
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
        byte[] fill = fillElement();
        if (dataset instanceof ChunkedDataset c) {
            return new StoredChunks(file.bytes(), where, c, elementSize(), filters, fill);
        }
        if (dataset instanceof ContiguousDataset c) {
            long address = c.getDataAddress();
            boolean allocated = address >= 0 && address != -1L && address < file.bytes().size();
            return new ContiguousBlocks(file.bytes(), where, allocated ? address : -1, shape, elementSize(), fill);
        }
        // Compact data live in the object header: small, read whole.
        byte[] all = new byte[(int) Math.min(Integer.MAX_VALUE - 8, size() * elementSize())];
        ByteBuffer b = ((DatasetBase) dataset).getDataBuffer();
        b.get(all, 0, Math.min(all.length, b.remaining()));
        int[] whole = new int[shape.length];
        for (int i = 0; i < whole.length; i++) {
            whole[i] = (int) Math.max(1, shape[i]);
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

    private byte[] fillElement() {
        FillValueMessage m = header(FillValueMessage.class);
        if (m == null || !m.isFillValueDefined() || m.getFillValue() == null) {
            return null;
        }
        ByteBuffer b = m.getFillValue().duplicate();
        if (b.remaining() != elementSize()) {
            return null;
        }
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    @Override
    public String toString() {
        return where + " " + type.dtype() + " " + Arrays.toString(shape);
    }
}
