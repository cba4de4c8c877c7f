package org.vitrine.core.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.vitrine.core.testing.NeedsSharedData;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server's own chunk path (positional reads, its filter chain, its copy into the selection)
 * reads every numeric dataset of the shared files exactly as jHDF's whole-dataset read does:
 * every chunk index type, filter, edge chunk and byte order.
 */
@NeedsSharedData
class ChunkPathAgreesWithJhdfTest {

    @Test
    void everyNumericDatasetMatches() throws Exception {
        everyNumericDatasetMatches(Hdf5File::open);
    }

    /** Without a chunk cache, chunks are decoded into reused per-thread buffers and copied out. */
    @Test
    void everyNumericDatasetMatchesWithoutChunkCache() throws Exception {
        try (Hdf5Files uncached = new Hdf5Files(4, 0)) {
            everyNumericDatasetMatches(uncached::open);
            assertEquals(0, uncached.chunkCache().sizeInBytes());
            assertTrue(uncached.chunkCache().misses() > 0);
        }
    }

    private static void everyNumericDatasetMatches(java.util.function.Function<Path, Hdf5File> opener) throws Exception {
        List<Path> files;
        try (Stream<Path> s = Stream.concat(Files.list(SharedData.root().resolve("jhdf")), Files.list(SharedData.root().resolve("pytables")))) {
            files = s.filter(p -> p.toString().endsWith(".hdf5") || p.toString().endsWith(".h5")).sorted().toList();
        }
        int compared = 0;
        for (Path file : files) {
            try (HdfFile j = new HdfFile(file); Hdf5File ours = opener.apply(file)) {
                for (Dataset d : datasets(j)) {
                    if (d.isEmpty() || d.getSize() > 2_000_000 || d.isScalar()) {
                        continue;
                    }
                    Hdf5Dataset mine = ours.dataset(d.getPath());
                    if (!mine.isNumeric() || mine.type().hdf5Class() == 8) { // jHDF reads enums as names
                        continue;
                    }
                    Object flat;
                    try {
                        flat = d.getDataFlat();
                    } catch (RuntimeException e) {
                        continue; // jHDF cannot read it either (unsupported filter): nothing to compare with
                    }
                    double[] expected = toDoubles(flat);
                    Slab slab = mine.read(Selection.all(mine.shape()));
                    assertEquals(expected.length, slab.size(), file.getFileName() + d.getPath());
                    for (int i = 0; i < expected.length; i++) {
                        same(expected[i], slab.getDouble(i), file.getFileName() + d.getPath() + " element " + i);
                    }
                    checkStrided(mine, expected, file.getFileName() + d.getPath());
                    compared++;
                }
            }
        }
        assertTrue(compared > 80, "datasets compared: " + compared);
    }

    /** Every other element from 1 along each dimension, against the flat whole read. */
    private static void checkStrided(Hdf5Dataset d, double[] all, String what) {
        long[] shape = d.shape();
        long[] offset = new long[shape.length];
        int[] count = new int[shape.length];
        int[] step = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            offset[i] = shape[i] > 1 ? 1 : 0;
            step[i] = 2;
            count[i] = (int) Math.max(0, (shape[i] - offset[i] + 1) / 2);
        }
        DoubleSlab slab = d.readDoubles(offset, count, step);
        int[] index = new int[shape.length];
        for (int k = 0; k < slab.values().length; k++) {
            long linear = 0;
            for (int i = 0; i < shape.length; i++) {
                linear = linear * shape[i] + offset[i] + (long) index[i] * step[i];
            }
            same(all[(int) linear], slab.values()[k], what + " strided " + k);
            for (int i = shape.length - 1; i >= 0; i--) {
                if (++index[i] < count[i]) {
                    break;
                }
                index[i] = 0;
            }
        }
    }

    private static void same(double expected, double actual, String what) {
        if (Double.isNaN(expected) || Double.isInfinite(expected)) {
            assertEquals(expected, actual, what);
        } else {
            assertEquals(expected, actual, Math.abs(expected) * 1e-6, what);
        }
    }

    private static List<Dataset> datasets(Group g) {
        List<Dataset> out = new ArrayList<>();
        for (Node n : g.getChildren().values()) {
            if (n.isLink()) {
                continue;
            }
            if (n instanceof Dataset d) {
                out.add(d);
            } else if (n instanceof Group child) {
                out.addAll(datasets(child));
            }
        }
        return out;
    }

    private static double[] toDoubles(Object flat) {
        int n = Array.getLength(flat);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            Object v = Array.get(flat, i);
            out[i] = v instanceof Number num ? num.doubleValue() : v instanceof java.math.BigInteger b ? b.doubleValue() : Double.NaN;
        }
        return out;
    }
}
