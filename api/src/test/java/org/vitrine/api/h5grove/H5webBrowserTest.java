package org.vitrine.api.h5grove;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.vitrine.api.ApiServer;
import org.vitrine.core.testing.Fixtures;
import org.vitrine.core.testing.NeedsTools;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real h5web ({@code @h5web/app} from the npm registry, {@code test-clients/h5web/}, bundled
 * here with esbuild) in Debian's Chromium, with its {@code H5GroveProvider} pointed at Vitrine's
 * h5grove API, opening the root and every dataset of every HDF5 fixture and demo file: the app
 * renders, no error is shown (h5web's own error fallback or a crash of the whole app), and image
 * datasets are drawn in a canvas that holds more than one colour.
 */
@NeedsTools(value = {"/usr/bin/chromium", "/usr/bin/chromedriver"}, clients = "h5web")
class H5webBrowserTest {

    private static Path root;
    private static Javalin server;
    private static H5groveRoutes routes;
    private static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        root = Files.createTempDirectory("vitrine-h5web");
        Path app = Files.createDirectories(root.resolve("app"));
        Path client = NeedsTools.Condition.client("h5web");
        run(client, List.of(client.resolve("node_modules/.bin/esbuild").toString(), "src/main.jsx", "--bundle",
                "--outdir=" + app, "--jsx=automatic", "--minify", "--define:process.env.NODE_ENV=\"production\"", "--log-level=warning"));
        Files.copy(client.resolve("src/index.html"), app.resolve("index.html"));

        Path data = Files.createDirectories(root.resolve("data"));
        copyTree(Fixtures.hdf5(), data.resolve("fixtures"));
        copyTree(Path.of(System.getProperty("vitrine.projectRoot")).resolve("content/data"), data.resolve("demo"));
        routes = new H5groveRoutes(new DataRootResolver(data), H5groveOptions.defaults());
        server = ApiServer.create(List.of(routes), c -> c.staticFiles.add(files -> {
            files.hostedPath = "/app";
            files.directory = app.toString();
            files.location = Location.EXTERNAL;
        })).start("127.0.0.1", 0);

        ChromeOptions options = new ChromeOptions();
        options.setBinary(new File("/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,900",
                "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--user-data-dir=" + Files.createTempDirectory(root, "profile"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().withLogFile(root.resolve("chromedriver.log").toFile()).build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.stop();
        }
        if (routes != null) {
            routes.close();
        }
    }

    @TestFactory
    List<DynamicTest> h5webShowsEveryEntityOfEveryFile() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        Path data = root.resolve("data");
        List<String> files;
        try (Stream<Path> s = Files.walk(data)) {
            files = s.filter(p -> p.toString().matches(".*\\.(h5|cxi|nxs)")).map(p -> data.relativize(p).toString()).sorted().toList();
        }
        for (String file : files) {
            JsonNode paths = TestServer.JSON.readTree(new java.net.URL(api() + "/paths?file=" + enc(file)));
            for (JsonNode p : paths) {
                // The root and every dataset: opening one lists every group on its way in the explorer.
                String path = p.asText();
                if (path.equals("/") || "dataset".equals(meta(file, path).path("kind").asText())) {
                    tests.add(DynamicTest.dynamicTest(file + " " + path, () -> shows(file, path)));
                }
            }
        }
        assertTrue(tests.size() > 100, "entities to open: " + tests.size());
        return tests;
    }

    private static String api() {
        return "http://127.0.0.1:" + server.port() + H5groveRoutes.PREFIX;
    }

    private static JsonNode meta(String file, String path) throws Exception {
        return TestServer.JSON.readTree(new java.net.URL(api() + "/meta?file=" + enc(file) + "&path=" + enc(path)));
    }

    private void shows(String file, String path) throws Exception {
        JsonNode meta = meta(file, path);
        browser.get("http://127.0.0.1:" + server.port() + "/app/index.html?api=" + enc(api()) + "&file=" + enc(file)
                + "&path=" + enc(path));
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.pollingEvery(Duration.ofMillis(100));
        // Rendered: the explorer lists the file, nothing is loading any more.
        try {
            wait.until(b -> !b.findElements(By.id("crash")).isEmpty()
                    || (!b.findElements(By.cssSelector("[role=tree], [role=treeitem]")).isEmpty()
                    && b.findElements(By.cssSelector("[data-testid=LoadingEntity]")).isEmpty()
                    && b.findElements(By.xpath("//*[contains(text(), 'Loading')]")).isEmpty()));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("h5web did not render " + path + " of " + file + " within 30 s; the page shows: "
                    + browser.findElement(By.tagName("body")).getText(), e);
        }
        List<WebElement> crash = browser.findElements(By.id("crash"));
        assertTrue(crash.isEmpty(), () -> "the app crashed: " + crash.get(0).getText());
        List<WebElement> errors = browser.findElements(By.cssSelector("[class*=_error_], [class*=_detailedError_]"));
        assertTrue(errors.isEmpty(), () -> "h5web shows an error: " + errors.get(0).getText());
        if (isImage(meta)) {
            WebElement canvas = wait.until(b -> b.findElements(By.cssSelector("canvas")).stream().findFirst().orElse(null));
            wait.until(b -> colours(canvas) > 1);
            assertTrue(colours(canvas) > 1, "the image is drawn");
        }
    }

    /** Numeric data of two or more dimensions, which h5web shows as a heatmap by default. */
    private static boolean isImage(JsonNode meta) {
        if (!"dataset".equals(meta.path("kind").asText()) || !meta.get("shape").isArray()) {
            return false;
        }
        int cls = meta.get("type").get("class").asInt();
        int n = meta.get("shape").size();
        return (cls == 0 || cls == 1) && n >= 2 && meta.get("shape").get(n - 1).asLong() > 1 && meta.get("shape").get(n - 2).asLong() > 1;
    }

    /** How many colours the canvas shows on screen (a screenshot: WebGL canvases keep no pixels to read). */
    private static int colours(WebElement canvas) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(canvas.getScreenshotAs(OutputType.BYTES)));
            Set<Integer> seen = new HashSet<>();
            for (int y = 0; y < image.getHeight(); y += 3) {
                for (int x = 0; x < image.getWidth(); x += 3) {
                    seen.add(image.getRGB(x, y));
                }
            }
            return seen.size();
        } catch (Exception e) {
            return 0;
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static void run(Path dir, List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "esbuild finished");
        assertEquals(0, p.exitValue(), out);
    }
}
