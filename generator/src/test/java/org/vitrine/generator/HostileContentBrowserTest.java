package org.vitrine.generator;

import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.vitrine.api.ApiServer;
import org.vitrine.generator.site.MarkdownSafetyTest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A site built from hostile content — script in every field a template prints, in site
 * settings, file names and roles, JSON-LD, a content page and markdown bodies holding the XSS
 * corpus of {@link MarkdownSafetyTest} — opened in Chromium, at desktop and phone sizes, on
 * every page the site links to, pointing at, focusing and clicking every link and button. A hook
 * installed before any page script records every call of {@code alert}, {@code confirm},
 * {@code prompt} and {@code print} (what each payload calls) and, as the pages are served with a
 * report-only Content Security Policy that allows only the site's own script files, every inline
 * script, event handler or {@code javascript:} address the browser is about to run, whatever it
 * does. Each page's DOM, as the browser built it, must also hold no event-handler attribute and
 * no address with a scheme other than http(s) and mailto. Any of these fails the test.
 *
 * <p>Clicking a link to an http(s) address runs the page's click handlers and then goes nowhere:
 * the hook stops that one navigation, since the site's own pages are visited anyway and other
 * hosts are not the site; {@code javascript:} and other addresses are followed.
 */
class HostileContentBrowserTest {

    /** Runs in every document before its own scripts. */
    private static final String HOOK = """
            (() => {
              const record = (how, what) => {
                const entry = how + ': ' + String(what).slice(0, 160) + ' at ' + location.href;
                try {
                  const all = JSON.parse(localStorage.getItem('vitrine-ran') || '[]');
                  all.push(entry);
                  localStorage.setItem('vitrine-ran', JSON.stringify(all));
                } catch (e) {
                  (top.vitrineRan = top.vitrineRan || []).push(entry);
                }
              };
              for (const name of ['alert', 'confirm', 'prompt', 'print']) {
                window[name] = (what) => { record(name, what); return null; };
              }
              document.addEventListener('securitypolicyviolation',
                (e) => record('script not from the site (' + e.violatedDirective + ')', e.blockedURI + ' ' + e.sample), true);
              const web = (address) => { try { return /^https?:$/.test(new URL(address, location.href).protocol); } catch (e) { return false; } };
              window.addEventListener('click', (e) => {
                const link = e.target.closest && e.target.closest('a[href], area[href]');
                if (link && web(link.href)) e.preventDefault();
              });
              window.addEventListener('submit', (e) => { if (web(e.target.action)) e.preventDefault(); });
            })();""";
    private static final String CLICKABLE = "a[href], area[href], button, input[type=submit], input[type=button], summary, [onclick]";

    static Path tmp;
    static Javalin server;
    static Chromium chromium;
    static ChromeDriver browser;
    static String origin;
    static List<String> pages;

