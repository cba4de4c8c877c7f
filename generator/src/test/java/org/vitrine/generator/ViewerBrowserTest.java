package org.vitrine.generator;

import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.vitrine.api.ApiServer;
import org.vitrine.api.h5grove.CollectionResolver;
import org.vitrine.api.h5grove.H5groveOptions;
import org.vitrine.api.h5grove.H5groveRoutes;
import org.vitrine.api.preview.PrecomputedRoutes;
import org.vitrine.api.preview.PreviewFiles;
import org.vitrine.api.preview.TileRoutes;
import org.vitrine.core.hdf5.Hdf5Files;
import org.vitrine.core.model.Collection;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dataset pages' viewers in real headless Chromium, on the demo site baked and served on
 * loopback twice: as a static site (as on GitHub Pages) and with the API that the site names.
 * Each viewer must draw data (not a uniform canvas), change the picture when its slider moves,
 * and log no console errors. Screenshots are kept in {@code target/screenshots/}.
 */
class ViewerBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Fixtures.projectRoot().resolve("generator/target/screenshots");

    static Path tmp;
    static Javalin staticServer;
    /** The same static site under a project path, as GitHub Pages serves https://owner.github.io/repo/. */
    static Javalin projectPathServer;
    static Javalin apiServer;
    static Hdf5Files hdf5;
    static List<AutoCloseable> routes;
    static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (System.getenv("VITRINE_REQUIRE_BROWSER") != null) {
            assertTrue(installed, CHROMIUM + " and " + CHROMEDRIVER + " are required (VITRINE_REQUIRE_BROWSER is set)");
        }
        Assumptions.assumeTrue(installed, "Skipping browser tests: chromium or chromedriver is not installed");
        tmp = Files.createTempDirectory("vitrine-viewers");
        Files.createDirectories(SCREENSHOTS);

        Path staticSite = tmp.resolve("static-site");
        Fixtures.Run run = Fixtures.vitrine("build", "--content", Fixtures.demoContent().toString(), "--out", staticSite.toString());
        assertEquals(0, run.exit(), run.err());
        staticServer = ApiServer.create(List.of(), c -> serve(c, staticSite)).start("127.0.0.1", 0);
        projectPathServer = ApiServer.create(List.of(), c -> c.staticFiles.add(files -> {
            files.hostedPath = "/repo";
            files.directory = staticSite.toString();
            files.location = Location.EXTERNAL;
        })).start("127.0.0.1", 0);

        // The API site names its own server, so it is started (on an empty folder) before the bake.
        Path content = tmp.resolve("content");
        PreviewVolumeBakeTest.copy(Fixtures.demoContent(), content);
        Path apiSite = Files.createDirectories(tmp.resolve("api-site"));
        hdf5 = new Hdf5Files(8, 128L << 20);
        Collection collection = PreviewVolumeBakeTest.load(content, hdf5);
        CollectionResolver resolver = new CollectionResolver(collection, content.resolve("data"));
        PreviewFiles previews = new PreviewFiles(collection, resolver);
        H5groveRoutes h5grove = new H5groveRoutes(resolver, hdf5, H5groveOptions.defaults());
        TileRoutes tiles = new TileRoutes(previews, hdf5, H5groveOptions.defaults());
        PrecomputedRoutes precomputed = new PrecomputedRoutes(previews, hdf5, H5groveOptions.defaults());
        routes = List.of(h5grove, tiles, precomputed);
        apiServer = ApiServer.create(List.of(h5grove, tiles, precomputed), c -> serve(c, apiSite)).start("127.0.0.1", 0);
        Files.writeString(content.resolve("site.yaml"), Files.readString(content.resolve("site.yaml"))
                + "api_url: http://127.0.0.1:" + apiServer.port() + "/\n");
        run = Fixtures.vitrine("build", "--content", content.toString(), "--out", apiSite.toString());
        assertEquals(0, run.exit(), run.err());

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,1400", "--user-data-dir=" + Files.createTempDirectory(tmp, "profile"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().withLogFile(new File(tmp.toFile(), "chromedriver.log")).build();
        browser = new ChromeDriver(service, options);
    }

    static void serve(io.javalin.config.JavalinConfig config, Path site) {
        config.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = site.toString();
            files.location = Location.EXTERNAL;
        });
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (staticServer != null) {
            staticServer.stop();
        }
        if (projectPathServer != null) {
            projectPathServer.stop();
        }
        if (apiServer != null) {
            apiServer.stop();
        }
        if (routes != null) {
            for (AutoCloseable r : routes) {
                r.close();
            }
        }
        if (hdf5 != null) {
            hdf5.close();
        }
    }

    /** Opens a dataset page from the static or the API server and waits for its first viewer to be ready. */
    static WebElement open(String mode, String datasetId) {
        Javalin server = mode.equals("api") ? apiServer : staticServer;
        browser.get("http://127.0.0.1:" + server.port() + "/datasets/" + datasetId + "/");
        waiting().until(d -> {
            String state = d.findElement(By.cssSelector("[data-viewer]")).getDomAttribute("data-state");
            return "ready".equals(state) || "error".equals(state);
        });
        WebElement viewer = browser.findElement(By.cssSelector("[data-viewer]"));
        assertEquals("ready", viewer.getDomAttribute("data-state"), viewer.getText());
        assertEquals(mode, viewer.getDomAttribute("data-source"), "the viewer's data source");
        return viewer;
    }

    static WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    /** Number of distinct colours of a canvas, and a digest of its pixels. */
    @SuppressWarnings("unchecked")
    static List<Object> pixels(WebElement canvas) {
        return (List<Object>) ((JavascriptExecutor) browser).executeScript("""
                const c = arguments[0];
                const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                const colours = new Set();
                let hash = 0;
                for (let i = 0; i < d.length; i += 4) {
                  const rgba = (d[i] << 24) | (d[i + 1] << 16) | (d[i + 2] << 8) | d[i + 3];
                  colours.add(rgba);
                  hash = (Math.imul(hash, 31) + rgba) | 0;
                }
                return [colours.size, hash];""", canvas);
    }

    static void waitForRender(WebElement viewer, String before) {
        waiting().until(d -> !before.equals(viewer.getDomAttribute("data-rendered"))
                && "ready".equals(viewer.getDomAttribute("data-state")));
    }

    static void screenshot(WebElement element, String name) throws Exception {
        Files.write(SCREENSHOTS.resolve(name + ".png"), element.getScreenshotAs(OutputType.BYTES));
    }

    static void assertNoConsoleErrors() {
        List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .filter(e -> !e.getMessage().contains("favicon.ico"))
                .toList();
        assertTrue(errors.isEmpty(), "console errors: " + errors);
    }

    @org.junit.jupiter.api.Test
    void underAProjectPathSearchAndViewersWork() throws Exception {
        String base = "http://127.0.0.1:" + projectPathServer.port() + "/repo/";
        browser.get(base + "search/?q=ptychography");
        waiting().until(d -> !d.findElements(By.cssSelector("#search a[href*='petra-p25-near-field-ptycho']")).isEmpty()
                || d.findElement(By.id("search")).getText().contains("unavailable"));
        WebElement hit = browser.findElement(By.cssSelector("#search a[href*='petra-p25-near-field-ptycho']"));
        screenshot(browser.findElement(By.id("search")), "search-project-path");
        hit.click();
        waiting().until(d -> d.getCurrentUrl().startsWith(base + "datasets/petra-p25-near-field-ptycho/"));
        waiting().until(d -> "ready".equals(d.findElement(By.cssSelector("[data-viewer]")).getDomAttribute("data-state"))
                || "error".equals(d.findElement(By.cssSelector("[data-viewer]")).getDomAttribute("data-state")));
        WebElement viewer = browser.findElement(By.cssSelector("[data-viewer]"));
        assertEquals("ready", viewer.getDomAttribute("data-state"), viewer.getText());
        assertTrue(((Number) pixels(viewer.findElement(By.cssSelector(".viewer-canvas"))).get(0)).intValue() > 20);
        assertNoConsoleErrors();
    }

    @ParameterizedTest
    @ValueSource(strings = {"static", "api"})
    void diffractionFramesShowDataAndTheSliderChangesThem(String mode) throws Exception {
        WebElement viewer = open(mode, "petra-p25-near-field-ptycho");
        WebElement canvas = viewer.findElement(By.cssSelector(".viewer-canvas"));
        List<Object> first = pixels(canvas);
        assertTrue(((Number) first.get(0)).intValue() > 20, "distinct colours: " + first);
        screenshot(viewer, "frames-petra-" + mode);

        // By keyboard: the frame slider takes arrow keys.
        WebElement slider = viewer.findElement(By.cssSelector(".v-frame"));
        String rendered = viewer.getDomAttribute("data-rendered");
        slider.sendKeys(Keys.ARROW_RIGHT);
        waitForRender(viewer, rendered);
        assertEquals("1", slider.getDomProperty("value"));
        assertNotEquals(first.get(1), pixels(canvas).get(1), "the next frame looks different");
        assertTrue(browser.getCurrentUrl().contains("v0.frame=1"), browser.getCurrentUrl());

        // Colormap and scale change the picture at once, without loading anything.
        rendered = viewer.getDomAttribute("data-rendered");
        List<Object> before = pixels(canvas);
        new org.openqa.selenium.support.ui.Select(viewer.findElement(By.cssSelector(".v-cmap"))).selectByValue("gray");
        waitForRender(viewer, rendered);
        assertNotEquals(before.get(1), pixels(canvas).get(1));

        // The read-out names the value under the pointer and, from the CXI geometry, q and resolution.
        new org.openqa.selenium.interactions.Actions(browser).moveToElement(canvas, 40, 30).perform();
        String readout = viewer.findElement(By.cssSelector(".v-readout")).getText();
        assertTrue(readout.matches("x \\d+, y \\d+: .*q .* Å⁻¹, resolution .* Å"), readout);
        // Resolution rings from the CXI geometry are drawn over the frame.
        before = pixels(canvas);
        rendered = viewer.getDomAttribute("data-rendered");
        viewer.findElement(By.cssSelector(".v-rings")).click();
        waitForRender(viewer, rendered);
        assertNotEquals(before.get(1), pixels(canvas).get(1), "rings drawn");
        screenshot(viewer, "frames-petra-gray-rings-" + mode);
        assertNoConsoleErrors();
    }

    @ParameterizedTest
    @ValueSource(strings = {"static", "api"})
    void volumePlanesShowTheOrganAndFollowTheSliders(String mode) throws Exception {
        WebElement viewer = open(mode, "shepp-logan-phantom-volume");
        List<WebElement> planes = viewer.findElements(By.cssSelector(".viewer-canvas"));
        assertEquals(3, planes.size());
        for (WebElement plane : planes) {
            assertTrue(((Number) pixels(plane).get(0)).intValue() > 3, "a plane with data");
        }
        screenshot(viewer, "volume-phantom-" + mode);
        List<Object> xy = pixels(planes.get(0));
        List<Object> xz = pixels(planes.get(1));
        WebElement z = viewer.findElement(By.cssSelector(".v-slice-z"));
        String rendered = viewer.getDomAttribute("data-rendered");
        for (int i = 0; i < 20; i++) {
            z.sendKeys(Keys.ARROW_LEFT);
        }
        waitForRender(viewer, rendered);
        waiting().until(d -> !xy.get(1).equals(pixels(planes.get(0)).get(1)));
        // The xz plane shows the same slice, its crosshair moved.
        assertNotEquals(xz.get(1), pixels(planes.get(1)).get(1));
        String link = viewer.findElement(By.cssSelector(".v-neuroglancer")).getDomAttribute("href");
        assertTrue(link.startsWith("https://neuroglancer-demo.appspot.com/#!"), link);
        String state = java.net.URLDecoder.decode(link.substring(link.indexOf("#!") + 2), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(state.contains(mode.equals("api") ? "precomputed://http://127.0.0.1:" + apiServer.port() + "/api/precomputed/shepp-logan-phantom-volume/"
                : "precomputed://http://127.0.0.1:" + staticServer.port() + "/datasets/shepp-logan-phantom-volume/precomputed/"), state);
        assertTrue(state.contains("\"position\":[64.5,64.5,44.5]"), state);
        screenshot(viewer, "volume-phantom-z44-" + mode);
        assertNoConsoleErrors();
    }

    @ParameterizedTest
    @ValueSource(strings = {"static", "api"})
    void imagesOpenInTheFrameViewer(String mode) throws Exception {
        WebElement viewer = open(mode, "siemens-star-test-image");
        WebElement canvas = viewer.findElement(By.cssSelector(".viewer-canvas"));
        assertTrue(((Number) pixels(canvas).get(0)).intValue() > 20);
        assertFalse(viewer.findElement(By.cssSelector(".v-frame")).isDisplayed(), "one image: nothing to step through");
        WebElement play = viewer.findElement(By.cssSelector(".v-play"));
        assertFalse(play.isDisplayed(), "one image: nothing to play");
        canvas.sendKeys(" ");
        assertEquals("Play", play.getDomProperty("textContent"), "the space key plays nothing either");
        String rendered = viewer.getDomAttribute("data-rendered");
        List<Object> before = pixels(canvas);
        WebElement min = viewer.findElement(By.cssSelector(".v-min"));
        min.clear();
        min.sendKeys("0.5", Keys.TAB);
        waitForRender(viewer, rendered);
        assertNotEquals(before.get(1), pixels(canvas).get(1), "a manual window changes the picture");
        screenshot(viewer, "image-star-" + mode);
        assertNoConsoleErrors();
    }

    /** An NXmx file records its beam centre (7.25, 8.5 of a 16 × 16 frame): profile, rings and q count from there. */
    @org.junit.jupiter.api.Test
    void theFrameViewerCentresOnTheBeamTheFileRecords() throws Exception {
        Path content = Fixtures.newContent(tmp.resolve("beam-content"));
        for (String f : List.of("nxmx_master.h5", "nxmx_data_000001.h5")) {
            Files.copy(org.vitrine.core.testing.Fixtures.file(f), content.resolve("data").resolve(f));
        }
        Fixtures.dataset(content, "nxmx", Fixtures.validDataset("nxmx", """
                files:
                  - path: nxmx_master.h5
                    dataset: /entry/data/data_000001
                    kind: diffraction
                  - path: nxmx_data_000001.h5
                """));
        Path site = tmp.resolve("beam-site");
        Fixtures.Run run = Fixtures.vitrine("build", "--content", content.toString(), "--out", site.toString());
        assertEquals(0, run.exit(), run.err());
        Javalin server = ApiServer.create(List.of(), c -> serve(c, site)).start("127.0.0.1", 0);
        try {
            browser.get("http://127.0.0.1:" + server.port() + "/datasets/nxmx/");
            waiting().until(d -> "ready".equals(d.findElement(By.cssSelector("[data-viewer]")).getDomAttribute("data-state")));
            WebElement viewer = browser.findElement(By.cssSelector("[data-viewer]"));
            assertTrue(viewer.getText().contains("Radial profile (mean by radius from the beam centre)"), viewer.getText());
            assertEquals("7.25,8.5", viewer.getDomAttribute("data-centre"), "the centre the viewer measures from");
            assertNoConsoleErrors();
            WebElement petra = open("static", "petra-p25-near-field-ptycho");
            assertEquals("50,50", petra.getDomAttribute("data-centre"), "no beam centre recorded: the frame's");
            assertTrue(petra.getText().contains("from the frame centre"), petra.getText());
        } finally {
            server.stop();
        }
    }
}
