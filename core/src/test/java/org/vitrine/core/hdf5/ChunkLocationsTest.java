package org.vitrine.core.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.dataset.chunked.Chunk;
import io.jhdf.dataset.chunked.ChunkOffset;
import io.jhdf.object.message.DataLayoutMessage;
import org.junit.jupiter.api.Test;
import org.vitrine.core.testing.Fixtures;
import org.vitrine.core.testing.NeedsSharedData;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The door's own reading of chunk indexes finds every chunk of every chunked dataset of the
 * shared files and the fixtures (every index type: B-tree v1, single chunk, implicit, fixed array, extensible
 * array, B-tree v2) where jHDF's own dataset reading finds it: the same stored bytes.
 */
@NeedsSharedData
class ChunkLocationsTest {

    @Test
    void everyChunkLiesWhereJhdfFindsIt() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Stream.concat(Stream.of("jhdf", "pytables", "cdtools").flatMap(d -> list(SharedData.root().resolve(d))),
                Stream.of("chunk_indexes.h5", "filters.h5", "nxmx_data_000001.h5").map(Fixtures::file))) {
            files = s.filter(p -> p.toString().matches(".*\\.(hdf5|h5|cxi)")).sorted().toList();
        }
        int chunks = 0;
        List<String> indexTypes = new ArrayList<>();
        for (Path file : files) {
            try (HdfFile j = new HdfFile(file); Hdf5File ours = Hdf5File.open(file)) {
                for (ChunkedDataset d : chunked(j)) {
                    if (d.getSize() > 50_000_000L) {
                        continue;
                    }
                    Hdf5Dataset mine = ours.dataset(d.getPath());
                    DataLayoutMessage layout = mine.object().messages().decoded(ObjectMessages.LAYOUT, DataLayoutMessage.class);
                    indexTypes.add(layout instanceof DataLayoutMessage.ChunkedDataLayoutMessageV4 v4
                            ? "v4 index " + v4.getIndexingType() : "b-tree v1");
                    Map<ChunkOffset, Chunk> located = ChunkLocations.read(mine.file().storage(), layout, mine.shape(), mine.elementSize());
                    assertArrayEquals(d.getChunkDimensions(), mine.chunks(), file.getFileName() + d.getPath());
                    for (Map.Entry<ChunkOffset, Chunk> e : located.entrySet()) {
                        long[] offset = e.getValue().getChunkOffset();
                        if (java.util.Arrays.stream(offset).anyMatch(o -> o > Integer.MAX_VALUE)) {
                            continue; // jHDF's own accessor takes int offsets
                        }
                        ByteBuffer theirs = d.getRawChunkBuffer(java.util.Arrays.stream(offset).mapToInt(o -> (int) o).toArray());
                        byte[] expected = new byte[theirs.remaining()];
                        theirs.get(expected);
                        byte[] stored = mine.file().bytes().read(e.getValue().getAddress(), e.getValue().getSize(), d.getPath());
                        assertArrayEquals(expected, stored, file.getFileName() + d.getPath() + " chunk " + java.util.Arrays.toString(offset));
                        chunks++;
                    }
                }
            }
        }
        assertTrue(chunks > 500, "chunks compared: " + chunks);
        for (String type : List.of("b-tree v1", "v4 index 1", "v4 index 2", "v4 index 3", "v4 index 4", "v4 index 5")) {
            assertTrue(indexTypes.contains(type), type + " among " + new java.util.TreeSet<>(indexTypes));
        }
    }

    private static Stream<Path> list(Path folder) {
        try {
            return Files.list(folder).toList().stream();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<ChunkedDataset> chunked(Group g) {
        List<ChunkedDataset> out = new ArrayList<>();
        for (Node n : g.getChildren().values()) {
            if (n.isLink()) {
                continue;
            }
            if (n instanceof ChunkedDataset d && !((Dataset) d).isEmpty()) {
                out.add(d);
            } else if (n instanceof Group child) {
                out.addAll(chunked(child));
            }
        }
        return out;
    }
}