    @BeforeAll
    static void start() throws Exception {
        tmp = Files.createTempDirectory("vitrine-hostile");
        // Other hosts fail at once rather than wait for a network this test does not use.
        chromium = Chromium.start(tmp, "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1");
        browser = chromium.driver();
        Path content = hostileContent(tmp.resolve("content"));
        Path site = tmp.resolve("site");
        Fixtures.Run run = Fixtures.vitrine("build", "--content", content.toString(), "--out", site.toString());
        assertEquals(0, run.exit(), run.out() + run.err());
        String ownInlineScripts = inlineScriptHashes(site.resolve("404.html"));
        server = ApiServer.create(List.of(), c -> c.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = site.toString();
            files.location = Location.EXTERNAL;
            // The site's own script files, from here or from its base_url (the 404 page, served at
            // any address, names them by it).
            // The 404 page's own inline script, which finds the site's root, is the site's too.
            files.headers = Map.of("Content-Security-Policy-Report-Only",
                    "script-src 'self' https://example.org/atlas/ " + ownInlineScripts);
        })).start("127.0.0.1", 0);
        origin = "http://127.0.0.1:" + server.port() + "/";
        browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", HOOK));
        pages = crawl();
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

    /** CSP sources of the inline scripts a page of the site's own templates holds: {@code 'sha256-…'} each. */
    static String inlineScriptHashes(Path page) throws Exception {
        List<String> hashes = new ArrayList<>();
        for (org.jsoup.nodes.Element script : org.jsoup.Jsoup.parse(page.toFile()).select("script:not([src])")) {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(script.data().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            hashes.add("'sha256-" + java.util.Base64.getEncoder().encodeToString(digest) + "'");
        }
        return String.join(" ", hashes);
    }

    /** Content with script in every value a page, feed or export prints that the checks let through. */
    static Path hostileContent(Path dir) throws Exception {
        Path content = Fixtures.newContent(dir);
        Files.writeString(content.resolve("site.yaml"), """
                title: "<img src=x onerror=alert('site-title')>Atlas</title><script>alert('site-title-2')</script>"
                description: "</script><script>alert('site-description')</script>"
                base_url: https://example.org/atlas/
                facility: "\\"><svg onload=alert('site-facility')>"
                publisher: "<script>alert('publisher')</script>"
                contact: "curator@example.org?subject=\\"><script>alert('contact')</script>"
                license: CC-BY-4.0
                """);
        Files.copy(Fixtures.demoContent().resolve("data/cxidb/minimal.cxi"), content.resolve("data/minimal.cxi"));
        Files.copy(Fixtures.demoContent().resolve("data/synthetic/siemens-star-512.nxs"), content.resolve("data/star.nxs"));
        String corpus = String.join("\n\n", MarkdownSafetyTest.hostile());
        Fixtures.dataset(content, "hostile", """
                ---
                id: hostile
                title: "</script><script>alert('title')</script><!-- <img src=x onerror=alert('title-2')>"
                doi: "10.1234/<script>alert(1)</script>"
                authors:
                  - name: "<img src=x onerror=alert('author')> Lovelace"
                    orcid: 0000-0002-1825-0097
                    affiliation: "\\"><svg onload=alert('affiliation')>"
                    role: "<iframe srcdoc='<script>alert(1)</script>'></iframe>"
                  - name: "javascript:alert('organization')"
                    type: organization
                released: 2024-05-01
                technique: PaNET01212
                facility: "<svg><script>alert('facility')</script></svg>"
                instrument: "' onmouseover='alert(1)' x='"
                sample: {name: "<img src=x onerror=alert('sample')>", description: "</textarea><script>alert('sample-2')</script>"}
                keywords: ["<img src=x onerror=alert('keyword')>", "javascript:alert('keyword-2')", "\\"><script>alert('kw3')</script>"]
                parameters:
                  "<img src=x onerror=alert('parameter')>": "1 <b onmouseover=alert('unit')>keV"
                related:
                  - doi: "10.1234/<script>alert(2)</script>"
                    citation: "<a href=javascript:alert('citation')>paper</a>"
                files:
                  - path: minimal.cxi
                    name: "x' onclick='alert(1)' y.cxi"
                    role: "<img src=x onerror=alert('role')>"
                  - url: "https://example.org/%3Cscript%3Ealert('url')%3C/script%3E.h5"
                    role: linked
                  - path: star.nxs
                    name: "star' onerror='alert(1).nxs"
                    kind: image
                    dataset: /entry/data/image
                ---
                """ + corpus + "\n");
        // The vectors that spell neither markup nor a scheme's name where a look at the text
        // would see them ("javascript\\:"), in a body of their own.
        Fixtures.dataset(content, "escaped", Fixtures.validDataset("escaped", "") + "\n" + String.join("\n\n",
                MarkdownSafetyTest.hostile().stream().filter(v -> !v.matches("(?is).*(<|&|script:|data:).*")).toList()) + "\n");
        Fixtures.dataset(content, "json-ld", Fixtures.validDataset("json-ld", "")
                .replace("title: Test dataset json-ld", "title: \"</script><script>alert('json-ld')</script><!--\"")
                + "\n<!--<script>alert('comment')</script>-->\n");
        Files.writeString(content.resolve("pages/notes.md"), "---\ntitle: \"<script>alert('page-title')</script>\"\n---\n"
                + corpus + "\n");
        return content;
    }

    /** Every page the site links to from its home page, by address, plus the search page asked for hostile text. */
    static List<String> crawl() {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> queue = new ArrayDeque<>(List.of(origin + "index.html", origin + "404.html",
                origin + "search/?q=alert", origin + "search/?q=%3Cimg+src%3Dx+onerror%3Dalert(1)%3E&keyword=%22%3E%3Cscript%3E"));
        while (!queue.isEmpty() && seen.size() < 100) {
            String page = queue.poll();
            if (!seen.add(page)) {
                continue;
            }
            browser.get(page);
            @SuppressWarnings("unchecked")
            List<String> links = (List<String>) browser.executeScript(
                    "return [...document.querySelectorAll('a[href]')].map(a => a.href.split('#')[0]);");
            for (String link : links) {
                if (link.startsWith(origin) && (link.endsWith("/") || link.endsWith(".html")) && !seen.contains(link)) {
                    queue.add(link);
                }
            }
        }
        return List.copyOf(seen);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1280x900", "390x844"})
    void noScriptRunsOnAnyPageNorOnAnyClick(String size) {
        String[] wh = size.split("x");
        browser.manage().window().setSize(new Dimension(Integer.parseInt(wh[0]), Integer.parseInt(wh[1])));
        assertTrue(pages.size() >= 15 && pages.containsAll(List.of(origin + "datasets/hostile/", origin + "datasets/escaped/",
                origin + "notes/")), "pages: " + pages);
        List<String> found = new ArrayList<>();
        long clicks = 0;
        for (String page : pages) {
            load(page);
            found.addAll(drain());
            @SuppressWarnings("unchecked")
            List<String> markup = (List<String>) browser.executeScript(SCRIPTABLE_MARKUP);
            markup.forEach(m -> found.add(m + " at " + page));
            clicks += (Long) browser.executeScript(CLICK_EVERYTHING, CLICKABLE);
            // A javascript: address runs as a task after the click: give it time to.
            sleep(300);
            found.addAll(drain());
        }
        assertTrue(clicks > 200, "clicks: " + clicks);
        assertTrue(found.isEmpty(), "script ran or could run:\n" + String.join("\n", found));
    }

    /**
     * Points at each element the browser built (after its own parsing of whatever the page holds)
     * with an event-handler attribute or an address with a scheme other than http(s) and mailto.
     */
    private static final String SCRIPTABLE_MARKUP = """
            const found = [];
            for (const e of document.querySelectorAll('*')) {
              for (const a of e.attributes) {
                const name = a.name.toLowerCase();
                const value = a.value.replace(/[\\t\\n\\r]/g, '').trim().toLowerCase();
                const scheme = /^([a-z][a-z0-9+.-]*):/.exec(value);
                if (name.startsWith('on')) found.push('handler ' + name + ' on <' + e.localName + '>');
                if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'srcdoc'].includes(name)
                    && (name === 'srcdoc' || (scheme && !['http', 'https', 'mailto'].includes(scheme[1]))))
                  found.push(name + '="' + a.value.slice(0, 80) + '" on <' + e.localName + '>');
              }
            }
            return found;""";

    /** Points at, hovers, focuses and clicks every link and button, in document order; returns how many. */
    private static final String CLICK_EVERYTHING = """
            const all = [...document.querySelectorAll(arguments[0])];
            for (const e of all) {
              for (const type of ['mouseover', 'mouseenter', 'mousedown', 'mouseup']) e.dispatchEvent(new MouseEvent(type, {bubbles: true}));
              e.focus();
              e.click();
            }
            return all.length;""";

    private static void load(String page) {
        browser.get(page);
        // Pages finish with script of their own (the search page fetches its index and renders hits).
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                "const s = document.querySelector('[data-vitrine-search]');"
                        + " return document.readyState === 'complete' && (!s || s.dataset.ready === 'true');"));
        sleep(200);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What the hook recorded since it was last asked, on this origin. */
    @SuppressWarnings("unchecked")
    private static List<String> drain() {
        if (!browser.getCurrentUrl().startsWith(origin)) {
            browser.navigate().back();
        }
        return (List<String>) browser.executeScript("""
                const all = JSON.parse(localStorage.getItem('vitrine-ran') || '[]').concat(window.vitrineRan || []);
                localStorage.removeItem('vitrine-ran');
                window.vitrineRan = [];
                return all;""");
    }
}
