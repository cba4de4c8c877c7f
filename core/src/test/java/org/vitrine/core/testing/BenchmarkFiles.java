package org.vitrine.core.testing;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;

import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The HDF5 files the data-API and preview benchmarks serve, written with jHDF: a 512³ uint16
 * volume in gzip 64³ chunks ({@code /volume}) and 100 float32 1024² frames in gzip, one chunk a
 * frame ({@code /frames}). Noisy like real data, so chunks inflate at a realistic cost.
 */
public final class BenchmarkFiles {

    /** Edge of the volume. */
    public static final int VOLUME = 512;
    /** Number of frames in the stack. */
    public static final int FRAMES = 100;
    /** Edge of a frame. */
    public static final int FRAME = 1024;

    private BenchmarkFiles() {
    }

    /** A sphere of "tissue" with noise in a noisy background. */
    public static void writeVolume(Path path) {
        int n = VOLUME;
        short[][][] v = new short[n][n][n];
        SplittableRandom r = new SplittableRandom(1);
        for (int z = 0; z < n; z++) {
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    double dz = z - n / 2.0, dy = y - n / 2.0, dx = x - n / 2.0;
                    boolean inside = dz * dz + dy * dy + dx * dx < 200.0 * 200.0;
                    v[z][y][x] = (short) ((inside ? 20000 : 1000) + r.nextInt(512));
                }
            }
        }
        try (WritableHdfFile f = HdfFile.write(path)) {
            f.putDataset("volume", v, DatasetCreationOptions.builder().unsigned().chunkDimensions(64, 64, 64).deflate().build());
        }
    }

    /** Diffraction-like frames: a bright centre falling off with radius, plus noise. */
    public static void writeStack(Path path) {
        float[][][] frames = new float[FRAMES][FRAME][FRAME];
        SplittableRandom r = new SplittableRandom(2);
        for (int f = 0; f < FRAMES; f++) {
            for (int y = 0; y < FRAME; y++) {
                for (int x = 0; x < FRAME; x++) {
                    double dy = y - FRAME / 2.0, dx = x - FRAME / 2.0;
                    frames[f][y][x] = (float) Math.floor(1e4 / (1 + (dx * dx + dy * dy) / 400.0) + r.nextInt(8));
                }
            }
        }
        try (WritableHdfFile f = HdfFile.write(path)) {
            f.putDataset("frames", frames, DatasetCreationOptions.builder().chunkDimensions(1, FRAME, FRAME).deflate().build());
        }
    }
}
