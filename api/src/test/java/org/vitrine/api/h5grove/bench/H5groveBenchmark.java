package org.vitrine.api.h5grove.bench;

import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import org.vitrine.api.ApiServer;
import org.vitrine.api.h5grove.DataRootResolver;
import org.vitrine.api.h5grove.H5groveOptions;
import org.vitrine.api.h5grove.H5groveRoutes;
import org.vitrine.core.testing.BenchmarkFiles;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Throughput of {@code /api/h5grove/data?format=bin} on loopback against a static file of the
 * same size served by the same Javalin, with 1 and 4 concurrent clients.
 *
 * <p>Writes (once, into the folder given as first argument) a 512³ uint16 volume in gzip 64³
 * chunks and a stack of 100 float32 1024² frames in gzip, one chunk per frame, with jHDF's
 * writer. Then measures: random 256² z-tiles with the chunk cache disabled (every request reads
 * and inflates its 16 chunks) and with it enabled, the answer cache off in both; random full
 * frames; one tile and one frame repeated on a server with the default caches, against a static
 * file of the same size from that server; and, in-process, jHDF's own hyperslab read of the
 * same tiles.
 */
public final class H5groveBenchmark {

    private static final int N = BenchmarkFiles.VOLUME;
    private static final int TILE = 256;
    private static final int FRAMES = BenchmarkFiles.FRAMES;
    private static final int FRAME = BenchmarkFiles.FRAME;
    private static final long WARMUP_MS = 5000;
    private static final long MEASURE_MS = 6000;
    private static final com.sun.management.OperatingSystemMXBean CPU =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    private H5groveBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/h5grove-bench").toAbsolutePath();
        Files.createDirectories(dir);
        Path volume = dir.resolve("volume.h5");
        Path stack = dir.resolve("stack.h5");
        if (!Files.exists(volume)) {
            long t0 = System.nanoTime();
            BenchmarkFiles.writeVolume(volume);
            System.out.printf(Locale.ROOT, "wrote %s with jHDF in %.1f s%n", volume.getFileName(), (System.nanoTime() - t0) / 1e9);
        }
        if (!Files.exists(stack)) {
            long t0 = System.nanoTime();
            BenchmarkFiles.writeStack(stack);
            System.out.printf(Locale.ROOT, "wrote %s with jHDF in %.1f s%n", stack.getFileName(), (System.nanoTime() - t0) / 1e9);
        }
        Path statics = Files.createDirectories(dir.resolve("static"));
        Files.write(statics.resolve("tile.bin"), new byte[TILE * TILE * 2]);
        Files.write(statics.resolve("frame.bin"), new byte[FRAME * FRAME * 4]);

        System.out.printf(Locale.ROOT, "files: %s (%d MB), %s (%d MB); %d cores%n", volume.getFileName(), Files.size(volume) >> 20,
                stack.getFileName(), Files.size(stack) >> 20, Runtime.getRuntime().availableProcessors());

        jhdfHyperslab(volume);

