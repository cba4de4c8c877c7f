package org.vitrine.api.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
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
import org.vitrine.core.model.Collection;
import org.vitrine.core.model.Dataset;
import org.vitrine.core.model.FileKind;
import org.vitrine.core.model.Provenance;
import org.vitrine.core.model.Sample;
import org.vitrine.core.model.Visibility;
import org.vitrine.core.search.DatasetLinks;
import org.vitrine.core.search.DemoCollection;
import org.vitrine.core.search.SearchIndexWriter;
import org.vitrine.core.search.StaticIndexWriter;
import org.vitrine.core.techniques.PaNet;

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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The site's search page in real headless Chromium, searching the static index in the browser
 * and through the API, and the two answering alike: for a fixed list of requests (words, phrases,
 * fields, prefixes, fuzzy terms, text in several scripts, pasted DOIs, filters, parameter ranges,
 * orders and pages) the static index gives the same answer as {@code /api/search} on loopback,
 * hits, order, scores, snippets, facet counts and all. Screenshots at desktop and phone size are
 * kept in {@code target/screenshots/}.
 */
class StaticSearchBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of(System.getProperty("vitrine.projectRoot")).resolve("api/target/screenshots");
    static final ObjectMapper JSON = new ObjectMapper();

    /** Requests (as query strings) whose answers the static index and the API must agree on. */
    static final List<String> PARITY = List.of(
            "q=holographic", "q=imaging", "q=ptychography", "q=Ptychography", "q=lysozyme", "q=x-ray", "q=siemens+star",
            "q=%22liquid+jet%22", "q=cxi", "q=petra", "q=tomography+limestone", "q=facility:esrf", "q=detectors",
            "q=detector", "q=proteins", "q=microcrystal", "q=scattering", "q=2023", "q=ptycho*", "q=diffraction+data",
            "q=title:cxi", "q=raw+OR+radiograph", "q=imaging+-tomography", "q=micelles", "q=crystallography",
            "q=esrf+imaging", "q=synthetic", "q=lysozym~", "q=tomografy~", "q=detectr~1", "q=phant*", "q=year:[2020+TO+2022]",
            "q=description:carbonate", "q=%22raw+data%22", "q=%22tantalum+siemens%22", "q=entry_1", "q=*", "q=im?ging",
            // Text in other scripts, as written and in other cases.
            "q=%E9%89%84%E9%8B%BC%E8%A9%A6%E6%96%99", "q=%E8%A9%A6%E6%96%99", "q=%E9%8B%BC",
            "q=%E3%82%A4%E3%83%A1%E3%83%BC%E3%82%B8%E3%83%B3%E3%82%B0", "q=%D0%BC%D0%B5%D1%82%D0%B5%D0%BE%D1%80%D0%B8%D1%82",
            "q=%D0%9C%D0%95%D0%A2%D0%95%D0%9E%D0%A0%D0%98%D0%A2", "q=%CE%BA%CE%B5%CF%81%CE%B1%CE%BC%CE%B9%CE%BA%CE%AE",
            "q=%CE%9A%CE%95%CE%A1%CE%91%CE%9C%CE%99%CE%9A%CE%97", "q=%ED%98%84%EB%AF%B8%EA%B2%BD", "q=r%C3%A9sum%C3%A9",
            // Pasted DOIs.
            "q=10.5072%2Fcxidb-minimal", "q=https%3A%2F%2Fdoi.org%2F10.5072%2Fsfx-lysozyme", "q=doi%3A10.5072%2FTOMO-limestone",
            // Filters as a click sets them, as a curator writes them, in any case.
            "technique=coherent+diffraction+imaging", "technique=PaNET01174", "technique=imaging", "instrument=bm05",
            "facility=lcls&keyword=CXI", "q=imaging&facility=ESRF", "q=imaging&facility=ESRF&facility=PETRA+III",
            "keyword=synthetic&technique=tomography",
            // Parameter ranges, in any unit, open either way.
            "param=photon_energy%3A1..2keV", "param=photon_energy%3A1200eV", "param=voxel_size%3A0.5..um",
            "param=voxel_size%3A..0.7um", "param=wavelength%3A..0.2nm", "param=temperature%3A297K..300K",
            "q=imaging&param=photon_energy%3A1..70keV", "param=temperature%3A20..30%C2%B0C",
            // Orders, pages and every value of a facet.
            "sort=released", "sort=id&page=2&size=3", "q=imaging&sort=released&size=2&page=2", "q=imaging&size=2&page=3",
            "all=keyword", "q=imaging&all=keyword&all=technique");

    /** The demo collection and datasets written in other scripts. */
    static Collection collection() {
        List<Dataset> all = new ArrayList<>(DemoCollection.datasets());
        all.add(DemoCollection.dataset("jp-steel", "鉄鋼試料", DemoCollection.SAXS, "J-PARC", "BL19",
                new Sample("鉄鋼", "溶接部の試料"), List.of("鉄鋼", "イメージング"), "CC-BY-4.0", LocalDate.of(2019, 4, 1),
                List.of(DemoCollection.param("temperature", 23, "°C", Provenance.CURATED)),
                "溶接した鉄鋼試料の残留応力をイメージングで測定した。Residual stress in welded steel.", null, FileKind.NONE));
        all.add(DemoCollection.dataset("ru-meteorite", "Метеорит Челябинск", DemoCollection.SAXS, "ESRF", "BM05",
                new Sample("метеорит", "Фрагмент метеорита"), List.of("Метеорит"), "CC-BY-4.0", LocalDate.of(2019, 2, 15),
                List.of(), "Малоугловое рассеяние фрагмента метеорита. Résumé of the scattering.", null, FileKind.NONE));
        all.add(DemoCollection.dataset("gr-pottery", "Αρχαία κεραμική", DemoCollection.SAXS, "Elettra", null,
                new Sample("ΚΕΡΑΜΙΚΗ", null), List.of("κεραμική", "현미경"), "CC0-1.0", LocalDate.of(2019, 2, 15), List.of(),
                "Σκέδαση σε αρχαία κεραμική ΟΔΟΣ. 현미경 관찰.", null, FileKind.NONE));
        return DemoCollection.collection(all);
    }

    @TempDir
    static Path site;
    static StaticFileServer files;
    static SearchIndex index;
    static Javalin api;
    static WebDriver browser;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (System.getenv("VITRINE_REQUIRE_BROWSER") != null) {
            assertTrue(installed, CHROMIUM + " and " + CHROMEDRIVER + " are required (VITRINE_REQUIRE_BROWSER is set)");
        }
        Assumptions.assumeTrue(installed, "Skipping browser tests: chromium or chromedriver is not installed");
        Path root = Path.of(System.getProperty("vitrine.projectRoot"));
        Files.createDirectories(site.resolve("js"));
        Files.createDirectories(site.resolve("css"));
        for (String js : List.of("search.js", "search-static.js", "search-query.js")) {
            Files.copy(root.resolve("site-assets/js/" + js), site.resolve("js/" + js));
        }
        for (String css : List.of("site.css", "search.css")) {
            Files.copy(root.resolve("site-assets/css/" + css), site.resolve("css/" + css));
        }
        Files.createDirectories(SCREENSHOTS);
        List<Dataset> datasets = collection().publicDatasets();
        StaticIndexWriter.write(datasets, DatasetLinks.DEFAULT, site);
        SearchIndexWriter.write(datasets, site.resolve("lucene"), DatasetLinks.DEFAULT);
        index = SearchIndex.open(site.resolve("lucene"));
        api = ApiServer.create(List.of(new SearchRoutes(index)), c -> { }).start("127.0.0.1", 0);
        Files.writeString(site.resolve("search.html"), page(""));
        Files.writeString(site.resolve("api-search.html"), page("http://127.0.0.1:" + api.port()));
        files = new StaticFileServer(site);

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,900", "--user-data-dir=" + Files.createTempDirectory(site, "profile"));
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
                <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Search</title><link rel="stylesheet" href="css/site.css"><link rel="stylesheet" href="css/search.css"></head>
                <body><main><h1>Search</h1>
                <div id="search" data-vitrine-search data-index="search-index/" data-base="./" data-api="%s"></div>
                </main><script type="module" src="js/search.js"></script></body></html>
                """.formatted(apiUrl);
    }

    static WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    /** Opens a page and waits until it shows the results of the request in its URL. */
    static void open(String pathAndQuery) {
        browser.get(files.url(pathAndQuery));
        waitForResults();
    }

    static void waitForResults() {
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

    static void screenshot(String name) throws Exception {
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void theStaticIndexAnswersAsTheApiDoes() throws Exception {
        open("search.html");
        List<String> requests = PARITY;
        @SuppressWarnings("unchecked")
        List<Object> fromBrowser = (List<Object>) ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const requests = arguments[0];
                Promise.all([import('./js/search-static.js'), import('./js/search.js')]).then(async ([s, page]) => {
                  const index = await s.StaticIndex.open(new URL('search-index/', location.href).href);
                  const names = index.schema.facets.map((f) => f.name);
                  const out = [];
                  for (const q of requests) {
                    try {
                      out.push(JSON.stringify(await index.search(page.requestFromUrl('?' + q, names))));
                    } catch (e) {
                      out.push(JSON.stringify({ error: String(e) }));
                    }
                  }
                  done(out);
                }).catch((e) => done([String(e)]));
                """, requests);
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            String q = requests.get(i);
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/api/search?" + q))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), q + ": " + r.body());
            JsonNode remote = JSON.readTree(r.body());
            JsonNode local = JSON.readTree((String) fromBrowser.get(i));
            assertTrue(remote.get("total").asInt() > 0, "request " + q + " finds nothing: not a useful parity case");
            String difference = difference(local, remote);
            if (difference != null) {
                mismatches.add(q + ": " + difference);
            }
        }
        assertEquals(List.of(), mismatches);
    }

    /** Where two answers differ (scores as floats, as the API computes them), or null. */
    static String difference(JsonNode local, JsonNode remote) {
        if (local.has("error")) {
            return local.get("error").asText();
        }
        ObjectNode a = local.deepCopy();
        ObjectNode b = remote.deepCopy();
        for (int i = 0; i < Math.min(a.get("hits").size(), b.get("hits").size()); i++) {
            float sa = (float) a.get("hits").get(i).get("score").asDouble();
            float sb = (float) b.get("hits").get(i).get("score").asDouble();
            if (sa != sb) {
                return "score of hit " + i + ": " + sa + " vs " + sb;
            }
            ((ObjectNode) a.get("hits").get(i)).remove("score");
            ((ObjectNode) b.get("hits").get(i)).remove("score");
        }
        for (String part : List.of("total", "page", "size", "hits", "facets", "more")) {
            if (!a.path(part).equals(b.path(part))) {
                return part + ": browser " + a.path(part) + " vs API " + b.path(part);
            }
        }
        return null;
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
        open("search.html?q=" + URLEncoder.encode("鉄鋼試料", StandardCharsets.UTF_8));
        assertEquals(List.of("jp-steel"), hitIds());
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
    void aFacetCountIsWhatClickingItFinds() {
        open("search.html");
        WebElement cdi = browser.findElement(By.cssSelector("fieldset[data-dim=technique] input[value='coherent diffraction imaging']"));
        assertTrue(cdi.findElement(By.xpath("..")).getText().contains("(3)"));
        cdi.click();
        waitForUrl("technique=coherent");
        assertEquals("3 datasets", status());
    }

    @Test
    void everyActiveFilterIsAChipThatRemovesIt() throws Exception {
        // A range from a link applies visibly, and one click takes it away.
        open("search.html?q=imaging&param=" + URLEncoder.encode("photon_energy:1..2keV", StandardCharsets.UTF_8) + "&instrument=bm05");
        List<String> chips = browser.findElements(By.cssSelector(".search-chip")).stream().map(WebElement::getText).toList();
        assertEquals(List.of("Instrument: bm05 ×", "photon energy: 1..2keV ×"), chips);
        assertEquals(List.of("nexus-tooth"), hitIds());
        browser.findElement(By.cssSelector(".search-chip[aria-label='Remove filter photon energy: 1..2keV']")).click();
        waitForUrl("q=imaging&instrument=bm05");
        assertFalse(browser.getCurrentUrl().contains("param="));
        assertEquals(List.of("nexus-tooth"), hitIds());
        // A filter that finds nothing can be left; a new query keeps the filters, in sight.
        open("search.html?q=imaging&param=" + URLEncoder.encode("voxel_size:20..um", StandardCharsets.UTF_8));
        assertEquals("No datasets match.", status());
        WebElement box = browser.findElement(By.id("search-q"));
        box.sendKeys(Keys.chord(Keys.CONTROL, "a"), "tomography", Keys.ENTER);
        waitForUrl("q=tomography");
        assertEquals("No datasets match.", status());
        assertEquals(1, browser.findElements(By.cssSelector(".search-chip")).size());
        browser.findElement(By.cssSelector(".search-chip")).click();
        waiting().until(d -> !d.getCurrentUrl().contains("param=") && hitIds().size() == 2);
        assertTrue(browser.findElements(By.cssSelector(".search-chip")).isEmpty());
    }

    @Test
    void parameterRangesAreSetInTheirUnits() {
        open("search.html");
        WebElement energy = browser.findElement(By.cssSelector("form.search-range[data-param=photon_energy]"));
        assertEquals("keV", energy.findElement(By.name("unit")).getDomProperty("value"), "the unit curators wrote most");
        energy.findElement(By.name("min")).sendKeys("1");
        energy.findElement(By.name("max")).sendKeys("2");
        energy.findElement(By.cssSelector("button")).click();
        waitForUrl("param=photon_energy%3A1..2keV");
        assertEquals(List.of("cxidb-typical", "nexus-tooth"), hitIds().stream().sorted().toList());
        // Open above, in another unit: 1200 eV and more.
        energy = browser.findElement(By.cssSelector("form.search-range[data-param=photon_energy]"));
        energy.findElement(By.name("max")).clear();
        energy.findElement(By.name("min")).clear();
        energy.findElement(By.name("min")).sendKeys("1200");
        new org.openqa.selenium.support.ui.Select(energy.findElement(By.name("unit"))).selectByVisibleText("eV");
        energy.findElement(By.cssSelector("button")).click();
        waitForUrl("param=photon_energy%3A1200..eV");
        assertEquals(List.of("cxidb-typical", "nexus-tooth", "petra-p25-ptycho", "sfx-lysozyme", "tomo-limestone"),
                hitIds().stream().sorted().toList());
    }

    @Test
    void aFacetShowsEveryValueOnRequest() {
        open("search.html");
        WebElement keywords = browser.findElement(By.cssSelector("fieldset[data-dim=keyword]"));
        assertEquals(8, keywords.findElements(By.cssSelector("input")).size());
        WebElement more = keywords.findElement(By.cssSelector(".search-more"));
        assertTrue(more.getText().matches("Show \\d+ more"), more.getText());
        int hidden = Integer.parseInt(more.getText().replaceAll("\\D", ""));
        more.click();
        waitForUrl("all=keyword");
        assertEquals(8 + hidden, browser.findElements(By.cssSelector("fieldset[data-dim=keyword] input")).size());
        assertEquals("Show fewer", browser.findElement(By.cssSelector("fieldset[data-dim=keyword] .search-more")).getText());
    }

    @Test
    void onAPhoneTheFirstHitIsOnTheFirstScreen() throws Exception {
        try {
            browser.manage().window().setSize(new Dimension(390, 844));
            open("search.html?q=imaging&facility=ESRF");
            assertEquals(390L, ((JavascriptExecutor) browser).executeScript("return window.innerWidth"));
            WebElement filters = browser.findElement(By.cssSelector(".search-filters"));
            assertFalse(filters.getDomProperty("open").equals("true"), "the filters are folded away");
            assertEquals("Filters (1 active)", filters.findElement(By.tagName("summary")).getText());
            Number top = (Number) ((JavascriptExecutor) browser).executeScript(
                    "return document.querySelector('.search-hit').getBoundingClientRect().top");
            assertTrue(top.doubleValue() < 844 / 2.0, "the first hit starts at " + top + " px");
            screenshot("search-phone");
            filters.findElement(By.tagName("summary")).click();
            waiting().until(d -> "true".equals(filters.getDomProperty("open")));
            screenshot("search-phone-filters");
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 900));
        }
        open("search.html?q=imaging&facility=ESRF&param=" + URLEncoder.encode("voxel_size:..1um", StandardCharsets.UTF_8));
        assertEquals("true", browser.findElement(By.cssSelector(".search-filters")).getDomProperty("open"));
        screenshot("search-desktop");
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
        waiting().until(d -> status().startsWith("11 datasets"));
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
        open("api-search.html?q=imaging&instrument=bm05");
        assertEquals(List.of("Instrument: bm05 ×"), browser.findElements(By.cssSelector(".search-chip")).stream().map(WebElement::getText).toList());
        assertEquals(List.of("nexus-tooth"), hitIds());
    }

    @Test
    void completionsMatchTheApis() throws Exception {
        open("search.html");
        List<String> prefixes = List.of("pt", "sie", "Ima", "tomo", "siemens st", "x-r", "lyso", "met", "鉄", "κερ", "phot", "zz");
        @SuppressWarnings("unchecked")
        List<Object> fromBrowser = (List<Object>) ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('./js/search-static.js').then(async (s) => {
                  const index = await s.StaticIndex.open(new URL('search-index/', location.href).href);
                  const out = [];
                  for (const p of arguments[0]) out.push(JSON.stringify(await index.suggest(p, 10)));
                  done(out);
                }).catch((e) => done([String(e)]));
                """, prefixes);
        for (int i = 0; i < prefixes.size(); i++) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/api/suggest?q="
                    + URLEncoder.encode(prefixes.get(i), StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(JSON.readTree(r.body()).get("suggestions"), JSON.readTree((String) fromBrowser.get(i)), prefixes.get(i));
        }
    }

    @Test
    void theDemoContentRanksAlike() throws Exception {
        // The demo collection in content/, with its real files.
        Path root = Path.of(System.getProperty("vitrine.projectRoot"));
        CollectionLoader.Result demo = new CollectionLoader(PaNet.bundled(), new Visibility(LocalDate.now()),
                new FileInspector(new Hdf5Files(4, 64L << 20), null), null).load(root.resolve("content"));
        assertTrue(demo.collection().publicDatasets().size() >= 6, "demo datasets: " + demo.collection().publicDatasets().size());
        Path demoSite = site.resolve("demo");
        StaticIndexWriter.write(demo.collection().publicDatasets(), DatasetLinks.DEFAULT, demoSite);
        SearchIndexWriter.write(demo.collection().publicDatasets(), site.resolve("demo-lucene"), DatasetLinks.DEFAULT);
        List<String> queries = List.of("ptychography", "tomography", "imaging", "cxi", "phantom", "siemens star", "human organs",
                "synthetic", "detector", "hologram", "diffraction", "petra", "\"phase contrast\"", "x-ray", "esrf",
                "facility:esrf", "nexus", "scattering", "resolution", "reconstruction", "ptychografy~", "holo*", "entry_1");
        try (SearchIndex demoIndex = SearchIndex.open(site.resolve("demo-lucene"))) {
            open("search.html");
            @SuppressWarnings("unchecked")
            List<Object> fromBrowser = (List<Object>) ((JavascriptExecutor) browser).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    import('./js/search-static.js').then(async (s) => {
                      const index = await s.StaticIndex.open(new URL('demo/search-index/', location.href).href);
                      const out = [];
                      for (const q of arguments[0]) out.push(JSON.stringify(await index.search({ q, size: 5 })));
                      done(out);
                    }).catch((e) => done([String(e)]));
                    """, queries);
            List<String> mismatches = new ArrayList<>();
            for (int i = 0; i < queries.size(); i++) {
                JsonNode remote = JSON.readTree(SearchResultJson.write(demoIndex.search(new SearchRequest(queries.get(i), Map.of(),
                        List.of(), SearchRequest.Sort.RELEVANCE, 1, 5))));
                assertTrue(remote.get("total").asInt() > 0, queries.get(i) + " finds nothing");
                String difference = difference(JSON.readTree((String) fromBrowser.get(i)), remote);
                if (difference != null) {
                    mismatches.add(queries.get(i) + ": " + difference);
                }
            }
            assertEquals(List.of(), mismatches);
        }
    }
}
