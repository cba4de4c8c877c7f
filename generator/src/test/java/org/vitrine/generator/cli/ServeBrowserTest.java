package org.vitrine.generator.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.vitrine.generator.Chromium;
import org.vitrine.generator.Fixtures;
import org.vitrine.generator.PageChecks;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code vitrine serve} as a visitor's browser meets it: the demo site, served on loopback, read
 * from another origin (as the "Open in Neuroglancer" link's viewer reads the preview volumes),
 * its files typed, no request of a first visit missing, and a missing page answered by the site's
 * own 404 page, styled and leading back into the site, on desktop and phone.
 */
class ServeBrowserTest {

    @TempDir
    static Path tmp;
    static ServeCommand.Running server;
    static Chromium chromium;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        System.setProperty("vitrine.home", Fixtures.projectRoot().toString());
        ContentOptions options = new ContentOptions();
        options.content = Fixtures.demoContent();
        StringWriter err = new StringWriter();
        server = ServeCommand.start(options, tmp.resolve("site"), "127.0.0.1", 0, null, false,
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertNotNull(server, err.toString());
        base = "http://127.0.0.1:" + server.port() + "/";
        chromium = Chromium.start(tmp);
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static HttpResponse<byte[]> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).header("Origin", "https://example.org").build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void hdf5FilesAreServedAsHdf5AndEveryFileToAnyOrigin() throws Exception {
        for (String file : List.of("petra-p25-near-field-ptycho/files/PETRAIII_P25_Near_Field_Ptycho.cxi",
                "siemens-star-test-image/files/siemens-star-512.nxs", "shepp-logan-phantom-volume/files/shepp-logan-phantom-128.h5")) {
            HttpResponse<byte[]> r = get(base + "datasets/" + file);
            assertEquals(200, r.statusCode(), file);
            assertEquals("application/x-hdf5", r.headers().firstValue("Content-Type").orElse(""), file);
            assertEquals("*", r.headers().firstValue("Access-Control-Allow-Origin").orElse(""), file);
        }
        HttpResponse<byte[]> info = get(base + "datasets/shepp-logan-phantom-volume/precomputed/shepp-logan-phantom-128.h5/info");
        assertEquals(200, info.statusCode());
        assertEquals("*", info.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
    }

    @Test
    void aViewerOfAnotherOriginReadsTheBakedVolumes() {
        // localhost and 127.0.0.1 are different origins to the browser, as Neuroglancer's site and this one are.
        chromium.use(Chromium.Screen.DESKTOP);
        chromium.driver().get("http://localhost:" + server.port() + "/");
        String volume = base + "datasets/shepp-logan-phantom-volume/precomputed/shepp-logan-phantom-128.h5/";
        Object answer = chromium.driver().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                (async () => {
                  const info = await (await fetch(arguments[0] + 'info')).json();
                  const s = info.scales[info.scales.length - 1];
                  const [cx, cy, cz] = s.chunk_sizes[0];
                  const r = (c, n) => `0-${Math.min(c, n)}`;
                  const chunk = await fetch(arguments[0] + `${s.key}/${r(cx, s.size[0])}_${r(cy, s.size[1])}_${r(cz, s.size[2])}`);
                  return `${info.type} ${chunk.status} ${(await chunk.arrayBuffer()).byteLength}`;
                })().then(done, (e) => done('refused: ' + e.message));""", volume);
        assertTrue(String.valueOf(answer).matches("image 200 [1-9]\\d*"), String.valueOf(answer));
    }

    @ParameterizedTest
    @EnumSource(Chromium.Screen.class)
    void aFirstVisitFindsEverythingItAsksFor(Chromium.Screen screen) throws Exception {
        chromium.use(screen);
        chromium.consoleErrors();
        chromium.driver().get(base + "index.html");
        chromium.waiting().until(d -> "complete".equals(chromium.script("return document.readyState")));
        // The page names its icon, which is there; without one, the browser asks for /favicon.ico in vain.
        Object icon = chromium.driver().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const link = document.querySelector('link[rel=icon]');
                if (!link) done('no icon named');
                else fetch(link.href).then((r) => done(`${r.status} ${r.headers.get('Content-Type')}`), (e) => done(e.message));""");
        assertEquals("200 image/svg+xml", icon);
        // The browser asks for the icon once the page has loaded.
        Thread.sleep(1000);
        chromium.assertNoConsoleErrors();
    }

    @ParameterizedTest
    @EnumSource(Chromium.Screen.class)
    void aMissingPageIsTheSitesOwn404PageLeadingBackIn(Chromium.Screen screen) throws Exception {
        assertEquals(404, get(base + "datasets/no-such-dataset/files/deeper/").statusCode());
        chromium.use(screen);
        chromium.driver().get(base + "datasets/no-such-dataset/files/deeper/");
        PageChecks.assertNotFoundPageLeadsInto(chromium, base);
        chromium.screenshot("404-serve");
        chromium.consoleErrors();
        chromium.driver().findElement(By.linkText("Browse all datasets")).click();
        chromium.waiting().until(d -> d.getCurrentUrl().equals(base + "datasets/"));
        assertNotEquals("Page not found", chromium.driver().findElement(By.tagName("h1")).getText());
        chromium.assertNoConsoleErrors();
    }
}
