package org.vitrine.core.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Random;
import org.vitrine.core.imaging.ArraySource;
import org.vitrine.core.imaging.SliceSource;
import org.vitrine.core.volume.ChunkBox;
import org.vitrine.core.volume.ChunkMaker;
import org.vitrine.core.volume.PrecomputedScale;
import org.vitrine.core.volume.PrecomputedVolume;

/**
 * Precomputed chunk computation speed from an in-memory source (so HDF5 reading and caching are
 * left out): a 384³ float32 volume in 64³ chunks and a 16 × 2048² uint16 frame stack in 256² × 1
 * chunks, every scale. Single thread. Prints chunks/s and MB/s of chunk bytes for each scale.
 */
public final class PrecomputedChunkBenchmark {

    // On a shared machine wall time includes waiting for a core; the thread's CPU time does not.
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws IOException {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2;
        int n = 384;
        ArraySource volume = new ArraySource(new long[] {n, n, n}, random(n * n * n, 1));
        run("volume 384³ <f4", volume, PrecomputedVolume.volume(volume.shape(), "<f4", new double[] {650, 650, 650}), seconds);
        ArraySource frames = new ArraySource(new long[] {16, 2048, 2048}, random(16 * 2048 * 2048, 2));
        run("frames 16×2048² <u2", frames, PrecomputedVolume.frames(frames.shape(), "<u2",
                new double[] {75000, 75000, 75000}), seconds);
    }

    private static void run(String name, SliceSource source, PrecomputedVolume volume, double seconds) throws IOException {
        System.out.println(name);
        for (PrecomputedScale scale : volume.scales()) {
            List<ChunkBox> chunks = volume.chunks(scale);
            long end = System.nanoTime() + (long) (seconds * 0.3e9);
            for (int i = 0; System.nanoTime() < end; i++) {
                ChunkMaker.encode(source, volume, chunks.get(i % chunks.size()));
            }
            long bytes = 0;
            int count = 0;
            long cpuStart = CPU.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            end = start + (long) (seconds * 1e9);
            while (System.nanoTime() < end) {
                bytes += ChunkMaker.encode(source, volume, chunks.get(count % chunks.size())).length;
                count++;
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            double cpu = (CPU.getCurrentThreadCpuTime() - cpuStart) / 1e9;
            System.out.printf("  scale %-8s %6d chunks  %8.1f chunks/s %7.1f MB/s %8.2f ms/chunk | CPU time: %8.1f chunks/s%n",
                    scale.key(), chunks.size(), count / elapsed, bytes / elapsed / 1e6, elapsed / count * 1e3, count / cpu);
        }
    }

    private static double[] random(int n, long seed) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextInt(4000);
        }
        return v;
    }
}
