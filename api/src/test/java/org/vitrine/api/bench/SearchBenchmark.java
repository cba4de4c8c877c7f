package org.vitrine.api.bench;

import io.javalin.Javalin;
import org.vitrine.api.ApiServer;
import org.vitrine.api.search.SearchRoutes;
import org.vitrine.core.model.Author;
import org.vitrine.core.model.DataFile;
import org.vitrine.core.model.Dataset;
import org.vitrine.core.model.FileKind;
import org.vitrine.core.model.Parameter;
import org.vitrine.core.model.PreviewOptions;
import org.vitrine.core.model.Provenance;
import org.vitrine.core.model.Sample;
import org.vitrine.core.model.Status;
import org.vitrine.core.model.Technique;
import org.vitrine.core.search.DatasetLinks;
import org.vitrine.api.search.SearchIndex;
import org.vitrine.core.search.SearchIndexWriter;
import org.vitrine.api.search.SearchRequest;
import org.vitrine.core.techniques.PaNet;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Indexes synthetic collections (10,000 and 100,000 datasets by default) and drives
 * {@code /api/search} over loopback HTTP with concurrent clients, printing requests/s and latency
 * percentiles; also the in-process searcher alone for comparison. Bounded in time.
 *
 * <p>Without the answer cache it runs a fixed mix of query kinds in turn and a varied mix drawn by
 * popularity; with the default cache, only the varied mix, since a fixed mix would be answered
 * from the cache after one round. The varied runs say which share of their requests repeated an
 * earlier one (the most a cache could answer).
 *
 * <p>Arguments: {@code [sizes=10000,100000] [clients=4] [seconds=15] [gzip=true]}, where gzip
 * sends the Accept-Encoding of browsers. It prints CPU time per request too (the searching thread's
 * in-process, the whole process's over HTTP), which other work on the machine disturbs much less
 * than requests per second. Run from the checkout: {@code mvn -B -q -pl api -am -Dbench=api -DskipTests verify [-Dbench.args="10000 4 15"]}.
 */
public final class SearchBenchmark {

    private static final String[] TECHNIQUES = {"PaNET01212", "PaNET01174", "PaNET01129", "PaNET01285", "PaNET01168",
            "PaNET01188", "PaNET01164", "PaNET01030", "PaNET01196"};
    private static final String[] FACILITIES = {"PETRA III", "ESRF", "European XFEL", "LCLS", "MAX IV", "SLS", "Diamond",
            "SOLEIL", "APS", "SPring-8", "ILL", "ISIS"};
    private static final String[] SCIENCE = {"protein", "crystal", "virus", "catalyst", "battery", "cathode", "zeolite",
            "bone", "tooth", "limestone", "micelle", "polymer", "alloy", "magnet", "perovskite", "graphene", "cell",
            "tissue", "enzyme", "membrane", "nanoparticle", "ice", "glass", "concrete", "meteorite", "fossil", "wood",
            "paint", "pigment", "soil", "coral", "shell", "fibre", "foam", "emulsion", "gel", "liquid", "powder",
            "thin film", "wafer", "detector", "lens", "mirror", "grating", "sample holder", "reference"};
    private static final String[] QUERIES = {"protein", "virus crystal", "battery cathode", "imaging", "scattering",
            "tomography", "\"thin film\"", "pero*", "zeolte~", "facility:esrf", "diffraction protein", "graphene",
            "fossil imaging", "w17", "meteorite -imaging"};

    /** Distinct URLs of the varied mix. */
    private static final int VARIED_URLS = 20_000;

    private SearchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int[] sizes = args.length > 0 ? Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).toArray() : new int[]{10_000, 100_000};
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        boolean gzip = args.length <= 3 || Boolean.parseBoolean(args[3]);
        System.out.printf("Java %s, %d cores, max heap %d MB; %d clients, %d s per run, gzip %s%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, clients, seconds, gzip);
        for (int n : sizes) {
            run(n, clients, seconds, gzip);
        }
    }

    private static void run(int n, int clients, int seconds, boolean gzip) throws Exception {
        Path dir = Files.createTempDirectory("vitrine-search-bench");
        try {
            List<Dataset> datasets = synthetic(n, new Random(42));
            long t0 = System.nanoTime();
            SearchIndexWriter.write(datasets, dir, DatasetLinks.DEFAULT);
            double indexSeconds = (System.nanoTime() - t0) / 1e9;
            long bytes;
            try (Stream<Path> files = Files.list(dir)) {
                bytes = files.mapToLong(p -> p.toFile().length()).sum();
            }
            System.out.printf("%n== %,d datasets: indexed in %.1f s (%.0f datasets/s), index %d MB%n", n, indexSeconds,
                    n / indexSeconds, bytes >> 20);
            List<String> fixed = new ArrayList<>();
            for (String q : QUERIES) {
                fixed.add("/api/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
            }
            fixed.add("/api/search?facility=ESRF&technique=imaging");
            fixed.add("/api/search?q=protein&param=" + URLEncoder.encode("photon_energy:8..13keV", StandardCharsets.UTF_8));
            fixed.add("/api/search?sort=released&page=3");
            List<String> varied = variedMix(VARIED_URLS, new Random(7));
            // Without the answer cache: what every search costs.
            try (SearchIndex index = SearchIndex.open(dir, 0)) {
                inProcess(index, Math.max(2, seconds / 3), "warm-up");
                inProcess(index, seconds, "measured");
                serve(index, app -> {
                    http(app.port(), fixed, false, clients, Math.max(2, seconds / 3), gzip, "no cache, fixed mix, warm-up");
                    http(app.port(), fixed, false, clients, seconds, gzip, "no cache, fixed mix");
                    http(app.port(), varied, true, clients, seconds, gzip, "no cache, varied mix");
                });
            }
            // With the default answer cache, on the varied mix (a fixed mix would be all hits).
            try (SearchIndex index = SearchIndex.open(dir)) {
                serve(index, app -> {
                    http(app.port(), varied, true, clients, Math.max(2, seconds / 3), gzip, "cache, varied mix, warm-up");
                    http(app.port(), varied, true, clients, seconds, gzip, "cache " + SearchIndex.CACHED_RESULTS + ", varied mix");
                });
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private interface Load {
        void run(Javalin app) throws Exception;
    }

    private static void serve(SearchIndex index, Load load) throws Exception {
        Javalin app = ApiServer.create(List.of(new SearchRoutes(index)), c -> { }).start("127.0.0.1", 0);
        try {
            load.run(app);
        } finally {
            app.stop();
        }
    }

    /**
     * Distinct search URLs as a public site might see them: words, phrases, prefixes, filters,
     * pages and sort orders in random combinations. Clients draw from them with Zipf's law
     * (the k-th most popular asked 1/k as often), so some repeat and most of the tail does not.
     */
    static List<String> variedMix(int n, Random random) {
        java.util.LinkedHashSet<String> urls = new java.util.LinkedHashSet<>();
        String[] techniques = {"imaging", "scattering", "tomography", "diffraction", "ptychography"};
        while (urls.size() < n) {
            StringBuilder url = new StringBuilder("/api/search?q=");
            int kind = random.nextInt(10);
            String q = switch (kind) {
                case 0, 1, 2 -> SCIENCE[random.nextInt(SCIENCE.length)];
                case 3, 4 -> SCIENCE[random.nextInt(SCIENCE.length)] + " " + SCIENCE[random.nextInt(SCIENCE.length)];
                case 5 -> "w" + random.nextInt(5000);
                case 6 -> SCIENCE[random.nextInt(SCIENCE.length)].substring(0, 3) + "*";
                case 7 -> QUERIES[random.nextInt(QUERIES.length)];
                case 8 -> SCIENCE[random.nextInt(SCIENCE.length)] + " " + techniques[random.nextInt(techniques.length)];
                default -> "";
            };
            url.append(URLEncoder.encode(q, StandardCharsets.UTF_8));
            if (random.nextInt(10) < 3) {
                url.append("&facility=").append(URLEncoder.encode(FACILITIES[random.nextInt(FACILITIES.length)], StandardCharsets.UTF_8));
            }
            if (random.nextInt(10) < 2) {
                url.append("&technique=").append(techniques[random.nextInt(techniques.length)]);
            }
            if (random.nextInt(10) < 1) {
                url.append("&sort=released");
            }
            if (random.nextInt(10) < 2) {
                url.append("&page=").append(2 + random.nextInt(3));
            }
            urls.add(url.toString());
        }
        return List.copyOf(urls);
    }

    /** Cumulative Zipf weights over {@code n} ranks. */
    private static double[] zipf(int n) {
        double[] cumulative = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += 1.0 / (k + 1);
            cumulative[k] = sum;
        }
        for (int k = 0; k < n; k++) {
            cumulative[k] /= sum;
        }
        return cumulative;
    }

    private static void inProcess(SearchIndex index, int seconds, String label) {
        // This thread's CPU time only: the compiler and collector threads are no part of a search.
        long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        List<Long> latencies = new ArrayList<>();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        int i = 0;
        while (System.nanoTime() < end && latencies.size() < 2_000_000) {
            long s = System.nanoTime();
            index.search(SearchRequest.of(QUERIES[i++ % QUERIES.length]));
            latencies.add(System.nanoTime() - s);
        }
        report("in-process searcher, 1 thread, " + label, latencies, seconds,
                ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu);
    }

    /**
     * Each client holds one keep-alive connection and sends its requests one after another, as a
     * browser tab does. The client is a minimal HTTP/1.1 reader on a socket, with its requests
     * encoded once and responses parsed in place, so that the load generator, which shares the
     * machine's cores with the server, costs as little as possible. Every body is read whole.
     */
    private static void http(int port, List<String> paths, boolean popular, int clients, int seconds, boolean gzip,
                             String label) throws Exception {
        double[] cumulative = zipf(paths.size());
        java.util.Set<Integer> asked = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.AtomicLong repeats = new java.util.concurrent.atomic.AtomicLong();
        List<byte[]> requests = paths.stream().map(p -> ("GET " + p + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + (gzip ? "Accept-Encoding: gzip, deflate, br, zstd\r\n" : "") + "\r\n").getBytes(StandardCharsets.US_ASCII)).toList();
        List<long[]> perClient = new ArrayList<>();
        List<int[]> counts = new ArrayList<>();
        AtomicInteger errors = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        long cpu = processCpuNanos();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        for (int c = 0; c < clients; c++) {
            long[] latencies = new long[1_000_000];
            perClient.add(latencies);
            int[] count = new int[1];
            counts.add(count);
            int offset = c;
            Thread t = new Thread(() -> {
                try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    socket.setTcpNoDelay(true);
                    OutputStream out = socket.getOutputStream();
                    ResponseReader in = new ResponseReader(socket.getInputStream());
                    int i = offset;
                    Random random = new Random(offset);
                    while (System.nanoTime() < end && count[0] < latencies.length) {
                        int pick = popular ? rank(cumulative, random.nextDouble()) : i++ % requests.size();
                        if (popular && !asked.add(pick)) {
                            repeats.incrementAndGet();
                        }
                        byte[] request = requests.get(pick);
                        long s = System.nanoTime();
                        out.write(request);
                        out.flush();
                        if (in.read() != 200) {
                            errors.incrementAndGet();
                        }
                        latencies[count[0]++] = System.nanoTime() - s;
                    }
                } catch (IOException e) {
                    errors.incrementAndGet();
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        cpu = processCpuNanos() - cpu;
        List<Long> all = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            long[] latencies = perClient.get(c);
            for (int i = 0; i < counts.get(c)[0]; i++) {
                all.add(latencies[i]);
            }
        }
        String repeated = popular ? String.format(", %.0f%% repeats", 100.0 * repeats.get() / Math.max(1, all.size())) : "";
        report("HTTP, " + clients + " clients, " + label + repeated + (errors.get() > 0 ? ", ERRORS " + errors.get() : ""),
                all, seconds, cpu);
    }

    private static int rank(double[] cumulative, double u) {
        int i = Arrays.binarySearch(cumulative, u);
        return Math.min(cumulative.length - 1, i >= 0 ? i : -i - 1);
    }

    /** Reads HTTP/1.1 responses (Content-Length or chunked bodies) from a buffer it refills. */
    private static final class ResponseReader {
        private final InputStream in;
        private final byte[] buffer = new byte[1 << 16];
        private int pos;
        private int limit;
        private final StringBuilder line = new StringBuilder(128);

        ResponseReader(InputStream in) {
            this.in = in;
        }

        /** Reads one response and returns its status. */
        int read() throws IOException {
            String status = line();
            int length = -1;
            boolean chunked = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                if (header.regionMatches(true, 0, "content-length:", 0, 15)) {
                    length = Integer.parseInt(header.substring(15).strip());
                } else if (header.regionMatches(true, 0, "transfer-encoding:", 0, 18)
                        && header.toLowerCase(Locale.ROOT).contains("chunked")) {
                    chunked = true;
                }
            }
            if (chunked) {
                for (int n = Integer.parseInt(line().strip(), 16); n > 0; n = Integer.parseInt(line().strip(), 16)) {
                    skip(n);
                    line();
                }
                line();
            } else if (length > 0) {
                skip(length);
            }
            return Integer.parseInt(status, status.indexOf(' ') + 1, status.indexOf(' ') + 4, 10);
        }

        private void fill() throws IOException {
            pos = 0;
            limit = in.read(buffer);
            if (limit < 0) {
                throw new EOFException("connection closed by the server");
            }
        }

        private void skip(int n) throws IOException {
            while (n > 0) {
                if (pos == limit) {
                    fill();
                }
                int step = Math.min(n, limit - pos);
                pos += step;
                n -= step;
            }
        }

        private String line() throws IOException {
            line.setLength(0);
            while (true) {
                if (pos == limit) {
                    fill();
                }
                byte b = buffer[pos++];
                if (b == '\n') {
                    return line.toString();
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
        }
    }

    /**
     * CPU time of the whole process (server and clients) so far: on a machine shared with other
     * work, CPU time per request varies much less than requests per second.
     */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void report(String label, List<Long> latencies, int seconds, long cpuNanos) {
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            System.out.println(label + ": no requests");
            return;
        }
        System.out.printf("%-62s %,9d requests  %,8.0f /s   p50 %6.2f ms   p99 %6.2f ms   max %7.2f ms   cpu %5.0f us/request%n",
                label, sorted.length, sorted.length / (double) seconds, sorted[sorted.length / 2] / 1e6,
                sorted[(int) (sorted.length * 0.99)] / 1e6, sorted[sorted.length - 1] / 1e6, cpuNanos / 1e3 / sorted.length);
    }

    /** A reproducible synthetic collection with realistic vocabulary, facets and parameters. */
    static List<Dataset> synthetic(int n, Random random) {
        PaNet panet = PaNet.bundled();
        List<Technique> techniques = Arrays.stream(TECHNIQUES).map(id -> panet.technique(id).orElseThrow()).toList();
        List<Dataset> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Technique technique = techniques.get(random.nextInt(techniques.size()));
            String subject = SCIENCE[random.nextInt(SCIENCE.length)];
            String other = SCIENCE[random.nextInt(SCIENCE.length)];
            String facility = FACILITIES[random.nextInt(FACILITIES.length)];
            String instrument = "ID" + random.nextInt(40);
            StringBuilder body = new StringBuilder();
            for (int s = 0; s < 4; s++) {
                body.append("The ").append(subject).append(" was measured by ").append(technique.label())
                        .append(" next to a ").append(SCIENCE[random.nextInt(SCIENCE.length)])
                        .append(" with word w").append(random.nextInt(5000)).append(" and w").append(random.nextInt(5000))
                        .append(". ");
            }
            double energy = 5 + random.nextDouble() * 20;
            List<Parameter> parameters = List.of(
                    random.nextBoolean() ? new Parameter("photon_energy", Math.round(energy * 1000) / 1000.0, "keV", Provenance.CURATED)
                            : new Parameter("photon_energy", Math.round(energy * 1000), "eV", Provenance.CURATED),
                    new Parameter("detector_distance", 0.1 + random.nextInt(500) / 100.0, "m", Provenance.CURATED));
            String id = String.format("syn-%06d", i);
            out.add(new Dataset(id, capitalise(subject) + " and " + other + " by " + technique.label() + " at " + facility,
                    "10.5072/" + id, List.of(),
                    List.of(Author.person("Author " + random.nextInt(2000), null, "Institute " + random.nextInt(100), "PI")),
                    random.nextBoolean() ? "CC-BY-4.0" : "CC0-1.0", LocalDate.of(2005 + random.nextInt(21), 1 + random.nextInt(12), 1),
                    Status.PUBLISHED, technique, facility, instrument, new Sample(subject + " " + random.nextInt(500), null),
                    List.of(subject, other, "k" + random.nextInt(300)), parameters,
                    List.of(new DataFile(id + ".h5", null, "raw data", "/entry/data", FileKind.IMAGE, PreviewOptions.DEFAULT)),
                    Map.of(), false, body.toString(), null));
        }
        return out;
    }

    private static String capitalise(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
