package org.vitrine.generator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import io.javalin.Javalin;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.vitrine.api.ApiServer;
import org.vitrine.core.testing.NeedsTools;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo site's pages in real headless Chromium, on desktop and phone, baked once and served
 * by nginx as GitHub Pages serves a project site (under a path, the site's 404 page for any
 * missing address). Screenshots are kept in {@code generator/target/screenshots/}.
 */
class PagesBrowserTest {

    @TempDir
    static Path tmp;
    static Path site;
    static Chromium chromium;
    static Javalin server;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        chromium = Chromium.start(tmp);
        site = tmp.resolve("site");
        Fixtures.Run run = Fixtures.vitrine("build", "--content", Fixtures.demoContent().toString(), "--out", site.toString());
        assertEquals(0, run.exit(), run.err());
        server = ApiServer.create(List.of(), c -> ViewerBrowserTest.serve(c, site)).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + server.port() + "/";
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    /** The page's top of {@code css}'s first element, in CSS pixels from the top of the page. */
    static double top(String css) {
        return ((Number) chromium.script("return document.querySelector(arguments[0]).getBoundingClientRect().top + scrollY", css)).doubleValue();
    }

    /**
     * What a visitor came for is near the top: how many files, how large, a download button
     * within the first screen, then the viewer; the description and the citation come after.
     */
    @ParameterizedTest
    @EnumSource(Chromium.Screen.class)
    void aDatasetPageOffersItsDataFirst(Chromium.Screen screen) throws Exception {
        chromium.use(screen);
        chromium.consoleErrors();
        chromium.driver().get(base + "datasets/petra-p25-near-field-ptycho/");
        chromium.waiting().until(d -> "ready".equals(d.findElement(By.cssSelector("[data-viewer]")).getDomAttribute("data-state")));
        chromium.screenshot("dataset-petra");
        chromium.fullScreenshot("dataset-petra");
        assertEquals("1 file, 2.76 MB", chromium.driver().findElement(By.cssSelector(".data-summary")).getText());
        WebElement download = chromium.driver().findElement(By.cssSelector("a.button.download"));
        assertEquals(base + "datasets/petra-p25-near-field-ptycho/files/PETRAIII_P25_Near_Field_Ptycho.cxi", download.getDomProperty("href"));
        assertTrue(download.getText().startsWith("Download PETRAIII_P25_Near_Field_Ptycho.cxi"), download.getText());
        double button = top("a.button.download");
        assertTrue(button + 40 < screen.height(), "the download button is on the first screen: " + button);
        double viewer = top(".viewers");
        if (screen == Chromium.Screen.DESKTOP) {
            assertTrue(viewer < screen.height(), "the viewer starts on the first screen: " + viewer);
        }
        assertTrue(top("table.files") < viewer, "files, then the viewer");
        assertTrue(viewer < top(".description") && viewer < top(".cite"), "the description and citation come after the viewer");
        chromium.assertNoConsoleErrors();
    }

    /** A dataset whose data are published elsewhere leads there, with no table of empty cells; no demo page has one. */
    @ParameterizedTest
    @EnumSource(Chromium.Screen.class)
    void aMetadataOnlyDatasetLeadsToItsDataWithoutEmptyCells(Chromium.Screen screen) throws Exception {
        chromium.use(screen);
        chromium.driver().get(base + "datasets/human-organ-atlas-hip-ct/");
        chromium.screenshot("dataset-metadata-only");
        chromium.fullScreenshot("dataset-metadata-only");
        WebElement link = chromium.driver().findElement(By.cssSelector(".data-elsewhere a.button"));
        assertEquals("https://human-organ-atlas.esrf.fr/", link.getDomAttribute("href"));
        assertTrue(top(".data-elsewhere a.button") + 40 < screen.height(), "the way to the data is on the first screen");
        assertTrue(chromium.driver().findElements(By.cssSelector("table.files")).isEmpty(), "no files table");
        for (String id : List.of("petra-p25-near-field-ptycho", "cxi-minimal-example", "cxi-typical-raw-lcls",
                "shepp-logan-phantom-volume", "siemens-star-test-image", "human-organ-atlas-hip-ct")) {
            chromium.driver().get(base + "datasets/" + id + "/");
            Number empty = (Number) chromium.script("return [...document.querySelectorAll('table td')].filter(td => !td.textContent.trim()).length");
            assertEquals(0, empty.intValue(), id + " has empty cells");
        }
    }

    /**
     * A missing address deep under the site finds the site: under the path of its base_url (where
     * it is published), and under any other path, such as a copy of the site elsewhere.
     */
    @ParameterizedTest
    @EnumSource(Chromium.Screen.class)
    @NeedsTools("nginx")
    void theNotFoundPageWorksUnderAnyPath(Chromium.Screen screen) throws Exception {
        try (Nginx nginx = Nginx.serve(site, tmp.resolve("nginx-" + screen.label()), "vitrine", "copy/of/it")) {
            chromium.use(screen);
            for (String prefix : new String[]{"vitrine", "copy/of/it"}) {
                String root = "http://127.0.0.1:" + nginx.port() + "/" + prefix + "/";
                chromium.consoleErrors();
                String missing = root + "datasets/no-such-dataset/files/deeper/still";
                chromium.driver().get(missing);
                PageChecks.assertNotFoundPageLeadsInto(chromium, root);
                if (prefix.equals("vitrine")) {
                    // Where the site is published, nothing is asked for in vain.
                    chromium.assertNoConsoleErrors(missing);
                    chromium.screenshot("404-project-path");
                }
                chromium.driver().findElement(By.cssSelector("#q404")).sendKeys("ptychography\n");
                chromium.waiting().until(d -> d.getCurrentUrl().startsWith(root + "search/?q=ptychography"));
            }
        }
    }
}
