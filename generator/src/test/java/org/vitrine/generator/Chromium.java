package org.vitrine.generator;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Debian's headless Chromium driven through chromedriver, as a visitor's browser on a desktop
 * (1280×900) or a phone (390×844, touch). Screenshots are kept in {@code generator/target/screenshots/}
 * for people to look at. Tests that need it are skipped where it is not installed, unless
 * {@code VITRINE_REQUIRE_BROWSER} is set (as in CI).
 */
public final class Chromium implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    public static final Path SCREENSHOTS = Fixtures.projectRoot().resolve("generator/target/screenshots");

    /** A screen the pages are looked at on. */
    public enum Screen {
        DESKTOP(1280, 900, 1, false),
        PHONE(390, 844, 2, true);

        final int width;
        final int height;
        final double pixelRatio;
        final boolean touch;

        Screen(int width, int height, double pixelRatio, boolean touch) {
            this.width = width;
            this.height = height;
            this.pixelRatio = pixelRatio;
            this.touch = touch;
        }

        public int height() {
            return height;
        }

        /** "desktop" or "phone", for screenshot names. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final ChromeDriver driver;
    private Screen screen = Screen.DESKTOP;

    private Chromium(ChromeDriver driver) {
        this.driver = driver;
    }

    /**
     * Starts a browser with its profile and log under {@code tmp}, and any further command-line
     * {@code arguments}, or skips the test where Chromium is missing.
     */
    public static Chromium start(Path tmp, String... arguments) throws IOException {
        boolean installed = Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
        if (System.getenv("VITRINE_REQUIRE_BROWSER") != null) {
            assertTrue(installed, BINARY + " and " + DRIVER + " are required (VITRINE_REQUIRE_BROWSER is set)");
        }
        Assumptions.assumeTrue(installed, "Skipping browser tests: chromium or chromedriver is not installed");
        Files.createDirectories(SCREENSHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--hide-scrollbars", "--window-size=1280,900", "--user-data-dir=" + Files.createTempDirectory(tmp, "profile"));
        options.addArguments(arguments);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().withLogFile(new File(tmp.toFile(), "chromedriver.log")).build();
        Chromium browser = new Chromium(new ChromeDriver(service, options));
        browser.use(Screen.DESKTOP);
        return browser;
    }

    public ChromeDriver driver() {
        return driver;
    }

    public Screen screen() {
        return screen;
    }

    /** Looks at pages on {@code s} from now on (the next page loaded is laid out for it). */
    public void use(Screen s) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", s.width, "height", s.height,
                "deviceScaleFactor", s.pixelRatio, "mobile", s.touch));
        driver.executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", s.touch, "maxTouchPoints", s.touch ? 5 : 1));
        screen = s;
    }

    public WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    public Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** What the visitor sees of the page, saved as {@code <name>-<screen>.png}. */
    public void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + "-" + screen.label() + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    /** The whole page, top to bottom, saved as {@code <name>-<screen>-full.png}. */
    public void fullScreenshot(String name) throws IOException {
        Number height = (Number) script("return document.documentElement.scrollHeight");
        capture(Map.of("x", 0, "y", 0, "width", screen.width, "height", height.intValue(), "scale", 1),
                name + "-" + screen.label() + "-full");
    }

    /** An element, whole even where it reaches beyond the window, saved as {@code <name>.png}. */
    @SuppressWarnings("unchecked")
    public void screenshot(WebElement element, String name) throws IOException {
        Map<String, Object> box = (Map<String, Object>) script("""
                const r = arguments[0].getBoundingClientRect();
                return {x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height, scale: 1}""", element);
        capture(box, name);
    }

    private void capture(Map<String, Object> clip, String name) throws IOException {
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("captureBeyondViewport", true, "clip", clip));
        Files.write(SCREENSHOTS.resolve(name + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
    }

    /** The console's errors since it was last asked (a missing favicon is one). */
    public List<LogEntry> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .toList();
    }

    /** Asserts the console has no errors but those about {@code expected} addresses (such as a 404 page's own). */
    public void assertNoConsoleErrors(String... expected) {
        List<LogEntry> errors = consoleErrors().stream()
                .filter(e -> java.util.Arrays.stream(expected).noneMatch(url -> e.getMessage().startsWith(url + " ")))
                .toList();
        assertTrue(errors.isEmpty(), "console errors: " + errors);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
