package org.vitrine.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vitrine.api.ApiServer;
import org.vitrine.api.h5grove.CollectionResolver;
import org.vitrine.api.h5grove.H5groveOptions;
import org.vitrine.api.preview.PrecomputedRoutes;
import org.vitrine.api.preview.PreviewFiles;
import org.vitrine.core.content.CollectionLoader;
import org.vitrine.core.content.FileInspector;
import org.vitrine.core.hdf5.Hdf5Files;
import org.vitrine.core.model.Collection;
import org.vitrine.core.model.Visibility;
import org.vitrine.core.techniques.PaNet;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The precomputed volumes baked into the site: the API's bytes, within the budgets, coarse scales first. */
class PreviewVolumeBakeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    static Collection load(Path content, Hdf5Files hdf5) {
        CollectionLoader.Result r = new CollectionLoader(PaNet.bundled(), new Visibility(LocalDate.now()),
                new FileInspector(hdf5, null), null).load(content);
        assertFalse(r.hasErrors(), r.problems().toString());
        return r.collection();
    }

    static List<String> files(Path site, String under) throws IOException {
        try (Stream<Path> s = Files.walk(site)) {
            return s.filter(Files::isRegularFile).map(p -> site.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> p.contains("/precomputed/") && p.startsWith(under)).sorted().toList();
        }
    }

    @Test
    void theStaticTreeHoldsTheBytesTheApiServes() throws Exception {
        Path site = tmp.resolve("site");
        Fixtures.Run run = Fixtures.vitrine("build", "--content", Fixtures.demoContent().toString(), "--out", site.toString());
        assertEquals(0, run.exit(), run.err());
        List<String> baked = files(site, "datasets/");
        for (String expected : List.of("shepp-logan-phantom-volume/precomputed/shepp-logan-phantom-128.h5/info",
                "siemens-star-test-image/precomputed/siemens-star-512.nxs/2_2_1/0-256_0-256_0-1",
                "petra-p25-near-field-ptycho/precomputed/PETRAIII_P25_Near_Field_Ptycho.cxi/info")) {
            assertTrue(baked.contains("datasets/" + expected), expected + " in " + baked);
        }
        assertTrue(baked.stream().noneMatch(p -> p.contains("xfel-sfx-lysozyme-embargoed")));

        try (Hdf5Files hdf5 = new Hdf5Files(8, 64L << 20)) {
            Collection collection = load(Fixtures.demoContent(), hdf5);
            Path dataRoot = Fixtures.demoContent().resolve(collection.site().dataRoot());
            PrecomputedRoutes routes = new PrecomputedRoutes(
                    new PreviewFiles(collection, new CollectionResolver(collection, dataRoot)), hdf5, H5groveOptions.defaults());
            Javalin api = ApiServer.create(List.of(routes), c -> { }).start("127.0.0.1", 0);
            try {
                HttpClient client = HttpClient.newHttpClient();
                for (String path : baked) {
                    // datasets/<id>/precomputed/<file>/<rest> is /api/precomputed/<id>/<file>/<rest>
                    String[] parts = path.split("/", 4);
                    String url = "http://127.0.0.1:" + api.port() + "/api/precomputed/" + parts[1] + "/" + parts[3];
                    HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    assertEquals(200, r.statusCode(), url + ": " + new String(r.body()));
                    assertArrayEquals(r.body(), Files.readAllBytes(site.resolve(path)), path);
                }
            } finally {
                api.stop();
                routes.close();
            }
        }
    }

    @Test
    void budgetsKeepTheCoarsestScalesFirst() throws Exception {
        Path content = tmp.resolve("content");
        copy(Fixtures.demoContent(), content);
        // The star's full scale is 1 MB and its 2×2 one 262 kB; the phantom's one scale is 4.2 MB.
        Files.writeString(content.resolve("site.yaml"), Files.readString(content.resolve("site.yaml"))
                + "preview_budget_dataset: 600 kB\npreview_budget_site: 2 MB\n");
        Path site = tmp.resolve("budget-site");
        Fixtures.Run run = Fixtures.vitrine("build", "--content", content.toString(), "--out", site.toString());
        assertEquals(0, run.exit(), run.err());
        JsonNode star = JSON.readTree(site.resolve("datasets/siemens-star-test-image/precomputed/siemens-star-512.nxs/info").toFile());
        assertEquals(1, star.get("scales").size());
        assertEquals("2_2_1", star.get("scales").get(0).get("key").asText());
        assertTrue(files(site, "datasets/siemens-star-test-image/").stream().noneMatch(p -> p.contains("/1_1_1/")));
        // Over the dataset budget even at its coarsest: no volume at all, rather than an info without chunks.
        assertTrue(files(site, "datasets/shepp-logan-phantom-volume/").isEmpty());

        long total = 0;
        for (String p : files(site, "datasets/")) {
            total += Files.size(site.resolve(p));
        }
        assertTrue(total <= 2_000_000 + 10_000, "baked " + total + " bytes");

        // A site budget below the star's two scales: the small files and the star's overview fit, its full scale not.
        Files.writeString(content.resolve("site.yaml"), Files.readString(content.resolve("site.yaml"))
                .replace("preview_budget_dataset: 600 kB", "preview_budget_dataset: 2 MB")
                .replace("preview_budget_site: 2 MB", "preview_budget_site: 1.1 MB"));
        run = Fixtures.vitrine("build", "--content", content.toString(), "--out", site.toString());
        assertEquals(0, run.exit(), run.err());
        star = JSON.readTree(site.resolve("datasets/siemens-star-test-image/precomputed/siemens-star-512.nxs/info").toFile());
        assertEquals(1, star.get("scales").size());
        assertEquals("2_2_1", star.get("scales").get(0).get("key").asText());
        assertTrue(Files.isRegularFile(site.resolve("datasets/cxi-minimal-example/precomputed/minimal.cxi/1_1_1/0-100_0-50_0-1")),
                files(site, "datasets/cxi-minimal-example/").toString());
        total = 0;
        for (String p : files(site, "datasets/")) {
            total += Files.size(site.resolve(p));
        }
        assertTrue(total <= 1_100_000 + 10_000, "baked " + total + " bytes");
    }

    @Test
    void datasetsThatShareAFileGetTheSameVolume() throws Exception {
        Path content = tmp.resolve("shared-content");
        copy(Fixtures.demoContent(), content);
        Path phantom = content.resolve("datasets/shepp-logan-phantom-volume.md");
        Files.writeString(content.resolve("datasets/phantom-again.md"), Files.readString(phantom)
                .replace("id: shepp-logan-phantom-volume", "id: phantom-again")
                .replace("title: Synthetic 3D", "title: The same synthetic 3D"));
        Path site = tmp.resolve("shared-site");
        Fixtures.Run run = Fixtures.vitrine("build", "--content", content.toString(), "--out", site.toString());
        assertEquals(0, run.exit(), run.err());
        List<String> first = files(site, "datasets/shepp-logan-phantom-volume/");
        List<String> second = files(site, "datasets/phantom-again/");
        assertFalse(first.isEmpty());
        assertEquals(first.stream().map(p -> p.substring(p.indexOf("/precomputed/"))).toList(),
                second.stream().map(p -> p.substring(p.indexOf("/precomputed/"))).toList());
        for (int i = 0; i < first.size(); i++) {
            assertArrayEquals(Files.readAllBytes(site.resolve(first.get(i))), Files.readAllBytes(site.resolve(second.get(i))), second.get(i));
        }
    }

    @Test
    void aBudgetThatIsNotASizeIsAnError() throws Exception {
        Path content = tmp.resolve("bad-content");
        copy(Fixtures.demoContent(), content);
        Files.writeString(content.resolve("site.yaml"), Files.readString(content.resolve("site.yaml"))
                + "preview_budget_site: lots\n");
        Fixtures.Run run = Fixtures.vitrine("check", "--content", content.toString());
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("preview_budget_site must be a size such as 50 MB"), run.err());
    }

    static void copy(Path from, Path to) throws IOException {
        List<Path> all = new ArrayList<>();
        try (Stream<Path> s = Files.walk(from)) {
            s.forEach(all::add);
        }
        for (Path p : all) {
            Path target = to.resolve(from.relativize(p).toString());
            if (Files.isDirectory(p)) {
                Files.createDirectories(target);
            } else {
                Files.copy(p, target);
            }
        }
    }
}
