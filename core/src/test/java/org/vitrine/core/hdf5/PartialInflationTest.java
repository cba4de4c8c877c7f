package org.vitrine.core.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Planes of gzip chunks read by inflating only the chunk's leading planes, with and without a
 * chunk cache, in any order, match what was written. The first chunk's leading planes are noise
 * and its last ones zeros, so the compressed bytes a middle plane needs are far more than its
 * share of the chunk: the first read of compressed bytes falls short and must be continued.
 */
class PartialInflationTest {

    private static final int Z = 128;
    private static final int N = 64;

    @TempDir
    static Path dir;
    private static Path file;
    private static short[][][] written;

    @BeforeAll
    static void write() {
        written = new short[Z][N][N];
        SplittableRandom r = new SplittableRandom(7);
        for (int z = 0; z < Z; z++) {
            for (int y = 0; y < N; y++) {
                for (int x = 0; x < N; x++) {
                    boolean noise = z < 48 || z >= 64;
                    written[z][y][x] = (short) (noise ? r.nextInt(65536) : 0);
                }
            }
        }
        file = dir.resolve("planes.h5");
        try (WritableHdfFile f = HdfFile.write(file)) {
            f.putDataset("v", written, DatasetCreationOptions.builder().unsigned().chunkDimensions(N, N, N).deflate().build());
        }
    }

    @Test
    void everyPlaneWithoutChunkCache() {
        try (Hdf5Files files = new Hdf5Files(2, 0); Hdf5File f = files.open(file)) {
            Hdf5Dataset d = f.dataset("/v");
            for (int z : new int[]{40, 0, 47, 48, 63, 1, 64, 127, 100, 20}) {
                samePlane(z, d.read(Selection.parse(z + ",:,:", d.shape())));
            }
            Slab tile = d.read(Selection.parse("40,8:40,16:64", d.shape()));
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 48; x++) {
                    assertEquals(written[40][8 + y][16 + x] & 0xffff, (int) tile.getDouble(y * 48 + x), "tile " + y + "," + x);
                }
            }
        }
    }

    @Test
    void planesInRisingOrderThroughTheChunkCache() {
        try (Hdf5Files files = new Hdf5Files(2, 64L << 20); Hdf5File f = files.open(file)) {
            Hdf5Dataset d = f.dataset("/v");
            for (int z = 0; z < Z; z += 9) {
                samePlane(z, d.read(Selection.parse(z + ",:,:", d.shape())));
            }
            for (int z = Z - 1; z >= 0; z -= 13) {
                samePlane(z, d.read(Selection.parse(z + ",:,:", d.shape())));
            }
        }
    }

    /** Chunks larger than the buffers a thread keeps are decoded into buffers of their own. */
    @Test
    void chunksLargerThanTheKeptBuffers(@TempDir Path own) {
        int[][][] frames = new int[2][1100][1024];
        for (int f = 0; f < 2; f++) {
            for (int y = 0; y < 1100; y++) {
                for (int x = 0; x < 1024; x++) {
                    frames[f][y][x] = f * 10_000_000 + y * 1024 + x;
                }
            }
        }
        Path big = own.resolve("big.h5");
        try (WritableHdfFile f = HdfFile.write(big)) {
            f.putDataset("frames", frames, DatasetCreationOptions.builder().chunkDimensions(1, 1100, 1024).deflate().build());
        }
        try (Hdf5Files files = new Hdf5Files(2, 0); Hdf5File f = files.open(big)) {
            Hdf5Dataset d = f.dataset("/frames");
            for (int frame : new int[]{1, 0}) {
                Slab whole = d.read(Selection.parse(String.valueOf(frame), d.shape()));
                assertEquals(1100 * 1024, whole.size());
                for (int i = 0; i < whole.size(); i += 1009) {
                    assertEquals(frame * 10_000_000 + i, (int) whole.getDouble(i), "frame " + frame + " element " + i);
                }
                Slab s = d.read(Selection.parse(frame + ",1000:1100,:", d.shape()));
                for (int i = 0; i < s.size(); i += 997) {
                    assertEquals(frame * 10_000_000 + 1000 * 1024 + i, (int) s.getDouble(i), "frame " + frame + " element " + i);
                }
            }
        }
    }

    private static void samePlane(int z, Slab plane) {
        assertEquals(N * N, plane.size());
        for (int y = 0; y < N; y++) {
            for (int x = 0; x < N; x++) {
                assertEquals(written[z][y][x] & 0xffff, (int) plane.getDouble(y * N + x), "plane " + z + " at " + y + "," + x);
            }
        }
    }
}