        H5groveOptions base = H5groveOptions.defaults().withMaxResponseBytes(64L << 20);
        try (H5groveRoutes cold = new H5groveRoutes(new DataRootResolver(dir), base.withChunkCacheBytes(0).withAnswerCacheBytes(0));
             H5groveRoutes warm = new H5groveRoutes(new DataRootResolver(dir), base.withChunkCacheBytes(1L << 30).withAnswerCacheBytes(0));
             H5groveRoutes served = new H5groveRoutes(new DataRootResolver(dir), base)) {
            Javalin coldApp = ApiServer.create(List.of(cold), c -> { }).start("127.0.0.1", 0);
            Javalin warmApp = ApiServer.create(List.of(warm), c -> { }).start("127.0.0.1", 0);
            Javalin servedApp = ApiServer.create(List.of(served), c -> c.staticFiles.add(s -> {
                s.hostedPath = "/static";
                s.directory = statics.toString();
                s.location = Location.EXTERNAL;
            })).start("127.0.0.1", 0);
            try {
                String coldBase = "http://127.0.0.1:" + coldApp.port();
                String warmBase = "http://127.0.0.1:" + warmApp.port();
                String servedBase = "http://127.0.0.1:" + servedApp.port();
                for (int clients : new int[]{1, 4}) {
                    System.out.println("--- " + clients + " client" + (clients > 1 ? "s" : ""));
                    run("random tiles, no chunk cache", clients, i -> coldBase + randomTile(i));
                    run("random tiles, chunk cache", clients, i -> warmBase + randomTile(i));
                    run("random full frames, no chunk cache", clients, i -> coldBase + randomFrame(i));
                    run("random full frames, chunk cache", clients, i -> warmBase + randomFrame(i));
                    String tile = servedBase + tile(100, 0, 256);
                    run("same tile repeated", clients, i -> tile);
                    run("static file of a tile's size", clients, i -> servedBase + "/static/tile.bin");
                    String frame = servedBase + frame(42);
                    run("same frame repeated", clients, i -> frame);
                    run("static file of a frame's size", clients, i -> servedBase + "/static/frame.bin");
                }
                var cache = warm.hdf5().chunkCache();
                System.out.printf(Locale.ROOT, "chunk cache: %d of %d MB held, %d hits, %d misses%n",
                        cache.sizeInBytes() >> 20, cache.maxBytes() >> 20, cache.hits(), cache.misses());
            } finally {
                coldApp.stop();
                warmApp.stop();
                servedApp.stop();
            }
        }
    }

    private static String randomTile(int i) {
        SplittableRandom r = new SplittableRandom(i * 7919L + 17);
        return tile(r.nextInt(N), r.nextInt(2) * TILE, r.nextInt(2) * TILE);
    }

    private static String tile(int z, int y, int x) {
        return H5groveRoutes.PREFIX + "/data?file=volume.h5&path=%2Fvolume&format=bin&selection="
                + z + "%2C" + y + "%3A" + (y + TILE) + "%2C" + x + "%3A" + (x + TILE);
    }

    private static String randomFrame(int i) {
        return frame(new SplittableRandom(i * 104729L + 3).nextInt(FRAMES));
    }

    private static String frame(int f) {
        return H5groveRoutes.PREFIX + "/data?file=stack.h5&path=%2Fframes&format=bin&selection=" + f;
    }

    /** Requests/s, MB/s and CPU time per request for {@code clients} threads asking URL number i, i+1, … for a fixed time. */
    private static void run(String label, int clients, IntFunction<String> url) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicLong counter = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        AtomicLong done = new AtomicLong();
        long start = System.nanoTime();
        long measureFrom = start + WARMUP_MS * 1_000_000;
        long end = measureFrom + MEASURE_MS * 1_000_000;
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                while (true) {
                    long now = System.nanoTime();
                    if (now >= end) {
                        return null;
                    }
                    int i = (int) counter.getAndIncrement();
                    HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url.apply(i))).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException(r.statusCode() + " " + new String(r.body()));
                    }
                    if (System.nanoTime() >= measureFrom) {
                        done.incrementAndGet();
                        bytes.addAndGet(r.body().length);
                    }
                }
            }));
        }
        // CPU time of this process (server and clients) per request: on a shared machine it
        // varies far less than the rate does.
        Thread.sleep(Math.max(0, (measureFrom - System.nanoTime()) / 1_000_000));
        long cpuFrom = CPU.getProcessCpuTime();
        for (Future<?> f : futures) {
            f.get();
        }
        long cpu = CPU.getProcessCpuTime() - cpuFrom;
        pool.shutdown();
        double seconds = MEASURE_MS / 1000.0;
        System.out.printf(Locale.ROOT, "%-40s %8.1f req/s %8.1f MB/s %7.2f ms CPU/req%n", label, done.get() / seconds,
                bytes.get() / seconds / 1e6, cpu / 1e6 / Math.max(1, done.get()));
    }

    /** jHDF's own hyperslab read of random tiles, one thread, in process: the path this server replaces. */
    private static void jhdfHyperslab(Path volume) {
        try (HdfFile f = new HdfFile(volume)) {
            Dataset d = f.getDatasetByPath("/volume");
            long stop = System.nanoTime() + WARMUP_MS * 1_000_000;
            int i = 0;
            while (System.nanoTime() < stop) {
                readTile(d, i++);
            }
            long t0 = System.nanoTime();
            int n = 0;
            while (System.nanoTime() - t0 < MEASURE_MS * 1_000_000) {
                readTile(d, i++);
                n++;
            }
            System.out.printf(Locale.ROOT, "%-40s %8.1f tiles/s%n", "jHDF getData(offset, shape), 1 thread", n / ((System.nanoTime() - t0) / 1e9));
        } catch (RuntimeException e) {
            System.out.println("jHDF getData(offset, shape) on this volume failed: " + e.getMessage());
        }
    }

    private static void readTile(Dataset d, int i) {
        SplittableRandom r = new SplittableRandom(i * 7919L + 17);
        d.getData(new long[]{r.nextInt(N), r.nextInt(2) * TILE, r.nextInt(2) * TILE}, new int[]{1, TILE, TILE});
    }

}
