package org.vitrine.api.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vitrine.api.ApiServer;
import org.vitrine.core.model.Dataset;
import org.vitrine.core.model.FileKind;
import org.vitrine.core.search.DatasetLinks;
import org.vitrine.core.search.DemoCollection;
import org.vitrine.core.search.SearchIndexWriter;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SearchRoutesTest {

    @TempDir
    static Path dir;
    static SearchIndex index;
    static Javalin app;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        SearchIndexWriter.write(DemoCollection.collection(), dir.resolve("index"), DatasetLinks.DEFAULT);
        index = SearchIndex.open(dir.resolve("index"));
        app = ApiServer.create(List.of(new SearchRoutes(index)), c -> { }).start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() throws Exception {
        app.stop();
        index.close();
    }

    static HttpResponse<String> get(String pathAndQuery, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + pathAndQuery));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(String pathAndQuery) throws Exception {
        HttpResponse<String> r = get(pathAndQuery);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        return JSON.readTree(r.body());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static List<String> ids(JsonNode result) {
        List<String> ids = new ArrayList<>();
        result.get("hits").forEach(h -> ids.add(h.get("id").asText()));
        return ids;
    }

    static long count(JsonNode result, String dim, String value) {
        for (JsonNode v : result.at("/facets/" + dim)) {
            if (v.get("value").asText().equals(value)) {
                return v.get("count").asLong();
            }
        }
        return 0;
    }

    @Test
    void searchAnswersHitsAndFacets() throws Exception {
        JsonNode r = json("/api/search?q=holographic");
        assertEquals(1, r.get("total").asInt());
        assertEquals(1, r.get("page").asInt());
        assertEquals(10, r.get("size").asInt());
        JsonNode hit = r.at("/hits/0");
        assertEquals("petra-p25-ptycho", hit.get("id").asText());
        for (String field : List.of("title", "url", "thumbnail", "snippet", "technique", "facility", "released", "score")) {
            assertNotNull(hit.get(field), field);
        }
        assertTrue(hit.get("snippet").asText().contains("<mark>holographic</mark>"));
        for (String dim : List.of("technique", "facility", "instrument", "sample", "keyword", "license", "year")) {
            assertTrue(r.get("facets").has(dim), dim);
        }
    }

    @Test
    void filtersOrWithinAFacetAndAndAcrossFacetsWithSidewaysCounts() throws Exception {
        JsonNode petra = json("/api/search?facility=" + enc("PETRA III"));
        assertEquals(2, petra.get("total").asInt());
        assertEquals(2, count(petra, "facility", "ESRF"));
        JsonNode either = json("/api/search?facility=" + enc("PETRA III") + "&facility=ESRF");
        assertEquals(4, either.get("total").asInt());
        JsonNode both = json("/api/search?facility=ESRF&technique=tomography");
        assertEquals(List.of("tomo-limestone"), ids(both));
        JsonNode broad = json("/api/search?technique=imaging&q=radiograph");
        assertEquals(List.of("nexus-tooth"), ids(broad));
    }

    @Test
    void parameterRangesAcrossUnits() throws Exception {
        JsonNode kev = json("/api/search?param=" + enc("photon_energy:1.2keV") + "&sort=id");
        JsonNode ev = json("/api/search?param=" + enc("photon_energy:1200eV") + "&sort=id");
        assertEquals(List.of("cxidb-typical", "nexus-tooth"), ids(kev));
        assertEquals(ids(kev), ids(ev));
        assertEquals(List.of("nexus-tooth"), ids(json("/api/search?param=" + enc("photon_energy:1..2keV")
                + "&param=" + enc("pixel_size:..1um"))));
    }

    @Test
    void badRequestsAnswer400WithAMessage() throws Exception {
        for (String query : List.of("q=" + enc("title:(ptychography"), "q=" + enc("*graphy"), "q=" + enc("colour:red"),
                "size=101", "size=0", "page=abc", "page=0", "sort=colour", "param=" + enc("photon_energy:1..2parsec"),
                "param=energy", "q=" + enc("/regex.*/"), "q=" + enc("\"open phrase"), "q=" + enc("a".repeat(1001)))) {
            HttpResponse<String> r = get("/api/search?" + query);
            assertEquals(400, r.statusCode(), query + " → " + r.body());
            JsonNode body = JSON.readTree(r.body());
            assertFalse(body.get("message").asText().isBlank(), query);
        }
        JsonNode message = JSON.readTree(get("/api/search?size=500").body());
        assertEquals("size must be between 1 and 100, not 500", message.get("message").asText());
    }

    @Test
    void suggestCompletesTitlesSamplesAndTechniques() throws Exception {
        JsonNode r = json("/api/suggest?q=mim");
        assertEquals("Mimivirus", r.at("/suggestions/0/text").asText());
        assertEquals("sample", r.at("/suggestions/0/kind").asText());
        assertEquals("technique", json("/api/suggest?q=tomo").at("/suggestions/0/kind").asText());
        assertEquals(0, json("/api/suggest?q=zeol").get("suggestions").size());
    }

    @Test
    void datasetsAreListedAndServedButNotEmbargoedOnes() throws Exception {
        JsonNode list = json("/api/datasets?size=3&page=2");
        assertEquals(8, list.get("total").asInt());
        assertEquals(3, list.get("datasets").size());
        assertEquals("petra-p25-ptycho", list.at("/datasets/0/id").asText());

        JsonNode record = json("/api/datasets/sfx-lysozyme");
        assertEquals("Serial femtosecond crystallography of lysozyme microcrystals", record.get("title").asText());
        assertEquals("European XFEL", record.get("facility").asText());
        assertEquals("0000-0002-1825-0097", record.at("/authors/0/orcid").asText());

        for (String id : List.of("embargoed-zeolite", "draft-notes", "no-such-dataset")) {
            HttpResponse<String> r = get("/api/datasets/" + id);
            assertEquals(404, r.statusCode());
            assertTrue(JSON.readTree(r.body()).get("message").asText().contains(id));
        }
        assertEquals(400, get("/api/datasets?size=1000").statusCode());
    }

    @Test
    void answersAreCacheableCompressedAndOpenToOtherOrigins() throws Exception {
        HttpResponse<String> r = get("/api/search?q=imaging", "Origin", "https://elsewhere.example");
        assertEquals("*", r.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertEquals(SearchRoutes.CACHE_CONTROL, r.headers().firstValue("Cache-Control").orElse(null));
        String etag = r.headers().firstValue("ETag").orElseThrow();
        assertTrue(etag.matches("\"[!#-~]+\""), "an entity tag is quoted: " + etag);
        HttpResponse<String> again = get("/api/search?q=imaging", "If-None-Match", etag);
        assertEquals(304, again.statusCode());

        HttpResponse<byte[]> gz = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/search?size=20"))
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals("gzip", gz.headers().firstValue("Content-Encoding").orElse(null));
        String body = new String(new GZIPInputStream(new ByteArrayInputStream(gz.body())).readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(8, JSON.readTree(body).get("total").asInt());
        assertEquals(get("/api/search?size=20").body(), body);
        assertEquals(gz.headers().firstValue("ETag"), get("/api/search?size=20").headers().firstValue("ETag"));
        HttpResponse<String> refused = get("/api/search?size=20", "Accept-Encoding", "gzip;q=0, identity");
        assertTrue(refused.headers().firstValue("Content-Encoding").isEmpty());
        assertEquals(8, JSON.readTree(refused.body()).get("total").asInt());

        HttpResponse<String> list = get("/api/datasets?size=3");
        HttpResponse<String> unchanged = get("/api/datasets?size=3", "If-None-Match", list.headers().firstValue("ETag").orElseThrow());
        assertEquals(304, unchanged.statusCode());
    }

    @Test
    void aRebuiltIndexIsServedWithoutFailingRequests() throws Exception {
        Path live = dir.resolve("live");
        SearchIndexWriter.write(DemoCollection.collection(), live, DatasetLinks.DEFAULT);
        try (SearchIndex swapping = SearchIndex.open(live)) {
            Javalin other = ApiServer.create(List.of(new SearchRoutes(swapping)), c -> { }).start("127.0.0.1", 0);
            AtomicBoolean stop = new AtomicBoolean();
            List<String> failures = Collections.synchronizedList(new ArrayList<>());
            List<Thread> clients = new ArrayList<>();
            try {
                for (int t = 0; t < 2; t++) {
                    Thread c = new Thread(() -> {
                        while (!stop.get()) {
                            try {
                                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(
                                        "http://127.0.0.1:" + other.port() + "/api/search?q=imaging")).build(),
                                        HttpResponse.BodyHandlers.ofString());
                                if (r.statusCode() != 200 || JSON.readTree(r.body()).get("total").asInt() < 6) {
                                    failures.add(r.statusCode() + " " + r.body());
                                }
                            } catch (Exception e) {
                                failures.add(e.toString());
                            }
                        }
                    });
                    c.start();
                    clients.add(c);
                }
                List<Dataset> next = new ArrayList<>(DemoCollection.datasets());
                next.add(DemoCollection.dataset("added-later", "Added imaging dataset", DemoCollection.XRAY_IMAGING, "ESRF",
                        null, null, List.of(), "CC0-1.0", DemoCollection.TODAY, List.of(), "imaging", null, FileKind.NONE));
                SearchIndexWriter.write(DemoCollection.collection(next), live, DatasetLinks.DEFAULT);
                // As serve does after each bake, while the clients keep searching.
                assertTrue(swapping.refresh(), "a new commit is swapped in");
                int status = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + other.port()
                        + "/api/datasets/added-later")).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                assertEquals(200, status, "the rebuilt index is served");
                Thread.sleep(200); // searches on the new index, too
            } finally {
                stop.set(true);
                for (Thread c : clients) {
                    c.join();
                }
                other.stop();
            }
            assertEquals(List.of(), failures);
        }
    }
}
