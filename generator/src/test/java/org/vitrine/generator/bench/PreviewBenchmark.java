package org.vitrine.generator.bench;

import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import org.vitrine.api.ApiServer;
import org.vitrine.api.h5grove.CollectionResolver;
import org.vitrine.api.h5grove.H5groveOptions;
import org.vitrine.api.preview.PrecomputedRoutes;
import org.vitrine.api.preview.PreviewFiles;
import org.vitrine.api.preview.TileRoutes;
import org.vitrine.core.hdf5.Hdf5Files;
import org.vitrine.core.model.Collection;
import org.vitrine.core.model.DataFile;
import org.vitrine.core.model.Dataset;
import org.vitrine.core.model.FileKind;
import org.vitrine.core.model.PreviewOptions;
import org.vitrine.core.model.Status;
import org.vitrine.core.model.Visibility;
import org.vitrine.core.testing.BenchmarkFiles;
import org.vitrine.generator.Fixtures;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
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
 * Throughput of {@code /api/tiles} (PNG) and {@code /api/precomputed} (raw chunks) on loopback,
 * cold (no caches: every request reads and inflates its HDF5 chunks, then averages and encodes)
 * and warm (a small set of requests asked again: decoded chunks and encoded answers are cached),
 * against a static file of the same bytes served by the
 * same Javalin, with 1 and 4 clients; then the time and size of a fresh static bake of the demo
 * collection. The data are those of the data-API benchmark: a 512³ uint16 volume in gzip 64³
 * chunks and a stack of 100 float32 1024² frames in gzip, one chunk a frame (written once, with
 * jHDF, into the folder given as first argument).
 *
 * <p>{@code mvn -B -q -pl generator -am -Dbench=generator -DskipTests verify -Dbench.jvm=
 * -Dbench.main=org.vitrine.generator.bench.PreviewBenchmark -Dbench.args=target/preview-bench}
 */
public final class PreviewBenchmark {

    private static final int N = BenchmarkFiles.VOLUME;
    private static final long WARMUP_MS = 2000;
    private static final long MEASURE_MS = 5000;

    private PreviewBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/h5grove-bench").toAbsolutePath();
        Files.createDirectories(dir);
        if (!Files.exists(dir.resolve("volume.h5"))) {
            BenchmarkFiles.writeVolume(dir.resolve("volume.h5"));
        }
        if (!Files.exists(dir.resolve("stack.h5"))) {
            BenchmarkFiles.writeStack(dir.resolve("stack.h5"));
        }
        LocalDate today = LocalDate.now();
        Collection collection = new Collection(null, List.of(
                dataset("bench-volume", new DataFile("volume.h5", null, "volume", "/volume", FileKind.VOLUME, PreviewOptions.DEFAULT)),
                dataset("bench-frames", new DataFile("stack.h5", null, "frames", "/frames", FileKind.DIFFRACTION, PreviewOptions.DEFAULT))),
                List.of(), new Visibility(today));
        PreviewFiles files = new PreviewFiles(collection, new CollectionResolver(collection, dir));
        Path statics = Files.createDirectories(dir.resolve("preview-static"));

