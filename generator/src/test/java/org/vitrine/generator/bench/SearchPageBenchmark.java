package org.vitrine.generator.bench;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.staticfiles.Location;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.vitrine.api.ApiServer;
import org.vitrine.generator.cli.Vitrine;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;

/**
 * The static search page against Pagefind on the same baked site, in headless Chromium: for the
 * synthetic collection of the bake benchmark at each size, bakes it, indexes the baked site with
 * Pagefind 1.x ({@code test-clients/pagefind}, installed by {@code npm ci}), serves the site over
 * loopback with gzip (as GitHub Pages does), and opens, in turns and each with an empty cache,
 * Vitrine's search page and a page that runs Pagefind's search and loads its first ten results, for
 * the same query. It prints, per page, the bytes fetched (as transferred, compressed) for the first
 * query, those of the search's own files, and the time from navigation to results on screen,
 * each the median of the runs. Then each page once more with a warm cache.
 *
 * <p>Arguments: {@code [sizes=1000,10000,100000] [runs=3] [query=lysozyme]}. Run from the checkout:
 * {@code mvn -B -q -pl generator -am -Dbench=generator -DskipTests verify -Dbench.main=org.vitrine.generator.bench.SearchPageBenchmark -Dbench.args="10000 3"}.
 */
public final class SearchPageBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SearchPageBenchmark() {
    }

    /** One page load: bytes fetched (and decompressed), bytes of the search's own files, milliseconds to results. */
    private record Load(long bytes, long decoded, long searchBytes, double millis) {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = (args.length > 0 ? List.of(args[0].split(",")) : List.of("1000", "10000", "100000"))
                .stream().map(Integer::parseInt).toList();
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String query = args.length > 2 ? args[2] : "lysozyme";
        Path projectRoot = Path.of(System.getProperty("vitrine.projectRoot", ".")).toAbsolutePath().normalize();
        System.setProperty("vitrine.home", projectRoot.toString());
        Path pagefind = projectRoot.resolve("test-clients/pagefind/node_modules/.bin/pagefind");
        if (!Files.isExecutable(pagefind)) {
            throw new IllegalStateException(pagefind + " is missing: run npm ci in test-clients/pagefind");
        }
        for (int n : sizes) {
            Path work = Files.createTempDirectory("vitrine-search-bench-");
            Path content = BakeBenchmark.writeCollection(work.resolve("content"), n, projectRoot);
            Path site = work.resolve("site");
            long t0 = System.nanoTime();
            StringWriter err = new StringWriter();
            if (Vitrine.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), "build", "--content",
                    content.toString(), "--out", site.toString()) != 0) {
                throw new IllegalStateException("build failed: " + err);
            }
            double bake = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            Process p = new ProcessBuilder(pagefind.toString(), "--site", site.toString(), "--output-subdir", "pagefind")
                    .redirectErrorStream(true).start();
            String pagefindOut = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("pagefind failed: " + pagefindOut);
            }
            double indexing = (System.nanoTime() - t0) / 1e9;
            Files.writeString(site.resolve("pagefind-search.html"), PAGEFIND_PAGE);
            System.out.printf(Locale.ROOT, "%,d datasets: Vitrine bake %.1f s (static index %s); Pagefind indexing the baked site %.1f s (%s)%n",
                    n, bake, size(site.resolve("search-index")), indexing, size(site.resolve("pagefind")));

            Javalin server = ApiServer.create(List.of(), c -> {
                c.http.compressionStrategy = CompressionStrategy.GZIP;
                c.staticFiles.add(files -> {
                    files.hostedPath = "/";
                    files.directory = site.toString();
                    files.location = Location.EXTERNAL;
                });
            }).start("127.0.0.1", 0);
            try {
                String q = URLEncoder.encode(query, StandardCharsets.UTF_8);
                String ours = "http://127.0.0.1:" + server.port() + "/search/?q=" + q;
                String theirs = "http://127.0.0.1:" + server.port() + "/pagefind-search.html?q=" + q;
                List<Load> vitrine = new ArrayList<>();
                List<Load> pf = new ArrayList<>();
                for (int run = 0; run < runs; run++) {
                    vitrine.add(load(work, ours, "search-index/", "/assets/js/search"));
                    pf.add(load(work, theirs, "/pagefind/", "/pagefind/"));
                }
                report("Vitrine", query, vitrine);
                report("Pagefind", query, pf);
                System.out.printf(Locale.ROOT, "  warm cache: Vitrine %.0f ms, Pagefind %.0f ms%n",
                        warm(work, ours, "search-index/").millis(), warm(work, theirs, "/pagefind/").millis());
            } finally {
                server.stop();
            }
            System.out.println("  site left in " + site);
        }
    }

    private static void report(String name, String query, List<Load> loads) {
        System.out.printf(Locale.ROOT, "  %-8s first query '%s': %.0f kB fetched (%.0f kB decompressed; search files %.0f kB), results after %.0f ms (median of %d; runs %s ms)%n",
                name, query, median(loads.stream().map(l -> (double) l.bytes()).toList()) / 1e3,
                median(loads.stream().map(l -> (double) l.decoded()).toList()) / 1e3,
                median(loads.stream().map(l -> (double) l.searchBytes()).toList()) / 1e3,
                median(loads.stream().map(Load::millis).toList()), loads.size(),
                loads.stream().map(l -> String.format(Locale.ROOT, "%.0f", l.millis())).toList());
    }

    /** Opens a page in a new browser (an empty cache) and measures it. */
    private static Load load(Path work, String url, String... searchPaths) throws IOException {
        WebDriver browser = browser(work);
        try {
            return measure(browser, url, searchPaths);
        } finally {
            browser.quit();
        }
    }

    /** Opens a page twice in one browser and measures the second visit (a warm cache). */
    private static Load warm(Path work, String url, String... searchPaths) throws IOException {
        WebDriver browser = browser(work);
        try {
            measure(browser, url, searchPaths);
            browser.get("about:blank");
            return measure(browser, url, searchPaths);
        } finally {
            browser.quit();
        }
    }

    /**
     * Loads a page and waits for its results. Bytes are counted from Chromium's network log, which
     * also sees what a page's workers fetch (Pagefind searches in one), as transferred: compressed
     * bodies with their headers.
     */
    private static Load measure(WebDriver browser, String url, String... searchPaths) {
        browser.manage().logs().get(LogType.PERFORMANCE); // drops what an earlier visit logged
        browser.get(url);
        new WebDriverWait(browser, Duration.ofSeconds(120)).until(d -> (Boolean) ((JavascriptExecutor) d)
                .executeScript("return performance.getEntriesByName('vitrine-search-results').length > 0"));
        double millis = ((Number) ((JavascriptExecutor) browser)
                .executeScript("return performance.getEntriesByName('vitrine-search-results')[0].startTime")).doubleValue();
        Map<String, String> urls = new HashMap<>();
        Map<String, Double> received = new HashMap<>();
        Map<String, Double> decoded = new HashMap<>();
        for (LogEntry entry : browser.manage().logs().get(LogType.PERFORMANCE)) {
            JsonNode message;
            try {
                message = JSON.readTree(entry.getMessage()).get("message");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            JsonNode params = message.get("params");
            switch (message.get("method").asText()) {
                case "Network.requestWillBeSent" -> urls.put(params.get("requestId").asText(), params.get("request").get("url").asText());
                case "Network.dataReceived" -> decoded.merge(params.get("requestId").asText(), params.get("dataLength").asDouble(), Double::sum);
                case "Network.loadingFinished" -> received.put(params.get("requestId").asText(), params.get("encodedDataLength").asDouble());
                default -> { }
            }
        }
        long bytes = 0;
        long inflated = 0;
        long search = 0;
        String origin = url.substring(0, url.indexOf('/', "http://".length()) + 1);
        for (Map.Entry<String, Double> r : received.entrySet()) {
            String u = urls.getOrDefault(r.getKey(), "");
            if (!u.startsWith(origin)) {
                continue; // the browser's own requests
            }
            bytes += r.getValue().longValue();
            inflated += decoded.getOrDefault(r.getKey(), 0.0).longValue();
            if (List.of(searchPaths).stream().anyMatch(u::contains)) {
                search += r.getValue().longValue();
            }
        }
        return new Load(bytes, inflated, search, millis);
    }

    private static WebDriver browser(Path work) throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(new File("/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,900", "--user-data-dir=" + Files.createTempDirectory(work, "profile"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static String size(Path dir) throws IOException {
        long[] total = {0, 0};
        try (var walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).forEach(f -> {
                total[0] += f.toFile().length();
                total[1]++;
            });
        }
        return String.format(Locale.ROOT, "%,d files, %.1f MB", total[1], total[0] / 1e6);
    }

    /**
     * Pagefind's search on a page: the query from the URL, its first ten results' data (title,
     * excerpt, URL) loaded and listed, as Vitrine's page lists its first ten hits.
     */
    private static final String PAGEFIND_PAGE = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Pagefind</title></head>
            <body><ol id="hits"></ol>
            <script type="module">
              const pagefind = await import('./pagefind/pagefind.js');
              const q = new URLSearchParams(location.search).get('q') ?? '';
              const search = await pagefind.search(q);
              const data = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
              document.getElementById('hits').replaceChildren(...data.map((d) => {
                const li = document.createElement('li');
                li.innerHTML = `<a href="${d.url}">${d.meta.title}</a><p>${d.excerpt}</p>`;
                return li;
              }));
              performance.mark('vitrine-search-results');
            </script></body></html>
            """;
}
