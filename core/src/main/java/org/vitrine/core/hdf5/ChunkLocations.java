package org.vitrine.core.hdf5;

import io.jhdf.Constants;
import io.jhdf.btree.BTreeV1;
import io.jhdf.dataset.chunked.Chunk;
import io.jhdf.dataset.chunked.ChunkOffset;
import io.jhdf.dataset.chunked.DatasetInfo;
import io.jhdf.dataset.chunked.indexing.BTreeIndex;
import io.jhdf.dataset.chunked.indexing.EmptyChunkIndex;
import io.jhdf.dataset.chunked.indexing.ExtensibleArrayIndex;
import io.jhdf.dataset.chunked.indexing.FixedArrayIndex;
import io.jhdf.dataset.chunked.indexing.ImplicitChunkIndex;
import io.jhdf.dataset.chunked.indexing.ChunkIndex;
import io.jhdf.dataset.chunked.indexing.SingleChunkIndex;
import io.jhdf.object.message.DataLayoutMessage;
import io.jhdf.storage.HdfBackingStorage;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the chunks of a chunked dataset lie: the dataset's layout message read with jHDF's
 * public index readers (version 1 B-trees of older files; single chunk, implicit, fixed array,
 * extensible array and version 2 B-tree indexes of newer ones). Offsets are longs, so datasets
 * longer than 2^31 elements work.
 */
final class ChunkLocations {

    private ChunkLocations() {
    }

    /** The chunk shape a layout message declares (without the element-size dimension version 4 adds). */
    static int[] chunkShape(DataLayoutMessage layout) {
        if (layout instanceof DataLayoutMessage.ChunkedDataLayoutMessage v3) {
            return v3.getChunkDimensions();
        }
        int[] d = ((DataLayoutMessage.ChunkedDataLayoutMessageV4) layout).getChunkDimensions();
        return Arrays.copyOf(d, d.length - 1);
    }

    /**
     * Every stored chunk by the offset of its first element.
     *
     * @param elementSize bytes per element as stored
     */
    static Map<ChunkOffset, Chunk> read(HdfBackingStorage storage, DataLayoutMessage layout, long[] dims, int elementSize) {
        int[] chunk = chunkShape(layout);
        Collection<Chunk> chunks;
        if (layout instanceof DataLayoutMessage.ChunkedDataLayoutMessage v3) {
            chunks = v3.getBTreeAddress() == Constants.UNDEFINED_ADDRESS ? java.util.List.of()
                    : BTreeV1.createDataBTree(storage, v3.getBTreeAddress(), dims.length).getChunks();
        } else {
            DataLayoutMessage.ChunkedDataLayoutMessageV4 v4 = (DataLayoutMessage.ChunkedDataLayoutMessageV4) layout;
            long bytes = elementSize;
            for (int c : chunk) {
                bytes *= c;
            }
            DatasetInfo info = new DatasetInfo(Math.toIntExact(bytes), dims, chunk);
            ChunkIndex index;
            if (v4.getAddress() == Constants.UNDEFINED_ADDRESS) {
                index = new EmptyChunkIndex();
            } else {
                index = switch (v4.getIndexingType()) {
                    case 1 -> new SingleChunkIndex(v4, info);
                    case 2 -> new ImplicitChunkIndex(v4.getAddress(), info);
                    case 3 -> new FixedArrayIndex(storage, v4.getAddress(), info);
                    case 4 -> new ExtensibleArrayIndex(storage, v4.getAddress(), info);
                    case 5 -> new BTreeIndex(storage, v4.getAddress(), info);
                    default -> throw new Hdf5Exception(Hdf5Exception.Kind.UNSUPPORTED_TYPE,
                            "Cannot read chunk index type " + v4.getIndexingType());
                };
            }
            chunks = index.getAllChunks();
        }
        Map<ChunkOffset, Chunk> byOffset = new HashMap<>();
        for (Chunk c : chunks) {
            byOffset.put(new ChunkOffset(c.getChunkOffset()), c);
        }
        return byOffset;
    }
}
