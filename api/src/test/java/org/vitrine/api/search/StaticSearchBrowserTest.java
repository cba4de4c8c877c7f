package org.vitrine.api.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.vitrine.api.ApiServer;
import org.vitrine.core.content.CollectionLoader;
import org.vitrine.core.content.FileInspector;
import org.vitrine.core.hdf5.Hdf5Files;
import org.vitrine.core.model.Visibility;
import org.vitrine.core.search.DatasetLinks;
import org.vitrine.core.search.DemoCollection;
import org.vitrine.core.search.SearchIndexWriter;
import org.vitrine.core.techniques.PaNet;
import org.vitrine.core.search.StaticIndexWriter;

import java.io.File;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The site's search page in real headless Chromium: the static index searched in the browser,
 * the same page over the API, and the two ranking alike.
 */
class StaticSearchBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    /** Queries whose top results the static index and the API must agree on. */
    static final List<String> PARITY_QUERIES = List.of("holographic", "imaging", "ptychography", "lysozyme", "x-ray",
            "siemens star", "\"liquid jet\"", "cxi", "petra", "tomography limestone", "facility:esrf", "detectors",
            "scattering", "2023", "ptycho*", "diffraction data", "title:cxi", "raw OR radiograph", "imaging -tomography",
            "micelles", "crystallography", "esrf imaging", "synthetic", "lysozym~", "tomografy~", "detectr~1", "phant*");

    /** The same for the demo collection in content/. */
    static final List<String> DEMO_QUERIES = List.of("ptychography", "tomography", "imaging", "cxi", "phantom",
            "siemens star", "human organs", "synthetic", "detector", "hologram", "diffraction", "petra", "\"phase contrast\"",
            "x-ray", "esrf", "facility:esrf", "nexus", "scattering", "resolution", "reconstruction", "ptychografy~", "holo*");

    @TempDir
    static Path site;
    static StaticFileServer files;
    static SearchIndex index;
    static Javalin api;
    static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), () -> {
            String why = "Skipping browser tests: " + CHROMIUM + " or " + CHROMEDRIVER + " is not installed (Debian packages chromium, chromium-driver)";
            System.out.println(why);
            return why;
        });
        Path root = Path.of(System.getProperty("vitrine.projectRoot"));
        Files.createDirectories(site.resolve("js"));
        Files.copy(root.resolve("site-assets/js/search.js"), site.resolve("js/search.js"));
        StaticIndexWriter.write(DemoCollection.collection().publicDatasets(), DatasetLinks.DEFAULT, site);
        SearchIndexWriter.write(DemoCollection.collection(), site.resolve("index"), DatasetLinks.DEFAULT);
        index = SearchIndex.open(site.resolve("index"));
        api = ApiServer.create(List.of(new SearchRoutes(index)), c -> { }).start("127.0.0.1", 0);
        Files.writeString(site.resolve("search.html"), page(""));
        Files.writeString(site.resolve("api-search.html"), page("http://127.0.0.1:" + api.port()));
        files = new StaticFileServer(site);

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + Files.createTempDirectory(site, "profile"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().withLogFile(new File(site.toFile(), "chromedriver.log")).build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (files != null) {
            files.close();
        }
        if (api != null) {
            api.stop();
        }
        if (index != null) {
            index.close();
        }
    }

    static String page(String apiUrl) {
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Search</title></head>
                <body><main><h1>Search</h1>
                <div id="search" data-vitrine-search data-index="search-index.json" data-base="./" data-api="%s"></div>
                </main><script type="module" src="js/search.js"></script></body></html>
                """.formatted(apiUrl);
    }

    static WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    /** Opens a page and waits until it shows the results of the request in its URL. */
    static void open(String pathAndQuery) {
        browser.get(files.url(pathAndQuery));
        waiting().until(d -> "true".equals(d.findElement(By.id("search")).getDomAttribute("data-ready"))
                && !status().isEmpty() && !status().startsWith("Searching") && !status().startsWith("Loading"));
    }

    static String status() {
        return browser.findElement(By.cssSelector(".search-status")).getText();
    }

    static List<String> hitIds() {
        return browser.findElements(By.cssSelector(".search-hit")).stream().map(e -> e.getDomAttribute("data-id")).toList();
    }

    static void waitForUrl(String fragment) {
        waiting().until(d -> d.getCurrentUrl().contains(fragment) && !status().startsWith("Searching"));
    }

    @Test
    void staticSearchFindsHighlightsAndShowsThumbnails() {
        open("search.html?q=holographic");
        assertEquals(List.of("petra-p25-ptycho"), hitIds());
        WebElement hit = browser.findElement(By.cssSelector(".search-hit"));
        assertEquals("holographic", hit.findElement(By.cssSelector(".search-snippet mark")).getText());
        assertTrue(hit.findElement(By.tagName("img")).getDomProperty("src").endsWith("/datasets/petra-p25-ptycho/thumb-0.png"));
        assertTrue(hit.findElement(By.tagName("a")).getDomProperty("href").endsWith("/datasets/petra-p25-ptycho/"));
        assertEquals("1 dataset", status());
        assertEquals("holographic", browser.findElement(By.id("search-q")).getDomProperty("value"));
    }

    @Test
    void facetsFilterWithCountsAndTheUrlHoldsTheRequest() {
        open("search.html?q=imaging");
        assertEquals(6, hitIds().size());
        WebElement esrf = browser.findElement(By.cssSelector("fieldset[data-dim=facility] input[value=ESRF]"));
        String label = esrf.findElement(By.xpath("..")).getText();
        assertTrue(label.contains("ESRF") && label.contains("(2)"), label);
        esrf.click();
        waitForUrl("facility=ESRF");
        assertEquals(List.of("nexus-tooth", "tomo-limestone"), hitIds().stream().sorted().toList());
        // Drill sideways: the other facilities are still offered with their counts.
        String petra = browser.findElement(By.cssSelector("fieldset[data-dim=facility] input[value='PETRA III']"))
                .findElement(By.xpath("..")).getText();
        assertTrue(petra.contains("(1)"), petra);
        // The shared URL reproduces the view.
        String shared = browser.getCurrentUrl();
        browser.get("about:blank");
        browser.get(shared);
        waiting().until(d -> hitIds().size() == 2);
        assertTrue(browser.findElement(By.cssSelector("fieldset[data-dim=facility] input[value=ESRF]")).isSelected());
    }

    @Test
    void usableByKeyboardWithPagination() {
        open("search.html?size=3");
        WebElement box = browser.findElement(By.id("search-q"));
        box.click();
        box.sendKeys(Keys.chord(Keys.CONTROL, "a"), "cxi", Keys.ENTER);
        waitForUrl("q=cxi");
        // The two CXIDB files, and the ptychography scan stored as CXI.
        assertEquals(List.of("cxidb-minimal", "cxidb-typical", "petra-p25-ptycho"), hitIds().stream().sorted().toList());

        box = browser.findElement(By.id("search-q"));
        box.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE, Keys.ENTER);
        waiting().until(d -> status().startsWith("8 datasets"));
        assertEquals(3, hitIds().size());
        WebElement next = browser.findElement(By.cssSelector(".search-pages a[rel=next]"));
        next.sendKeys(Keys.ENTER);
        waitForUrl("page=2");
        assertEquals(3, hitIds().size());
        assertEquals("2", browser.findElement(By.cssSelector(".search-pages a[aria-current=page]")).getText());
        browser.navigate().back();
        waiting().until(d -> !d.getCurrentUrl().contains("page=2") && hitIds().size() == 3);
    }

    @Test
    void badQueriesAreExplainedNotFatal() {
        open("search.html?q=" + URLEncoder.encode("title:(ptychography", StandardCharsets.UTF_8));
        assertTrue(status().startsWith("Invalid query"), status());
        open("search.html?q=" + URLEncoder.encode("*graphy", StandardCharsets.UTF_8));
        assertTrue(status().contains("not allowed as first character"), status());
        open("search.html?q=x&param=" + URLEncoder.encode("photon_energy:1..2parsec", StandardCharsets.UTF_8));
        assertTrue(status().contains("unknown unit 'parsec'"), status());
        open("search.html?q=x&param=" + URLEncoder.encode("photon_energy:0.1..0.2nm", StandardCharsets.UTF_8));
        assertTrue(status().contains("photon_energy measures energy, so its bounds need one of J, kJ, meV, eV, keV"), status());
        open("search.html?param=" + URLEncoder.encode("photon_energy:1.2keV", StandardCharsets.UTF_8));
        assertEquals(List.of("cxidb-typical", "nexus-tooth"), hitIds().stream().sorted().toList());
    }

    @Test
    void thePageSearchesThroughTheApiWhenConfigured() {
        open("api-search.html?q=lysozyme");
        assertEquals(List.of("sfx-lysozyme"), hitIds());
        assertTrue(browser.findElement(By.cssSelector(".search-snippet")).getText().length() > 10);
        open("api-search.html?q=" + URLEncoder.encode("title:(", StandardCharsets.UTF_8));
        assertTrue(status().startsWith("Invalid query"), status());
    }

    @Test
    void staticIndexAndApiRankAlike() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        assertEquals(List.of(), mismatches("search-index.json", PARITY_QUERIES, q -> {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port()
                    + "/api/search?size=5&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), q + ": " + r.body());
            return new ObjectMapper().readTree(r.body());
        }));
    }

    @Test
    void staticIndexAndApiRankAlikeOnTheDemoContent() throws Exception {
        Path root = Path.of(System.getProperty("vitrine.projectRoot"));
        CollectionLoader.Result demo = new CollectionLoader(PaNet.bundled(), new Visibility(LocalDate.now()),
                new FileInspector(new Hdf5Files(4, 64L << 20), null), null).load(root.resolve("content"));
        assertTrue(demo.collection().publicDatasets().size() >= 6, "demo datasets: " + demo.collection().publicDatasets().size());
        StaticIndexWriter.write(demo.collection().publicDatasets(), DatasetLinks.DEFAULT, site.resolve("demo"));
        SearchIndexWriter.write(demo.collection(), site.resolve("demo"), DatasetLinks.DEFAULT);
        try (SearchIndex demoIndex = SearchIndex.open(site.resolve("demo"))) {
            assertEquals(List.of(), mismatches("demo-index.json", DEMO_QUERIES, q -> new ObjectMapper().valueToTree(
                    demoIndex.search(new SearchRequest(q, Map.of(), List.of(), SearchRequest.Sort.RELEVANCE, 1, 5)))));
        }
    }

    /** The server's answer to a query, page 1 of size 5. */
    interface LuceneAnswer {
        JsonNode answer(String query) throws Exception;
    }

    /** Runs every query in the browser on a static index and through the Lucene index; lists differences. */
    @SuppressWarnings("unchecked")
    static List<String> mismatches(String staticIndex, List<String> queries, LuceneAnswer lucene) throws Exception {
        open("search.html");
        List<Object> fromBrowser = (List<Object>) ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const [file, queries] = [arguments[0], arguments[1]];
                import('./js/search.js').then(async (m) => {
                  const index = await m.StaticIndex.load(file);
                  done(queries.map((q) => JSON.stringify(index.search({ q, size: 5 }))));
                }).catch((e) => done(String(e)));
                """, staticIndex, queries);
        ObjectMapper json = new ObjectMapper();
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            String q = queries.get(i);
            JsonNode local = json.readTree((String) fromBrowser.get(i));
            JsonNode remote = lucene.answer(q);
            assertTrue(remote.get("total").asInt() > 0, "query " + q + " finds nothing: not a useful parity case");
            if (!ids(local).equals(ids(remote)) || local.get("total").asInt() != remote.get("total").asInt()
                    || !local.get("facets").toString().equals(remote.get("facets").toString())) {
                mismatches.add(q + ": browser " + ids(local) + " (" + local.get("total") + ") " + scores(local)
                        + " vs API " + ids(remote) + " (" + remote.get("total") + ") " + scores(remote)
                        + (local.get("facets").toString().equals(remote.get("facets").toString()) ? "" : " facets differ: " + local.get("facets") + " vs " + remote.get("facets")));
            }
        }
        return mismatches;
    }

    static List<String> ids(JsonNode result) {
        List<String> ids = new ArrayList<>();
        result.get("hits").forEach(h -> ids.add(h.get("id").asText()));
        return ids;
    }

    static List<Double> scores(JsonNode result) {
        List<Double> s = new ArrayList<>();
        result.get("hits").forEach(h -> s.add(h.get("score").asDouble()));
        return s;
    }

}
