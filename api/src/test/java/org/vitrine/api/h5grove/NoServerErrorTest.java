package org.vitrine.api.h5grove;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.vitrine.core.testing.Fixtures;
import org.vitrine.core.testing.NeedsSharedData;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every file of the shared test data (real facility files, broken ones, files that are not
 * HDF5 at all) and of the fixtures, every path in it, every endpoint: never a 500, which is kept
 * for Vitrine's own bugs. What cannot be served is a JSON error that says what kind.
 */
class NoServerErrorTest {

    @Test
    void noFixtureAnswersWithAServerError() throws Exception {
        walk(Fixtures.hdf5());
    }

    @Test
    @NeedsSharedData
    void noSharedFileAnswersWithAServerError() throws Exception {
        walk(TestServer.sharedData());
    }

    private static void walk(Path root) throws Exception {
        List<String> failures = new ArrayList<>();
        int asked = 0;
        try (TestServer server = new TestServer(new DataRootResolver(root), H5groveOptions.defaults());
             Stream<Path> s = Files.walk(root)) {
            for (Path file : s.filter(Files::isRegularFile).sorted().toList()) {
                String f = "file=" + enc(root.relativize(file).toString().replace('\\', '/'));
                List<String> paths = new ArrayList<>(List.of("/"));
                HttpResponse<byte[]> listing = server.get("/paths?" + f);
                asked++;
                check(listing, "/paths?" + f, failures);
                if (listing.statusCode() == 200) {
                    paths.clear();
                    TestServer.json(listing).forEach(p -> paths.add(p.asText()));
                }
                for (String path : paths) {
                    String q = f + "&path=" + enc(path);
                    List<String> urls = new ArrayList<>(List.of("/meta?" + q, "/meta?" + q + "&resolve_links=all",
                            "/meta?" + q + "&resolve_links=none", "/attr?" + q));
                    HttpResponse<byte[]> meta = server.get("/meta?" + q);
                    if (meta.statusCode() == 200 && "dataset".equals(TestServer.json(meta).path("kind").asText())) {
                        // A slice of large datasets: whole ones are the 413 limit's and the time-out's business.
                        JsonNode shape = TestServer.json(meta).get("shape");
                        String sel = shape != null && shape.size() > 1 ? "&selection=0"
                                : shape != null && shape.size() == 1 && shape.get(0).asLong() > 1_000_000 ? "&selection=0%3A1000" : "";
                        urls.addAll(List.of("/data?" + q + sel, "/data?" + q + sel + "&format=bin",
                                "/data?" + q + sel + "&format=npy", "/data?" + q + sel + "&flatten=true",
                                "/data?" + q + sel + "&format=bin&dtype=safe", "/stats?" + q + sel));
                    }
                    for (String url : urls) {
                        check(server.get(url), url, failures);
                        asked++;
                    }
                }
            }
        }
        assertTrue(asked > 100, "requests asked: " + asked);
        assertTrue(failures.isEmpty(), failures.size() + " answers of " + asked + " were server errors or not JSON errors:\n"
                + String.join("\n", failures.subList(0, Math.min(20, failures.size()))));
    }

    private static void check(HttpResponse<byte[]> r, String url, List<String> failures) {
        String body = new String(r.body(), StandardCharsets.UTF_8);
        if (r.statusCode() >= 500 && r.statusCode() != 501 && r.statusCode() != 503) {
            failures.add(r.statusCode() + " " + url + " " + body);
        } else if (r.statusCode() >= 400 && !body.startsWith("{\"message\":")) {
            failures.add(r.statusCode() + " without a JSON message: " + url + " " + body);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
