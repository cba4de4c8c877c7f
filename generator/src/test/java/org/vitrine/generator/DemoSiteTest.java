package org.vitrine.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bakes the demo collection once and checks the site as a browser and a crawler would see it. */
class DemoSiteTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PUBLIC_IDS = List.of("petra-p25-near-field-ptycho", "cxi-minimal-example",
            "cxi-typical-raw-lcls", "shepp-logan-phantom-volume", "siemens-star-test-image", "human-organ-atlas-hip-ct");

    @TempDir
    static Path tmp;
    static Path site;

    @BeforeAll
    static void bake() {
        site = tmp.resolve("site");
        Fixtures.Run run = Fixtures.vitrine("build", "--content", Fixtures.demoContent().toString(), "--out", site.toString());
        assertEquals(0, run.exit(), run.err());
    }

    @Test
    void everyDatasetPageHasItsTitleDoiLicenceJsonLdAndThumbnails() throws IOException {
        for (String id : PUBLIC_IDS) {
            Path page = site.resolve("datasets/" + id + "/index.html");
            assertTrue(Files.isRegularFile(page), "missing page for " + id);
            Document doc = Jsoup.parse(page.toFile(), "UTF-8");
            String h1 = doc.selectFirst("h1").text();
            assertFalse(h1.isBlank(), id);
            assertTrue(doc.title().startsWith(h1), doc.title());
            assertNotNull(doc.selectFirst("a[rel=license]"), "licence link on " + id);
            assertNotNull(doc.selectFirst("link[rel=license]"), "signposting licence on " + id);
            assertNotNull(doc.selectFirst("link[rel=cite-as]"), "signposting cite-as on " + id);
            assertNotNull(doc.selectFirst("link[rel=describedby]"), id);

            Element ld = doc.selectFirst("script[type=application/ld+json]");
            assertNotNull(ld, "JSON-LD on " + id);
            JsonNode json = JSON.readTree(ld.data());
            assertEquals("Dataset", json.get("@type").asText());
            assertEquals(h1, json.get("name").asText());
            assertTrue(json.get("license").asText().startsWith("https://spdx.org/licenses/"), json.toString());
            assertTrue(json.get("creator").size() > 0);

            for (Element img : doc.select(".previews img, .viewer-placeholder img")) {
                Path png = page.getParent().resolve(img.attr("src"));
                BufferedImage image = ImageIO.read(png.toFile());
                assertNotNull(image, "thumbnail decodes: " + png);
                assertEquals(Integer.parseInt(img.attr("width")), image.getWidth());
                assertFalse(img.attr("alt").isBlank(), "alt text for " + png);
            }
        }
        Document petra = Jsoup.parse(site.resolve("datasets/petra-p25-near-field-ptycho/index.html").toFile(), "UTF-8");
        assertEquals("10.5281/zenodo.17899482", petra.selectFirst(".doi a").text());
        assertEquals("https://doi.org/10.5281/zenodo.17899482", petra.selectFirst("link[rel=cite-as]").attr("href"));
        assertEquals(1, petra.select(".viewer-placeholder img").size(), "PETRA frames have a preview in their viewer's place");
    }

    @Test
    void valuesTheFileHoldsAreShownAndMarked() throws IOException {
        Document petra = Jsoup.parse(site.resolve("datasets/petra-p25-near-field-ptycho/index.html").toFile(), "UTF-8");
        String params = petra.select("table.parameters").text();
        assertTrue(params.contains("Wavelength 0.0979491 nm from file"), params);
        assertTrue(params.contains("Photon energy 12.658 keV from file"), params);
        assertTrue(params.contains("Detector distance 1.12 m from file"), params);
        assertTrue(params.contains("Pixel size 55 µm from file"), params);
        String files = petra.select("table.files").text();
        assertTrue(files.contains("200 × 100 × 100"), files);
        assertTrue(files.contains("<i4"), files);
        assertTrue(files.contains("CXI 1.6"), files);
        String sha = petra.selectFirst("code.sha").attr("title");
        assertEquals(org.vitrine.core.content.FileInspector.sha256(
                Fixtures.demoContent().resolve("data/petra-p25/PETRAIII_P25_Near_Field_Ptycho.cxi")), sha);
    }

    @Test
    void citationDownloadsAreWellFormed() throws IOException {
        Path dir = site.resolve("datasets/petra-p25-near-field-ptycho");
        String bib = Files.readString(dir.resolve("citation.bib"));
        assertTrue(bib.startsWith("@misc{petra-p25-near-field-ptycho,"), bib);
        assertTrue(bib.contains("author = {Samadi, Nazanin and Karabay, Aknur"), bib);
        assertTrue(bib.contains("doi = {10.5281/zenodo.17899482}"), bib);
        String ris = Files.readString(dir.resolve("citation.ris"));
        assertTrue(ris.startsWith("TY  - DATA\n"), ris);
        assertTrue(ris.contains("DO  - 10.5281/zenodo.17899482"), ris);
        assertTrue(ris.strip().endsWith("ER  -"), ris);
        JsonNode datacite = JSON.readTree(dir.resolve("datacite.json").toFile());
        assertEquals("10.5281/zenodo.17899482", datacite.get("doi").asText());
        assertEquals("Dataset", datacite.at("/types/resourceTypeGeneral").asText());
        assertEquals("CC-BY-4.0", datacite.at("/rightsList/0/rightsIdentifier").asText());

        // The metadata-only entry links to a portal: named by its host, no download in the metadata.
        Document atlas = Jsoup.parse(site.resolve("datasets/human-organ-atlas-hip-ct/index.html").toFile());
        assertEquals("Go to human-organ-atlas.esrf.fr", atlas.selectFirst(".data-elsewhere a").text());
        assertEquals("https://human-organ-atlas.esrf.fr/", atlas.selectFirst(".data-elsewhere a").attr("href"));
        assertTrue(atlas.select("link[rel=item]").isEmpty(), atlas.head().toString());
        JsonNode atlasLd = JSON.readTree(atlas.selectFirst("script[type=application/ld+json]").data());
        assertFalse(atlasLd.has("distribution"), atlasLd.toString());

        // The synthetic datasets are credited to an organization, cited by its whole name.
        Document phantom = Jsoup.parse(site.resolve("datasets/shepp-logan-phantom-volume/index.html").toFile());
        assertTrue(phantom.getElementById("citation-text").text().startsWith("Vitrine contributors (2026). "),
                phantom.getElementById("citation-text").text());
    }

    @Test
    void everyInternalLinkAndAssetResolves() throws IOException {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> files = Files.walk(site)) {
            for (Path html : files.filter(p -> p.toString().endsWith(".html")).toList()) {
                if (html.getFileName().toString().equals("404.html")) {
                    continue; // Its links are absolute, from the configured base URL, by design.
                }
                Document doc = Jsoup.parse(html.toFile(), "UTF-8");
                for (Element e : doc.select("a[href], link[href], img[src], script[src]")) {
                    String ref = e.hasAttr("href") ? e.attr("href") : e.attr("src");
                    if (ref.isEmpty() || ref.startsWith("#") || URI.create(ref.replace(" ", "%20")).isAbsolute()) {
                        continue;
                    }
                    assertFalse(ref.startsWith("/"), "root-relative link breaks under a project path: " + ref + " in " + html);
                    String path = ref.replaceAll("[?#].*$", "");
                    Path target = html.getParent().resolve(path).normalize();
                    if (path.endsWith("/") || path.isEmpty()) {
                        target = target.resolve("index.html");
                    }
                    checked++;
                    if (!target.startsWith(site) || !Files.isRegularFile(target)) {
                        broken.add(site.relativize(html) + " -> " + ref);
                    }
                }
            }
        }
        assertTrue(checked > 100, "checked only " + checked + " links");
        assertTrue(broken.isEmpty(), "broken links: " + broken);
    }

    @Test
    void embargoedDatasetAppearsNowhere() throws IOException {
        String id = "xfel-sfx-lysozyme-embargoed";
        String title = "Serial femtosecond crystallography of lysozyme microcrystals";
        List<String> leaks = new ArrayList<>();
        try (Stream<Path> files = Files.walk(site)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertFalse(f.toString().contains(id), "a file is named after the embargoed dataset: " + f);
                String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                if (text.contains(id) || text.contains(title) || text.contains("while the paper is under review")) {
                    leaks.add(site.relativize(f).toString());
                }
            }
        }
        assertTrue(leaks.isEmpty(), "embargoed dataset mentioned in " + leaks);
    }

    @Test
    void listingsFeedAndSitemapNameEveryPublicDataset() throws IOException {
        String sitemap = Files.readString(site.resolve("sitemap.xml"));
        String feed = Files.readString(site.resolve("feed.xml"));
        Document browse = Jsoup.parse(site.resolve("datasets/index.html").toFile(), "UTF-8");
        Set<String> rows = new HashSet<>(browse.select("table.datasets tbody tr td:first-child").eachText());
        for (String id : PUBLIC_IDS) {
            assertTrue(sitemap.contains("https://vitrine-demo.github.io/vitrine/datasets/" + id + "/"), id);
            assertTrue(feed.contains("datasets/" + id + "/"), id);
            assertTrue(rows.contains(id), id);
        }
        assertEquals(PUBLIC_IDS.size(), rows.size());
        assertTrue(Files.readString(site.resolve("robots.txt")).contains("Sitemap: https://vitrine-demo.github.io/vitrine/sitemap.xml"));
        // Each technique page lists the datasets of that technique.
        Document ptycho = Jsoup.parse(site.resolve("techniques/ptychography/index.html").toFile(), "UTF-8");
        assertEquals(List.of("petra-p25-near-field-ptycho"), ptycho.select("table.datasets tbody td:first-child").eachText());
    }

    @Test
    void pagesAreAccessible() throws IOException {
        try (Stream<Path> files = Files.walk(site)) {
            for (Path html : files.filter(p -> p.toString().endsWith(".html")).toList()) {
                Document doc = Jsoup.parse(html.toFile(), "UTF-8");
                assertEquals("en", doc.selectFirst("html").attr("lang"), html.toString());
                assertEquals(1, doc.select("h1").size(), "one h1 in " + html);
                assertNotNull(doc.selectFirst("main#main"), html.toString());
                for (Element img : doc.select("img")) {
                    assertTrue(img.hasAttr("alt"), "img without alt in " + html);
                }
                for (Element input : doc.select("input:not([type=hidden])")) {
                    assertNotNull(doc.selectFirst("label[for=" + input.id() + "]"), "unlabelled input in " + html);
                }
                for (Element a : doc.select("a[href]")) {
                    // A link must say where it goes: its text, its image's alt text or its label.
                    String name = a.text() + a.attr("aria-label") + a.select("img[alt]").eachAttr("alt");
                    assertFalse(name.replace("[]", "").isBlank(), "link without a name in " + html + ": " + a);
                }
            }
        }
    }
}
