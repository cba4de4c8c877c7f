package org.vitrine.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vitrine.api.h5grove.CollectionResolver;
import org.vitrine.core.content.FileInspector;
import org.vitrine.core.hdf5.Hdf5Files;
import org.vitrine.core.model.Collection;
import org.vitrine.core.model.DataFile;
import org.vitrine.core.model.Dataset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a page says of a file is what is served under its name: every file of a built site is
 * hashed again and compared with the SHA-256 and size its page, its JSON-LD and its DataCite
 * record state, and with the bytes the data API serves under the same name.
 */
class PublishedBytesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void everyPublishedFileIsTheOneItsPageAndMetadataDescribe() throws Exception {
        Path content = tmp.resolve("content");
        PreviewVolumeBakeTest.copy(Fixtures.demoContent(), content);
        // Two files of one name in different folders, the second published under a name of its own.
        Files.createDirectories(content.resolve("data/run1"));
        Files.createDirectories(content.resolve("data/run2"));
        Files.copy(content.resolve("data/cxidb/minimal.cxi"), content.resolve("data/run1/scan.cxi"));
        Files.copy(content.resolve("data/cxidb/typical_raw.cxi"), content.resolve("data/run2/scan.cxi"));
        Fixtures.dataset(content, "two-runs", Fixtures.validDataset("two-runs", """
                files:
                  - path: run1/scan.cxi
                    role: first run
                  - path: run2/scan.cxi
                    name: scan-run2.cxi
                    role: second run
                """));
        Path site = tmp.resolve("site");
        Fixtures.Run run = Fixtures.vitrine("build", "--content", content.toString(), "--out", site.toString());
        assertEquals(0, run.exit(), run.err());

        Map<String, String> pageSha = new HashMap<>();
        List<Path> pages;
        try (Stream<Path> s = Files.list(site.resolve("datasets"))) {
            pages = s.map(d -> d.resolve("index.html")).filter(Files::isRegularFile).sorted().toList();
        }
        int checked = 0;
        for (Path page : pages) {
            Path folder = page.getParent();
            String id = folder.getFileName().toString();
            Document doc = Jsoup.parse(page.toFile());
            List<Long> localSizes = new ArrayList<>();
            for (Element row : doc.select("table.files tbody tr")) {
                Element size = row.selectFirst("span[title$= bytes]");
                String href = row.selectFirst("a[href]").attr("href");
                if (size == null) {
                    continue; // only linked: not read, so nothing is stated of its bytes
                }
                long bytes = Long.parseLong(size.attr("title").replace(" bytes", ""));
                localSizes.add(bytes);
                if (href.startsWith("http")) {
                    continue; // read, but downloaded from where its URL says
                }
                Path file = folder.resolve(href);
                String sha = row.selectFirst("code.sha").attr("title");
                assertEquals(sha, FileInspector.sha256(file), page + ": " + href);
                assertEquals(bytes, Files.size(file), page + ": " + href);
                pageSha.put(id + "/" + file.getFileName(), sha);
                checked++;
            }

            String landing = "https://vitrine-demo.github.io/vitrine/datasets/" + id + "/";
            JsonNode jsonLd = JSON.readTree(doc.selectFirst("script[type=application/ld+json]").data());
            for (JsonNode download : jsonLd.path("distribution")) {
                String url = download.path("contentUrl").asText();
                if (url.startsWith(landing)) {
                    Path file = folder.resolve(url.substring(landing.length()));
                    assertEquals(download.path("sha256").asText(), FileInspector.sha256(file), "JSON-LD of " + id + ": " + url);
                    assertEquals(download.path("contentSize").asText(), Files.size(file) + " B", "JSON-LD of " + id + ": " + url);
                }
            }
            List<Long> dataCiteSizes = new ArrayList<>();
            JSON.readTree(folder.resolve("datacite.json").toFile()).path("sizes")
                    .forEach(size -> dataCiteSizes.add(Long.parseLong(size.asText().replace(" bytes", ""))));
            assertEquals(localSizes, dataCiteSizes, "DataCite sizes of " + id);
        }
        assertTrue(checked >= 7, "files checked: " + checked);
        assertEquals(Files.size(content.resolve("data/run2/scan.cxi")), Files.size(site.resolve("datasets/two-runs/files/scan-run2.cxi")));

        // The data API serves each file under the name its page gives it, with the bytes the page describes.
        try (Hdf5Files hdf5 = new Hdf5Files(4, 16L << 20)) {
            Collection collection = PreviewVolumeBakeTest.load(content, hdf5);
            CollectionResolver resolver = new CollectionResolver(collection, content.resolve("data"));
            int served = 0;
            for (Dataset d : collection.publicDatasets()) {
                for (DataFile f : d.files()) {
                    if (f.isLocal() && f.url() == null) {
                        String name = d.logicalName(f);
                        assertEquals(pageSha.get(name), FileInspector.sha256(resolver.resolve(name)), "served as " + name);
                        served++;
                    }
                }
            }
            assertEquals(pageSha.size(), served);
        }
        assertFalse(pageSha.isEmpty());
    }
}
