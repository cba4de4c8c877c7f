package org.vitrine.generator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.vitrine.core.testing.NeedsTools;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

    @BeforeAll
    static void start() throws Exception {
        chromium = Chromium.start(tmp);
        site = tmp.resolve("site");
        Fixtures.Run run = Fixtures.vitrine("build", "--content", Fixtures.demoContent().toString(), "--out", site.toString());
        assertEquals(0, run.exit(), run.err());
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
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
