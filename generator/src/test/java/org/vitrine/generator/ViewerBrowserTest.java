package org.vitrine.generator;

import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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

    static Path tmp;
    static Javalin staticServer;
    /** The same static site under a project path, as GitHub Pages serves https://owner.github.io/repo/. */
    static Javalin projectPathServer;
    static Javalin apiServer;
    static Hdf5Files hdf5;
    static List<AutoCloseable> routes;
    static Chromium chromium;
    static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        tmp = Files.createTempDirectory("vitrine-viewers");
        chromium = Chromium.start(tmp);
        browser = chromium.driver();

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
        if (chromium != null) {
            chromium.close();
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
        return openAt(mode, "http://127.0.0.1:" + server.port() + "/datasets/" + datasetId + "/");
    }

    /** Opens a dataset page by its address and waits for its first viewer, which reads from {@code mode}. */
    static WebElement openAt(String mode, String url) {
        browser.get(url);
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
        return chromium.waiting();
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
        chromium.screenshot(element, name);
    }

    static void assertNoConsoleErrors() {
        chromium.assertNoConsoleErrors();
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
        // The slider and the status line name the frame alike.
        assertEquals("Frame 1 of 200", slider.findElement(By.xpath("./..")).getText());
        assertTrue(viewer.findElement(By.cssSelector(".viewer-status")).getText().startsWith("Frame 1 of 200 · "),
                viewer.findElement(By.cssSelector(".viewer-status")).getText());

        // Colormap and scale change the picture at once, without loading anything.
        rendered = viewer.getDomAttribute("data-rendered");
        List<Object> before = pixels(canvas);
        new org.openqa.selenium.support.ui.Select(viewer.findElement(By.cssSelector(".v-cmap"))).selectByValue("gray");
        waitForRender(viewer, rendered);
        assertNotEquals(before.get(1), pixels(canvas).get(1));

        // Near-field holograms (the curator's far_field: false): the read-out names the value under
        // the pointer, and nothing offers q, resolution, rings or a radial profile, though the file
        // has a wavelength, a detector distance and a pixel size.
        new org.openqa.selenium.interactions.Actions(browser).moveToElement(canvas, 40, 30).perform();
        String readout = viewer.findElement(By.cssSelector(".v-readout")).getText();
        assertTrue(readout.matches("x \\d+, y \\d+: [^;]+"), readout);
        assertFalse(viewer.findElement(By.cssSelector(".v-rings")).isDisplayed(), "no resolution rings");
        assertTrue(viewer.findElements(By.cssSelector(".v-profile")).isEmpty(), "no radial profile");

        // The histogram's axis names its lowest, middle and highest values.
        double[] axis = viewer.findElements(By.cssSelector(".v-histogram-axis span")).stream()
                .mapToDouble(t -> Double.parseDouble(t.getText())).toArray();
        assertEquals(3, axis.length);
        assertTrue(axis[0] < axis[1] && axis[1] < axis[2], java.util.Arrays.toString(axis));

        // How to move around is written beside the frame, and the zoom buttons work.
        assertTrue(viewer.findElement(By.cssSelector(".hint-pointer")).isDisplayed());
        assertFalse(viewer.findElement(By.cssSelector(".hint-touch")).isDisplayed());
        rendered = viewer.getDomAttribute("data-rendered");
        viewer.findElement(By.cssSelector(".v-zoom-in")).click();
        assertEquals("1.5", canvas.getDomAttribute("data-zoom"));
        screenshot(viewer, "frames-petra-gray-zoomed-" + mode);
        viewer.findElement(By.cssSelector(".v-zoom-reset")).click();
        assertEquals("1", canvas.getDomAttribute("data-zoom"));
        assertNoConsoleErrors();
    }

    /**
     * Far-field frames (ptychography is a scattering technique in PaNET) get q and resolution
     * read-outs and resolution rings; frames of an imaging technique, or a far_field: false file
     * of a scattering one, get none, whatever geometry they have.
     */
    @org.junit.jupiter.api.Test
    void qResolutionAndRingsWhereTheFramesAreFarField() throws Exception {
        Path content = Fixtures.newContent(tmp.resolve("far-field-content"));
        Files.copy(Fixtures.demoContent().resolve("data/petra-p25/PETRAIII_P25_Near_Field_Ptycho.cxi"), content.resolve("data/frames.cxi"));
        for (String[] d : new String[][]{{"far", "PaNET01212", ""}, {"near", "PaNET01212", ", far_field: false"},
                {"imaging", "PaNET01285", ""}}) {
            Fixtures.dataset(content, d[0], Fixtures.validDataset(d[0], """
                    files:
                      - path: frames.cxi
                        dataset: /entry_1/data_1/data
                        kind: diffraction
                        preview: {frame: 0%s}
                    """.formatted(d[2])).replace("technique: PaNET01212", "technique: " + d[1]));
        }
        Path site = tmp.resolve("far-field-site");
        Fixtures.Run run = Fixtures.vitrine("build", "--content", content.toString(), "--out", site.toString());
        assertEquals(0, run.exit(), run.err());
        Javalin server = ApiServer.create(List.of(), c -> serve(c, site)).start("127.0.0.1", 0);
        try {
            String base = "http://127.0.0.1:" + server.port() + "/datasets/";
            WebElement viewer = openAt("static", base + "far/");
            WebElement canvas = viewer.findElement(By.cssSelector(".viewer-canvas"));
            new org.openqa.selenium.interactions.Actions(browser).moveToElement(canvas, 40, 30).perform();
            String readout = viewer.findElement(By.cssSelector(".v-readout")).getText();
            assertTrue(readout.matches("x \\d+, y \\d+: .*q .* Å⁻¹, resolution .* Å"), readout);
            assertTrue(viewer.findElement(By.cssSelector(".v-profile")).isDisplayed());
            List<Object> before = pixels(canvas);
            String rendered = viewer.getDomAttribute("data-rendered");
            viewer.findElement(By.cssSelector(".v-rings")).click();
            waitForRender(viewer, rendered);
            assertNotEquals(before.get(1), pixels(canvas).get(1), "rings drawn");
            screenshot(viewer, "frames-far-field-rings");

            for (String id : List.of("near", "imaging")) {
                viewer = openAt("static", base + id + "/");
                new org.openqa.selenium.interactions.Actions(browser).moveToElement(viewer.findElement(By.cssSelector(".viewer-canvas")), 40, 30).perform();
                readout = viewer.findElement(By.cssSelector(".v-readout")).getText();
                assertFalse(readout.contains("q "), id + ": " + readout);
                assertFalse(viewer.findElement(By.cssSelector(".v-rings")).isDisplayed(), id);
            }
            assertNoConsoleErrors();
        } finally {
            server.stop();
        }
    }

    /**
     * On a phone, a swipe over a viewer scrolls the page; two fingers pinch the view, not the
     * page; the zoom buttons are there and work, and the hint speaks of fingers.
     */
    @org.junit.jupiter.api.Test
    void onAPhoneASwipeScrollsAndPinchAndButtonsZoom() throws Exception {
        chromium.use(Chromium.Screen.PHONE);
        try {
            WebElement viewer = open("static", "petra-p25-near-field-ptycho");
            WebElement canvas = viewer.findElement(By.cssSelector(".viewer-canvas"));
            chromium.script("window.scrollTo(0, arguments[0].getBoundingClientRect().top + window.scrollY - 150)", canvas);
            chromium.screenshot("frames-petra");
            long top = ((Number) chromium.script("return window.scrollY")).longValue();
            @SuppressWarnings("unchecked")
            List<Number> centre = (List<Number>) chromium.script(
                    "const r = arguments[0].getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]", canvas);
            touch(List.of(List.of(centre.get(0).intValue(), centre.get(1).intValue())),
                    List.of(List.of(centre.get(0).intValue(), centre.get(1).intValue() - 250)));
            waiting().until(d -> ((Number) chromium.script("return window.scrollY")).longValue() > top + 150);
            assertEquals("1", canvas.getDomAttribute("data-zoom"), "a swipe does not move the view");

            // Once the swipe's fling has come to rest.
            chromium.script("""
                    return new Promise((done) => {
                      let last = -1;
                      const still = setInterval(() => { if (scrollY === last) { clearInterval(still); done(); } last = scrollY; }, 200);
                    })""");
            chromium.script("arguments[0].scrollIntoView({block: 'center'})", canvas);
            @SuppressWarnings("unchecked")
            List<Number> middle = (List<Number>) chromium.script(
                    "const r = arguments[0].getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]", canvas);
            int x = middle.get(0).intValue();
            int y = middle.get(1).intValue();
            long scrolled = ((Number) chromium.script("return window.scrollY")).longValue();
            touch(List.of(List.of(x - 30, y - 10), List.of(x + 30, y + 10)), List.of(List.of(x - 90, y - 40), List.of(x + 90, y + 20)));
            double zoom = Double.parseDouble(canvas.getDomAttribute("data-zoom"));
            assertTrue(zoom > 2, "pinched to " + zoom);
            assertEquals(1.0, ((Number) chromium.script("return visualViewport.scale")).doubleValue(), 1e-9, "the page itself is not zoomed");
            assertEquals(scrolled, ((Number) chromium.script("return window.scrollY")).longValue(), "nor scrolled");
            chromium.screenshot("frames-petra-pinched");

            WebElement zoomOut = viewer.findElement(By.cssSelector(".v-zoom-out"));
            assertTrue(zoomOut.isDisplayed());
            zoomOut.click();
            assertEquals(zoom / 1.5, Double.parseDouble(canvas.getDomAttribute("data-zoom")), 1e-9);
            viewer.findElement(By.cssSelector(".v-zoom-reset")).click();
            assertEquals("1", canvas.getDomAttribute("data-zoom"));
            assertTrue(viewer.findElement(By.cssSelector(".hint-touch")).isDisplayed());
            assertFalse(viewer.findElement(By.cssSelector(".hint-pointer")).isDisplayed());
            assertTrue(((Number) chromium.script("return document.documentElement.scrollWidth")).intValue() <= 390,
                    "nothing wider than the phone");

            WebElement volume = open("static", "shepp-logan-phantom-volume");
            chromium.script("arguments[0].scrollIntoView()", volume);
            chromium.screenshot("volume-phantom");
            assertNoConsoleErrors();
        } finally {
            chromium.use(Chromium.Screen.DESKTOP);
        }
    }

    /**
     * Fingers on the touch screen: each starts at its point of {@code from} and moves, in ten
     * steps, to its point of {@code to}, then all are lifted. Sent as the device's touch events, so
     * the page's touch-action and the browser's gestures (scrolling, zooming) apply.
     */
    static void touch(List<List<Integer>> from, List<List<Integer>> to) throws InterruptedException {
        java.util.function.IntFunction<List<Map<String, Object>>> at = step -> java.util.stream.IntStream.range(0, from.size())
                .mapToObj(i -> Map.<String, Object>of("id", i,
                        "x", from.get(i).get(0) + (to.get(i).get(0) - from.get(i).get(0)) * step / 10,
                        "y", from.get(i).get(1) + (to.get(i).get(1) - from.get(i).get(1)) * step / 10))
                .toList();
        chromium.driver().executeCdpCommand("Input.dispatchTouchEvent", Map.of("type", "touchStart", "touchPoints", at.apply(0)));
        for (int step = 1; step <= 10; step++) {
            chromium.driver().executeCdpCommand("Input.dispatchTouchEvent", Map.of("type", "touchMove", "touchPoints", at.apply(step)));
        }
        chromium.driver().executeCdpCommand("Input.dispatchTouchEvent", Map.of("type", "touchEnd", "touchPoints", List.of()));
        // Let the page handle what it was sent.
        chromium.script("return new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))");
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
            // Its radial profile is not shown (near-field frames), but says what it would measure from.
            String caption = petra.findElement(By.xpath(".//p[contains(., 'Radial profile')]")).getAttribute("textContent");
            assertTrue(caption.contains("from the frame centre"), caption);
        } finally {
            server.stop();
        }
    }
}