        H5groveOptions options = H5groveOptions.defaults();
        try (Hdf5Files cold = new Hdf5Files(16, 0); Hdf5Files warm = new Hdf5Files(16, 1L << 30)) {
            // Cold: neither decoded chunks nor encoded answers are kept.
            TileRoutes coldTiles = new TileRoutes(files, cold, options.withChunkCacheBytes(0));
            PrecomputedRoutes coldChunks = new PrecomputedRoutes(files, cold, options.withChunkCacheBytes(0));
            TileRoutes warmTiles = new TileRoutes(files, warm, options);
            PrecomputedRoutes warmChunks = new PrecomputedRoutes(files, warm, options);
            Javalin coldApp = ApiServer.create(List.of(coldTiles, coldChunks), c -> { }).start("127.0.0.1", 0);
            Javalin warmApp = ApiServer.create(List.of(warmTiles, warmChunks), c -> c.staticFiles.add(s -> {
                s.hostedPath = "/static";
                s.directory = statics.toString();
                s.location = Location.EXTERNAL;
            })).start("127.0.0.1", 0);
            String coldBase = "http://127.0.0.1:" + coldApp.port();
            String warmBase = "http://127.0.0.1:" + warmApp.port();
            HttpClient http = HttpClient.newHttpClient();
            // The same bytes as static files: a volume chunk (64³ uint16) and a frame chunk (256² float32).
            String volumeChunk = "/api/precomputed/bench-volume/volume.h5/1_1_1/128-192_192-256_256-320";
            String frameChunk = "/api/precomputed/bench-frames/stack.h5/1_1_1/256-512_512-768_42-43";
            Files.write(statics.resolve("volume-chunk"), get(http, warmBase + volumeChunk));
            Files.write(statics.resolve("frame-chunk"), get(http, warmBase + frameChunk));
            Files.write(statics.resolve("tile.png"), get(http, warmBase + volumeTile(0)));
            // Warm means asked before: the 64 tiles of the warm set once each (a cold read and an automatic window each).
            for (int i = 0; i < 64; i++) {
                get(http, warmBase + volumeTile(i));
            }
            System.out.printf(Locale.ROOT, "volume 512³ uint16 gzip 64³, stack 100 × 1024² float32 gzip; %d cores%n",
                    Runtime.getRuntime().availableProcessors());
            for (int clients : new int[] {1, 4}) {
                System.out.println("-- " + clients + " client" + (clients > 1 ? "s" : ""));
                run("PNG tile, cold (random z, given window)", clients, i -> coldBase + volumeTile(i) + "?min=0&max=25000");
                run("PNG tile, warm (64 tiles, auto window)", clients, i -> warmBase + volumeTile(i % 64));
                run("PNG tile, warm (same tile)", clients, i -> warmBase + volumeTile(0));
                run("static PNG file of a tile", clients, i -> warmBase + "/static/tile.png");
                run("volume chunk 64³, cold (random)", clients, i -> coldBase + randomVolumeChunk(i));
                run("volume chunk 64³, warm (same chunk)", clients, i -> warmBase + volumeChunk);
                run("static file of a volume chunk", clients, i -> warmBase + "/static/volume-chunk");
                run("frame chunk 256², cold (random)", clients, i -> coldBase + randomFrameChunk(i));
                run("frame chunk 256², warm (same chunk)", clients, i -> warmBase + frameChunk);
                run("static file of a frame chunk", clients, i -> warmBase + "/static/frame-chunk");
            }
            coldApp.stop();
            warmApp.stop();
            for (AutoCloseable c : List.<AutoCloseable>of(coldTiles, coldChunks, warmTiles, warmChunks)) {
                c.close();
            }
        }
        bakeDemo(dir);
    }

    /** A fresh bake of the demo collection: time, and bytes of the precomputed trees. */
    private static void bakeDemo(Path dir) throws Exception {
        Path site = dir.resolve("demo-site-" + System.nanoTime());
        long t0 = System.nanoTime();
        Fixtures.Run run = Fixtures.vitrine("build", "--content", Fixtures.demoContent().toString(), "--out", site.toString());
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (run.exit() != 0) {
            throw new IllegalStateException(run.err());
        }
        long bytes = 0;
        long files = 0;
        try (var walk = Files.walk(site)) {
            for (Path p : walk.filter(Files::isRegularFile).filter(p -> p.toString().contains("/precomputed/")).toList()) {
                bytes += Files.size(p);
                files++;
            }
        }
        long t1 = System.nanoTime();
        run = Fixtures.vitrine("build", "--content", Fixtures.demoContent().toString(), "--out", site.toString());
        System.out.printf(Locale.ROOT, "demo bake from scratch: %.1f s (whole site, one JVM); precomputed trees: %d files, %.2f MB; "
                + "rebuild with nothing changed: %.1f s%n", seconds, files, bytes / 1e6, (System.nanoTime() - t1) / 1e9);
    }

    private static Dataset dataset(String id, DataFile file) {
        return new Dataset(id, id, null, List.of(), List.of(), "CC0-1.0", LocalDate.of(2020, 1, 1), Status.PUBLISHED, null,
                "Bench", null, null, List.of(), List.of(), List.of(file), java.util.Map.of(), true, "", Path.of(id + ".md"));
    }

    /** Tile i of a plane of the volume: z from i, one of the four 256² tiles of the 512² plane. */
    private static String volumeTile(int i) {
        SplittableRandom r = new SplittableRandom(i * 7919L + 17);
        return "/api/tiles/bench-volume/volume.h5/0/" + r.nextInt(N) + "/0/" + r.nextInt(2) + "/" + r.nextInt(2) + ".png";
    }

    private static String randomVolumeChunk(int i) {
        SplittableRandom r = new SplittableRandom(i * 104729L + 3);
        int x = r.nextInt(8) * 64;
        int y = r.nextInt(8) * 64;
        int z = r.nextInt(8) * 64;
        return "/api/precomputed/bench-volume/volume.h5/1_1_1/" + x + "-" + (x + 64) + "_" + y + "-" + (y + 64) + "_" + z + "-" + (z + 64);
    }

    private static String randomFrameChunk(int i) {
        SplittableRandom r = new SplittableRandom(i * 15485863L + 5);
        int x = r.nextInt(4) * 256;
        int y = r.nextInt(4) * 256;
        int f = r.nextInt(100);
        return "/api/precomputed/bench-frames/stack.h5/1_1_1/" + x + "-" + (x + 256) + "_" + y + "-" + (y + 256) + "_" + f + "-" + (f + 1);
    }

    private static byte[] get(HttpClient http, String url) throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + ": " + r.statusCode() + " " + new String(r.body()));
        }
        return r.body();
    }

    /** Requests/s and MB/s for {@code clients} threads asking URL number i, i+1, … for a fixed time. */
    private static void run(String label, int clients, IntFunction<String> url) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicLong counter = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        AtomicLong done = new AtomicLong();
        long measureFrom = System.nanoTime() + WARMUP_MS * 1_000_000;
        long end = measureFrom + MEASURE_MS * 1_000_000;
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    byte[] body = get(http, url.apply((int) counter.getAndIncrement()));
                    if (System.nanoTime() >= measureFrom) {
                        done.incrementAndGet();
                        bytes.addAndGet(body.length);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        double seconds = MEASURE_MS / 1000.0;
        System.out.printf(Locale.ROOT, "%-42s %8.1f req/s %8.1f MB/s%n", label, done.get() / seconds, bytes.get() / seconds / 1e6);
    }
}
