package org.vitrine.generator;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Determinism, incremental rebuilds, embargo and drafts, and sanitizing what curators write. */
class BuildBehaviourTest {

    @TempDir
    Path tmp;

    @Test
    void twoBuildsOfTheSameContentAreByteIdentical() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        assertEquals(0, Fixtures.vitrine("build", "--content", Fixtures.demoContent().toString(), "--out", a.toString()).exit());
        assertEquals(0, Fixtures.vitrine("build", "--content", Fixtures.demoContent().toString(), "--out", b.toString()).exit());
        Map<String, byte[]> first = tree(a);
        Map<String, byte[]> second = tree(b);
        assertTrue(first.size() > 50, "files: " + first.size());
        assertSameFiles(first, second, "second build");
    }

    @Test
    void rebuildRendersOnlyWhatChangedAndRemovesWhatIsGone() throws IOException {
        Path content = Fixtures.newContent(tmp.resolve("content"));
        Fixtures.dataset(content, "one", Fixtures.validDataset("one", ""));
        Fixtures.dataset(content, "two", Fixtures.validDataset("two", ""));
        Path site = tmp.resolve("site");
        Fixtures.Run first = Fixtures.vitrine("build", "--content", content.toString(), "--out", site.toString());
        assertTrue(first.out().contains("2 datasets (2 pages rendered, 0 unchanged)"), first.out());

        Fixtures.Run again = Fixtures.vitrine("build", "--content", content.toString(), "--out", site.toString());
        assertTrue(again.out().contains("2 datasets (0 pages rendered, 2 unchanged)"), again.out());

        Fixtures.dataset(content, "two", Fixtures.validDataset("two", "keywords: [changed]"));
        Fixtures.Run changed = Fixtures.vitrine("build", "--content", content.toString(), "--out", site.toString());
        assertTrue(changed.out().contains("2 datasets (1 pages rendered, 1 unchanged)"), changed.out());
        assertTrue(Files.readString(site.resolve("datasets/two/index.html")).contains("changed"));

        // A dataset put back to draft loses its page, downloads and listing entries on the next build.
        Fixtures.dataset(content, "one", Fixtures.validDataset("one", "status: draft"));
        Fixtures.Run drafted = Fixtures.vitrine("build", "--content", content.toString(), "--out", site.toString());
        assertEquals(0, drafted.exit(), drafted.err());
        assertFalse(Files.exists(site.resolve("datasets/one")), "draft's folder removed");
        assertNoMention(site, "Test dataset one");
    }

    @Test
    void anIncrementalRebuildGivesWhatAFullBuildGives() throws IOException {
        Path content = Fixtures.newContent(tmp.resolve("content"));
        Fixtures.dataset(content, "one", Fixtures.validDataset("one", "keywords: [alpha, beta]"));
        Fixtures.dataset(content, "two", Fixtures.validDataset("two", "keywords: [beta]"));
        Fixtures.dataset(content, "three", Fixtures.validDataset("three", ""));
        Path site = tmp.resolve("site");
        assertEquals(0, Fixtures.vitrine("build", "--content", content.toString(), "--out", site.toString()).exit());

        // An edit every listing of the dataset shows (a badge), with no listing gaining or losing a
        // row. The sitemap, which gives addresses and release dates only, is not rendered again.
        Files.writeString(site.resolve("sitemap.xml"), "kept as it was");
        Fixtures.dataset(content, "two", Fixtures.validDataset("two", "keywords: [beta]\nsynthetic: true"));
        Fixtures.Run badge = Fixtures.vitrine("build", "--content", content.toString(), "--out", site.toString());
        assertTrue(badge.out().contains("3 datasets (1 pages rendered, 2 unchanged)"), badge.out());
        assertEquals("kept as it was", Files.readString(site.resolve("sitemap.xml")), "the sitemap was rendered again");
        Path freshBadge = fullBuild(content, "fresh");
        Files.copy(freshBadge.resolve("sitemap.xml"), site.resolve("sitemap.xml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertSameFiles(tree(freshBadge), tree(site), "site rebuilt after a badge");

        // A new release date is in the sitemap.
        Fixtures.dataset(content, "two", Fixtures.validDataset("two", "keywords: [beta]\nsynthetic: true").replace("2024-05-01", "2024-06-01"));
        assertEquals(0, Fixtures.vitrine("build", "--content", content.toString(), "--out", site.toString()).exit());
        assertTrue(Files.readString(site.resolve("sitemap.xml")).contains("<lastmod>2024-06-01</lastmod>"), "sitemap after a new release date");
        assertSameFiles(tree(fullBuild(content, "fresh-date")), tree(site), "site rebuilt after a new release date");

        // An edit no listing shows (a parameter): listings are not rendered again, and need not be.
        Files.writeString(site.resolve("datasets/index.html"), "kept as it was");
        Fixtures.dataset(content, "two", Fixtures.validDataset("two", "keywords: [beta]\nsynthetic: true\nparameters: {photon_energy: 8 keV}")
                .replace("2024-05-01", "2024-06-01"));
        Fixtures.Run parameter = Fixtures.vitrine("build", "--content", content.toString(), "--out", site.toString());
        assertTrue(parameter.out().contains("3 datasets (1 pages rendered, 2 unchanged)"), parameter.out());
        assertEquals("kept as it was", Files.readString(site.resolve("datasets/index.html")), "the browse table was rendered again");
        Path fresh = fullBuild(content, "fresh-parameter");
        Files.copy(fresh.resolve("datasets/index.html"), site.resolve("datasets/index.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertSameFiles(tree(fresh), tree(site), "site rebuilt after a parameter");

        // Keywords moving, a new dataset and one withdrawn.
        Fixtures.dataset(content, "two", Fixtures.validDataset("two", "keywords: [alpha, gamma]\nsynthetic: true"));
        Fixtures.dataset(content, "four", Fixtures.validDataset("four", "keywords: [gamma]"));
        Fixtures.dataset(content, "three", Fixtures.validDataset("three", "status: draft"));
        Fixtures.Run moved = Fixtures.vitrine("build", "--content", content.toString(), "--out", site.toString());
        assertTrue(moved.out().contains("3 datasets (2 pages rendered, 1 unchanged)"), moved.out());
        assertSameFiles(tree(fullBuild(content, "fresh-again")), tree(site), "site rebuilt after moves");
    }

    /** A build of {@code content} into a new folder, with no earlier build to start from. */
    private Path fullBuild(Path content, String name) {
        Path out = tmp.resolve(name);
        assertEquals(0, Fixtures.vitrine("build", "--content", content.toString(), "--out", out.toString()).exit());
        return out;
    }

    @Test
    void aBuildStoppedByContentErrorsLeavesTheBuildStateAsItWas() throws IOException {
        Path content = Fixtures.newContent(tmp.resolve("content"));
        Fixtures.dataset(content, "one", Fixtures.validDataset("one", ""));
        Path site = tmp.resolve("site");
        assertEquals(0, Fixtures.vitrine("build", "--content", content.toString(), "--out", site.toString()).exit());
        // A file put there by hand: the previous build's record says it is not Vitrine's to remove.
        Files.writeString(site.resolve("CNAME"), "atlas.example.org\n");

        Fixtures.dataset(content, "two", "---\nid: two\n---\nNo title, no authors.\n");
        assertEquals(1, Fixtures.vitrine("build", "--content", content.toString(), "--out", site.toString()).exit());
        Files.delete(content.resolve("datasets/two.md"));
        Fixtures.Run next = Fixtures.vitrine("build", "--content", content.toString(), "--out", site.toString());
        assertTrue(next.out().contains("1 datasets (0 pages rendered, 1 unchanged)"), next.out());
        assertTrue(Files.isRegularFile(site.resolve("CNAME")), "the record survived the failed build, so nothing was walked");
    }

    @Test
    void aFolderHoldingFilesNoBuildMadeIsRefusedAndLeftAsItWas() throws IOException {
        Path content = Fixtures.newContent(tmp.resolve("content"));
        Fixtures.dataset(content, "one", Fixtures.validDataset("one", ""));
        // Such as --out pointing at one's documents: a build deletes every file it does not make.
        Path documents = Files.createDirectories(tmp.resolve("documents/notes"));
        Files.writeString(documents.resolve("thesis.tex"), "\\chapter{One}\n");
        Fixtures.Run run = Fixtures.vitrine("build", "--content", content.toString(), "--out", tmp.resolve("documents").toString());
        assertEquals(3, run.exit(), run.err());
        assertTrue(run.err().contains("already holds files that no build recorded making"), run.err());
        assertEquals(Map.of("notes/thesis.tex", "\\chapter{One}\n"),
                tree(tmp.resolve("documents")).entrySet().stream().collect(java.util.stream.Collectors.toMap(
                        Map.Entry::getKey, e -> new String(e.getValue(), java.nio.charset.StandardCharsets.UTF_8))));
        assertFalse(Files.exists(tmp.resolve("documents-cache")), "the folder was not claimed, and no build state was left beside it");
    }

    @Test
    void aBuildThatStoppedHalfWayLeavesNothingBehindForTheNext() throws IOException {
        Path content = Fixtures.newContent(tmp.resolve("content"));
        Fixtures.dataset(content, "one", Fixtures.validDataset("one", ""));
        Path site = tmp.resolve("site");
        assertEquals(0, Fixtures.vitrine("build", "--content", content.toString(), "--out", site.toString()).exit());

        // A build that wrote a page and then stopped (killed, out of memory) before its manifest.
        new org.vitrine.generator.site.OutputTree(site, tmp.resolve("site-cache")).write("datasets/later-embargoed/index.html", "secret-title");
        Fixtures.Run next = Fixtures.vitrine("build", "--content", content.toString(), "--out", site.toString());
        assertEquals(0, next.exit(), next.err());
        assertTrue(next.out().contains("1 stale files removed"), next.out());
        assertNoMention(site, "secret-title");
        assertTrue(Files.isRegularFile(site.resolve("datasets/one/index.html")));
    }

    @Test
    void damagedBuildStateOnlyCostsAFullRebuild() throws IOException {
        Path content = Fixtures.newContent(tmp.resolve("content"));
        Fixtures.dataset(content, "one", Fixtures.validDataset("one", ""));
        Fixtures.dataset(content, "two", Fixtures.validDataset("two", ""));
        Path site = tmp.resolve("site");
        assertEquals(0, Fixtures.vitrine("build", "--content", content.toString(), "--out", site.toString()).exit());
        Map<String, byte[]> before = tree(site);
        try (Stream<Path> files = Files.list(tmp.resolve("site-cache"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(f);
                // Keep the head, garble the rest: lengths and records no longer make sense.
                for (int i = Math.min(8, bytes.length); i < bytes.length; i++) {
                    bytes[i] = (byte) (bytes[i] * 31 + 7);
                }
                Files.write(f, bytes);
            }
        }
        Fixtures.Run again = Fixtures.vitrine("build", "--content", content.toString(), "--out", site.toString());
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().contains("2 datasets (2 pages rendered, 0 unchanged)"), again.out());
        assertSameFiles(before, tree(site), "after the damaged state");
    }

    @Test
    void datasetsSharingOneFileBuildTheirPreviewsInParallel() throws IOException {
        Path content = Fixtures.newContent(tmp.resolve("content"));
        Files.copy(Fixtures.demoContent().resolve("data/synthetic/shepp-logan-phantom-128.h5"), content.resolve("data/phantom.h5"));
        for (int i = 0; i < 16; i++) {
            Fixtures.dataset(content, "shared-" + i, Fixtures.validDataset("shared-" + i, """
                    files:
                      - path: phantom.h5
                        dataset: /entry/data/data
                        kind: volume
                    """));
        }
        Path site = tmp.resolve("site");
        Fixtures.Run run = Fixtures.vitrine("build", "--content", content.toString(), "--out", site.toString());
        assertEquals(0, run.exit(), run.err());
        byte[] first = Files.readAllBytes(site.resolve("datasets/shared-0/thumb-0.png"));
        Map<String, byte[]> volume = tree(site.resolve("datasets/shared-0/precomputed"));
        assertTrue(volume.size() > 3, "baked chunks: " + volume.keySet());
        for (int i = 1; i < 16; i++) {
            assertArrayEquals(first, Files.readAllBytes(site.resolve("datasets/shared-" + i + "/thumb-0.png")), "dataset " + i);
            assertSameFiles(volume, tree(site.resolve("datasets/shared-" + i + "/precomputed")), "dataset " + i);
        }
    }

    @Test
    void viewersReadOnlyParametersInAUnitOfTheRightQuantity() throws IOException {
        Path content = Fixtures.newContent(tmp.resolve("content"));
        Files.copy(Fixtures.demoContent().resolve("data/synthetic/shepp-logan-phantom-128.h5"), content.resolve("data/phantom.h5"));
        Fixtures.dataset(content, "units", Fixtures.validDataset("units", """
                parameters:
                  wavelength: 12 keV
                  detector_distance: 2 m
                files:
                  - path: phantom.h5
                    dataset: /entry/data/data
                    kind: volume
                """));
        Path site = tmp.resolve("site");
        Fixtures.Run run = Fixtures.vitrine("build", "--content", content.toString(), "--out", site.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.err().contains("parameter 'wavelength' measures length, but 'keV' measures energy"), run.err());
        org.jsoup.nodes.Element viewer = Jsoup.parse(site.resolve("datasets/units/index.html").toFile(), "UTF-8").selectFirst(".viewer");
        assertEquals("", viewer.attr("data-wavelength-m"), "an energy is not a wavelength");
        assertEquals("2.0", viewer.attr("data-distance-m"));
    }

    @Test
    void draftsAndFutureReleasesAppearNowhere() throws IOException {
        Path content = Fixtures.newContent(tmp.resolve("content"));
        Fixtures.dataset(content, "public", Fixtures.validDataset("public-one", "keywords: [shared-keyword]"));
        Fixtures.dataset(content, "draft", Fixtures.validDataset("secret-draft", "status: draft\nkeywords: [shared-keyword]"));
        Fixtures.dataset(content, "future", Fixtures.validDataset("secret-future", "released: 2999-01-01\nkeywords: [shared-keyword, only-embargoed]")
                .replace("released: 2024-05-01\n", ""));
        Path site = tmp.resolve("site");
        Fixtures.Run run = Fixtures.vitrine("build", "--content", content.toString(), "--out", site.toString());
        assertEquals(0, run.exit(), run.err());
        assertNoMention(site, "secret-draft");
        assertNoMention(site, "secret-future");
        assertNoMention(site, "only-embargoed");
        Document keyword = Jsoup.parse(site.resolve("keywords/shared-keyword/index.html").toFile(), "UTF-8");
        assertEquals("1 dataset.", keyword.selectFirst("main p").text());
    }

    @Test
    void curatorHtmlIsSanitizedAndMetadataEscaped() throws IOException {
        Path content = Fixtures.newContent(tmp.resolve("content"));
        Fixtures.dataset(content, "xss", """
                ---
                id: xss
                title: "<script>alert('title')</script> Safe title"
                authors:
                  - name: "<img src=x onerror=alert(1)>"
                released: 2024-05-01
                technique: PaNET01212
                keywords: ["<b>bold</b>"]
                ---
                Some **bold** text.

                <script>alert('body')</script>
                <p onclick="alert('click')">A paragraph with a <a href="javascript:alert(1)">bad link</a>
                and a <a href="https://example.org/">good one</a>.</p>
                <iframe src="https://evil.example/"></iframe>
                """);
        Path site = tmp.resolve("site");
        assertEquals(0, Fixtures.vitrine("build", "--content", content.toString(), "--out", site.toString()).exit());
        String html = Files.readString(site.resolve("datasets/xss/index.html"));
        Document doc = Jsoup.parse(html);
        assertEquals("<script>alert('title')</script> Safe title", doc.selectFirst("h1").text());
        assertEquals(1, doc.select("script").stream().filter(s -> !s.hasAttr("src")).count(), "only the JSON-LD script is inline");
        assertTrue(doc.select("script:not([src]):not([type=application/ld+json])").isEmpty());
        assertFalse(html.contains("alert('body')"), "body script removed");
        assertFalse(html.contains("onclick"), "event handlers removed");
        assertTrue(doc.select("[onerror]").isEmpty(), "markup in metadata escaped, not parsed");
        assertFalse(html.contains("<img src=x"), "markup in metadata escaped");
        assertTrue(doc.select(".author-name").text().contains("<img src=x onerror=alert(1)>"), "shown as text");
        assertFalse(html.contains("javascript:"), "javascript: links removed");
        assertTrue(doc.select("iframe").isEmpty());
        assertTrue(doc.select(".description a[href=https://example.org/]").size() == 1, "safe link kept");
        assertTrue(doc.select(".description strong").size() == 1, "markdown formatting kept");
        assertNull(doc.selectFirst(".keywords b"), "keyword markup escaped");
        String jsonLd = doc.selectFirst("script[type=application/ld+json]").data();
        assertFalse(jsonLd.contains("</script"), jsonLd);
    }

    @Test
    void theSiteWorksUnderAProjectPath() throws IOException {
        Path content = Fixtures.newContent(tmp.resolve("content"));
        Fixtures.dataset(content, "one", Fixtures.validDataset("one", ""));
        Path site = tmp.resolve("site");
        assertEquals(0, Fixtures.vitrine("build", "--content", content.toString(), "--out", site.toString()).exit());
        Document page = Jsoup.parse(site.resolve("datasets/one/index.html").toFile(), "UTF-8");
        assertEquals("../../assets/css/site.css", page.selectFirst("link[rel=stylesheet]").attr("href"));
        assertEquals("https://example.org/atlas/datasets/one/", page.selectFirst("link[rel=canonical]").attr("href"));
        Document notFound = Jsoup.parse(site.resolve("404.html").toFile(), "UTF-8");
        // The 404 page, served for any missing address, links from the root that its <base> names (see 404.ftlh).
        assertEquals("/atlas/", notFound.selectFirst("base").attr("href"));
        assertEquals("assets/css/site.css", notFound.selectFirst("link[rel=stylesheet]").attr("href"));
    }

    private static void assertNoMention(Path site, String text) throws IOException {
        try (Stream<Path> files = Files.walk(site)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertFalse(f.toString().contains(text), "file named after it: " + f);
                assertFalse(new String(Files.readAllBytes(f), StandardCharsets.UTF_8).contains(text), text + " mentioned in " + f);
            }
        }
    }

    /** The same files with the same bytes. */
    private static void assertSameFiles(Map<String, byte[]> expected, Map<String, byte[]> actual, String what) {
        assertEquals(expected.keySet(), actual.keySet(), what);
        expected.forEach((path, bytes) -> assertArrayEquals(bytes, actual.get(path), what + ": " + path));
    }

    private static Map<String, byte[]> tree(Path root) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(f).toString(), Files.readAllBytes(f));
            }
        }
        return out;
    }

    @Test
    void aDatasetIsListedOnceOnEachKeywordPage() throws IOException {
        Path content = Fixtures.newContent(tmp.resolve("content"));
        Path one = Fixtures.dataset(content, "one", Fixtures.validDataset("one", "keywords: [battery, X-ray, Battery, x ray]"));
        Fixtures.dataset(content, "two", Fixtures.validDataset("two", "keywords: [x ray]"));
        Path site = tmp.resolve("site");
        Fixtures.Run run = Fixtures.vitrine("build", "--content", content.toString(), "--out", site.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.err().contains(one + ":9: warning: keyword 'Battery' is listed twice; it is kept once"), run.err());

        Document battery = Jsoup.parse(site.resolve("keywords/battery/index.html").toFile(), "UTF-8");
        assertEquals(List.of("one"), battery.select("table.datasets tbody td:first-child a").eachText());
        // "X-ray" and "x ray" share a page: each dataset is on it once, and the index counts two.
        Document xray = Jsoup.parse(site.resolve("keywords/x-ray/index.html").toFile(), "UTF-8");
        assertEquals(List.of("one", "two"), xray.select("table.datasets tbody td:first-child a").eachText());
        Document index = Jsoup.parse(site.resolve("keywords/index.html").toFile(), "UTF-8");
        assertEquals("2", index.select("a[href$=keywords/x-ray/] + .count").text());
        assertEquals("1", index.select("a[href$=keywords/battery/] + .count").text());
    }
}
