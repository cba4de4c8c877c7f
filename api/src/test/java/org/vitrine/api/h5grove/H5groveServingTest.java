package org.vitrine.api.h5grove;

import com.fasterxml.jackson.databind.JsonNode;
import io.jhdf.HdfFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.vitrine.core.testing.NeedsSharedData;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server as h5web uses it, over every shared file, with its headers and limits. */
@NeedsSharedData
class H5groveServingTest {

    private static final String PETRA = "file=" + enc("cdtools/PETRAIII_P25_Near_Field_Ptycho.cxi");
    private static final String DATA = "/entry_1/instrument_1/detector_1/data";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.overSharedData();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void rootSaysOk() throws Exception {
        HttpResponse<byte[]> r = server.get("/");
        assertEquals(200, r.statusCode());
        assertEquals("ok", new String(r.body(), StandardCharsets.UTF_8));
    }

    @Test
    void h5webRequestSequence() throws Exception {
        JsonNode root = TestServer.json(server.get("/meta?" + PETRA + "&path=%2F"));
        assertEquals("group", root.get("kind").asText());
        assertTrue(root.get("children").toString().contains("entry_1"));
        JsonNode group = TestServer.json(server.get("/meta?" + PETRA + "&path=" + enc("/entry_1/instrument_1/detector_1")));
        assertEquals("group", group.get("kind").asText());
        List<String> names = new ArrayList<>();
        group.get("children").forEach(c -> names.add(c.get("name").asText()));
        assertTrue(names.containsAll(List.of("data", "distance", "x_pixel_size")), names.toString());
        JsonNode dataset = TestServer.json(server.get("/meta?" + PETRA + "&path=" + enc(DATA)));
        assertEquals("[200,100,100]", dataset.get("shape").toString());
        HttpResponse<byte[]> frame = server.get("/data?" + PETRA + "&path=" + enc(DATA) + "&selection=" + enc("0,:,:") + "&format=bin&dtype=safe");
        assertEquals(200, frame.statusCode());
        assertEquals("application/octet-stream", frame.headers().firstValue("Content-Type").orElseThrow());
        try (HdfFile f = new HdfFile(TestServer.sharedData().resolve("cdtools/PETRAIII_P25_Near_Field_Ptycho.cxi"))) {
            int[][][] all = (int[][][]) f.getDatasetByPath(DATA).getData();
            ByteBuffer b = ByteBuffer.wrap(frame.body()).order(ByteOrder.LITTLE_ENDIAN);
            assertEquals(100 * 100 * 4, frame.body().length);
            for (int y = 0; y < 100; y++) {
                for (int x = 0; x < 100; x++) {
                    assertEquals(all[0][y][x], b.getInt(), "at " + y + "," + x);
                }
            }
        }
    }

    @Test
    void everySharedFileIsAnsweredWithDataOrJsonError() throws Exception {
        Path root = TestServer.sharedData();
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".txt") && !p.getFileName().toString().startsWith("LICENSE")
                    && !p.toString().contains("panet")).sorted().toList();
        }
        assertTrue(files.size() > 30, "found " + files.size());
        int answered = 0;
        for (Path file : files) {
            String name = "file=" + enc(root.relativize(file).toString().replace('\\', '/'));
            HttpResponse<byte[]> meta = expectDataOrJsonError("/meta?" + name + "&path=%2F");
            HttpResponse<byte[]> paths = expectDataOrJsonError("/paths?" + name);
            if (paths.statusCode() != 200) {
                continue;
            }
            for (JsonNode p : TestServer.json(paths)) {
                String path = "&path=" + enc(p.asText());
                HttpResponse<byte[]> m = expectDataOrJsonError("/meta?" + name + path);
                if (m.statusCode() == 200 && TestServer.json(m).get("kind").asText().equals("dataset")) {
                    expectDataOrJsonError("/data?" + name + path);
                    expectDataOrJsonError("/data?" + name + path + "&format=bin&dtype=safe");
                    long size = 1;
                    for (JsonNode n : TestServer.json(m).path("shape")) {
                        size *= n.asLong();
                    }
                    if (size < 100_000_000L) {
                        // Stats stream through the whole dataset; the 2^31-element one would only test patience.
                        expectDataOrJsonError("/stats?" + name + path);
                    }
                    expectDataOrJsonError("/attr?" + name + path);
                    answered++;
                }
            }
            assertNotNull(meta);
        }
        assertTrue(answered > 100, "datasets answered: " + answered);
        assertEquals(200, server.get("/meta?" + PETRA + "&path=%2F").statusCode(), "still serving");
    }

    private static HttpResponse<byte[]> expectDataOrJsonError(String request) throws Exception {
        HttpResponse<byte[]> r = server.get(request);
        if (r.statusCode() != 200) {
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), request);
            JsonNode body = TestServer.json(r);
            String message = body.get("message").asText();
            assertFalse(message.isBlank(), request);
            assertFalse(message.contains("\n") || message.contains("\tat "), "one line, no stack trace: " + message);
            assertTrue(List.of(404, 413, 422, 500, 501).contains(r.statusCode()), r.statusCode() + " " + message + " for " + request);
            assertFalse(message.startsWith("Internal server error"), "an error the server understood: " + message + " for " + request);
            System.out.println(r.statusCode() + " " + message);
        }
        return r;
    }

    @Test
    void traversalAttemptsAreMissingFiles() throws Exception {
        for (String raw : List.of("../etc/passwd", "..%2Fetc%2Fpasswd", "%2e%2e%2fetc%2fpasswd", "/etc/passwd",
                "cdtools/../../shared/data/cdtools/PETRAIII_P25_Near_Field_Ptycho.cxi", "cdtools\\..\\cdtools\\x.cxi",
                "cdtools/%00PETRAIII_P25_Near_Field_Ptycho.cxi", "./cdtools/PETRAIII_P25_Near_Field_Ptycho.cxi", "cdtools", "")) {
            // Sent once URL-encoded, so the raw text (with its own % escapes) reaches the server intact.
            HttpResponse<byte[]> r = server.get("/meta?file=" + enc(raw) + "&path=%2F");
            assertEquals(404, r.statusCode(), raw);
            assertTrue(TestServer.json(r).get("message").asText().startsWith("File not found"), raw);
        }
        // Encoded once only: the server decodes it to ../ and must still refuse.
        assertEquals(404, server.get("/meta?file=..%2F..%2Fetc%2Fpasswd").statusCode());
    }

    @Test
    void symbolicLinksLeavingTheRootAreRefused(@TempDir Path root, @TempDir Path outside) throws Exception {
        Path petra = TestServer.sharedData().resolve("cdtools/PETRAIII_P25_Near_Field_Ptycho.cxi");
        Files.copy(petra, outside.resolve("secret.cxi"));
        Files.copy(petra, root.resolve("inside.cxi"));
        Files.createSymbolicLink(root.resolve("escape.cxi"), outside.resolve("secret.cxi"));
        Files.createSymbolicLink(root.resolve("alias.cxi"), root.resolve("inside.cxi"));
        Files.createSymbolicLink(root.resolve("dir"), outside);
        try (TestServer s = new TestServer(new DataRootResolver(root), H5groveOptions.defaults())) {
            assertEquals(200, s.get("/meta?file=inside.cxi").statusCode());
            assertEquals(200, s.get("/meta?file=alias.cxi").statusCode(), "a link that stays inside is served");
            assertEquals(404, s.get("/meta?file=escape.cxi").statusCode());
            assertEquals(404, s.get("/meta?file=dir%2Fsecret.cxi").statusCode());
        }
    }

    @Test
    void selectionsTooLargeAreRefusedBeforeReading() throws Exception {
        try (TestServer s = new TestServer(new DataRootResolver(TestServer.sharedData()), H5groveOptions.defaults().withMaxResponseBytes(100_000))) {
            HttpResponse<byte[]> r = s.get("/data?" + PETRA + "&path=" + enc(DATA) + "&format=bin");
            assertEquals(413, r.statusCode());
            String message = TestServer.json(r).get("message").asText();
            assertTrue(message.contains("8000000 bytes") && message.contains("selection"), message);
            assertEquals(200, s.get("/data?" + PETRA + "&path=" + enc(DATA) + "&selection=0&format=bin").statusCode());
            // The 2^31-element dataset is refused from its shape, never read.
            HttpResponse<byte[]> huge = s.get("/data?file=" + enc("jhdf/tiny_huge_1d_over_maxint.hdf5") + "&path=%2Fhuge_1d");
            assertEquals(413, huge.statusCode());
        }
    }

    @Test
    void requestsOverTheTimeAreAbandonedWithJson() throws Exception {
        try (TestServer s = new TestServer(new DataRootResolver(TestServer.sharedData()), H5groveOptions.defaults().withTimeout(Duration.ofNanos(1)))) {
            HttpResponse<byte[]> r = s.get("/stats?" + PETRA + "&path=" + enc(DATA));
            assertEquals(503, r.statusCode());
            assertTrue(TestServer.json(r).get("message").asText().contains("longer than"));
        }
    }

    @Test
    void corsEtagCacheControlAndGzip() throws Exception {
        HttpResponse<byte[]> r = server.get("/data?" + PETRA + "&path=" + enc(DATA) + "&selection=0", "gzip");
        assertEquals(200, r.statusCode());
        assertEquals("*", r.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertEquals("gzip", r.headers().firstValue("Content-Encoding").orElse(null), "JSON is compressed");
        assertTrue(r.headers().firstValue("Cache-Control").isPresent());
        String etag = r.headers().firstValue("ETag").orElseThrow();

        HttpResponse<byte[]> again = server.client.send(HttpRequest.newBuilder(URI.create(server.base() + "/data?" + PETRA + "&path=" + enc(DATA) + "&selection=0"))
                .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(304, again.statusCode());

        HttpResponse<byte[]> bin = server.get("/data?" + PETRA + "&path=" + enc(DATA) + "&selection=0&format=bin", "gzip");
        assertFalse(bin.headers().firstValue("Content-Encoding").isPresent(), "binary arrays are sent as they are");
        assertFalse(etag.equals(bin.headers().firstValue("ETag").orElse(etag)), "another question, another tag");

        HttpResponse<byte[]> error = server.get("/meta?file=nope.h5");
        assertEquals("*", error.headers().firstValue("Access-Control-Allow-Origin").orElse(null), "errors are readable cross-origin");

        HttpResponse<byte[]> preflight = server.client.send(HttpRequest.newBuilder(URI.create(server.base() + "/data"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://viewer.example")
                .header("Access-Control-Request-Method", "GET").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertTrue(preflight.statusCode() < 300, "preflight " + preflight.statusCode());
        assertTrue(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("GET"));
    }

    @Test
    void corsOriginsCanBeRestricted() throws Exception {
        try (TestServer s = new TestServer(new DataRootResolver(TestServer.sharedData()),
                H5groveOptions.defaults().withCorsOrigins(List.of("https://viewer.example")))) {
            HttpResponse<byte[]> allowed = s.client.send(HttpRequest.newBuilder(URI.create(s.base() + "/"))
                    .header("Origin", "https://viewer.example").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals("https://viewer.example", allowed.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
            HttpResponse<byte[]> other = s.client.send(HttpRequest.newBuilder(URI.create(s.base() + "/"))
                    .header("Origin", "https://elsewhere.example").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertFalse(other.headers().firstValue("Access-Control-Allow-Origin").isPresent());
        }
    }

    @Test
    void rewrittenFilesAreReopened(@TempDir Path root) throws Exception {
        Path target = root.resolve("scan.h5");
        Files.copy(TestServer.sharedData().resolve("jhdf/float_special_values_latest.hdf5"), target);
        try (TestServer s = new TestServer(new DataRootResolver(root), H5groveOptions.defaults())) {
            assertTrue(new String(s.get("/paths?file=scan.h5").body()).contains("float16"));
            Files.copy(TestServer.sharedData().resolve("jhdf/test_file.hdf5"), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            String after = new String(s.get("/paths?file=scan.h5").body());
            assertTrue(after.contains("links_group") && !after.contains("float16"), after);
        }
    }

    @Test
    void repeatedQuestionsAreAnsweredAgainUntilTheFileChanges(@TempDir Path root) throws Exception {
        Path target = root.resolve("frames.h5");
        writeFrames(target, 1);
        try (TestServer s = new TestServer(new DataRootResolver(root), H5groveOptions.defaults())) {
            String q = "/data?file=frames.h5&path=%2Fv&format=bin&selection=1%2C%3A";
            HttpResponse<byte[]> first = s.get(q);
            HttpResponse<byte[]> second = s.get(q);
            assertEquals(200, second.statusCode());
            assertEquals(String.valueOf(4 * 3), second.headers().firstValue("Content-Length").orElse(null));
            assertArrayEquals(first.body(), second.body());
            assertEquals(first.headers().firstValue("ETag"), second.headers().firstValue("ETag"));
            assertEquals(List.of(4, 5, 6), ints(second.body()));

            // Same size, so only the modification time tells the versions apart.
            writeFrames(target, 100);
            Files.setLastModifiedTime(target, java.nio.file.attribute.FileTime.fromMillis(Files.getLastModifiedTime(target).toMillis() + 2000));
            HttpResponse<byte[]> after = s.get(q);
            assertEquals(List.of(400, 500, 600), ints(after.body()));
            assertFalse(after.headers().firstValue("ETag").equals(first.headers().firstValue("ETag")), "a new version, a new tag");
        }
    }

    /** A 2×3 int32 dataset /v holding 1…6 times {@code factor}. */
    private static void writeFrames(Path file, int factor) {
        int[][] v = {{factor, 2 * factor, 3 * factor}, {4 * factor, 5 * factor, 6 * factor}};
        try (io.jhdf.WritableHdfFile f = HdfFile.write(file)) {
            f.putDataset("v", v);
        }
    }

    private static List<Integer> ints(byte[] body) {
        ByteBuffer b = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
        List<Integer> out = new ArrayList<>();
        while (b.remaining() >= 4) {
            out.add(b.getInt());
        }
        return out;
    }

    @Test
    void manyClientsOnOneFileGetTheSameAnswers() throws Exception {
        List<String> requests = new ArrayList<>();
        for (int z = 0; z < 40; z++) {
            requests.add("/data?" + PETRA + "&path=" + enc(DATA) + "&selection=" + enc(z * 5 + ",10:90,:") + "&format=bin");
        }
        requests.add("/meta?" + PETRA + "&path=" + enc(DATA));
        requests.add("/stats?" + PETRA + "&path=" + enc(DATA) + "&selection=3");
        List<byte[]> expected = new ArrayList<>();
        for (String r : requests) {
            expected.add(server.get(r).body());
        }
        server.routes.hdf5().chunkCache().clear();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            List<java.util.concurrent.Future<byte[]>> futures = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (String r : requests) {
                    futures.add(pool.submit(() -> {
                        HttpResponse<byte[]> resp = server.get(r);
                        assertEquals(200, resp.statusCode(), r);
                        return resp.body();
                    }));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                assertArrayEquals(expected.get(i % requests.size()), futures.get(i).get(), requests.get(i % requests.size()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void stringsAndCompoundsAreSentAsJhdfReadsThem() throws Exception {
        Path file = TestServer.sharedData().resolve("cxidb-libcxi/typical_raw.cxi");
        try (HdfFile f = new HdfFile(file)) {
            Object expected = f.getDatasetByPath("/entry_1/start_time").getData();
            HttpResponse<byte[]> r = server.get("/data?file=" + enc("cxidb-libcxi/typical_raw.cxi") + "&path=" + enc("/entry_1/start_time"));
            assertEquals(200, r.statusCode());
            assertEquals(expected instanceof String[] a ? a[0] : String.valueOf(expected), TestServer.json(r).asText());
        }
        Path strings = TestServer.sharedData().resolve("jhdf/test_string_datasets_latest.hdf5");
        try (HdfFile f = new HdfFile(strings)) {
            String[] expected = (String[]) f.getDatasetByPath("/variable_length_ascii").getData();
            JsonNode body = TestServer.json(server.get("/data?file=" + enc("jhdf/test_string_datasets_latest.hdf5") + "&path=%2Fvariable_length_ascii&selection=" + enc("1:4")));
            assertEquals(3, body.size());
            for (int i = 0; i < 3; i++) {
                assertEquals(expected[1 + i], body.get(i).asText());
            }
        }
        Path compounds = TestServer.sharedData().resolve("jhdf/compound_datasets_latest.hdf5");
        try (HdfFile f = new HdfFile(compounds)) {
            @SuppressWarnings("unchecked")
            java.util.Map<String, Object> columns = (java.util.Map<String, Object>) f.getDatasetByPath("/contiguous_compound").getData();
            JsonNode body = TestServer.json(server.get("/data?file=" + enc("jhdf/compound_datasets_latest.hdf5") + "&path=%2Fcontiguous_compound"));
            String[] firstNames = (String[]) columns.get("firstName");
            assertEquals(firstNames.length, body.size());
            for (int i = 0; i < firstNames.length; i++) {
                assertEquals(firstNames[i], body.get(i).get(0).asText(), "records list members in order");
            }
        }
    }

    @Test
    void parametersAreChecked() throws Exception {
        String data = "/data?" + PETRA + "&path=" + enc(DATA);
        assertEquals(422, server.get(data + "&selection=" + enc("0,0,0,0")).statusCode());
        assertEquals(422, server.get(data + "&selection=" + enc("0,a:b")).statusCode());
        assertEquals(422, server.get(data + "&selection=" + enc("0,::0")).statusCode());
        assertEquals(422, server.get(data + "&selection=0&dtype=weird").statusCode());
        assertEquals(422, server.get("/meta?" + PETRA + "&resolve_links=maybe").statusCode());
        assertEquals(422, server.get("/data?" + PETRA + "&path=%2Fentry_1").statusCode(), "a group has no data");
        assertEquals(422, server.get("/meta").statusCode(), "file is required");
        // Non-numeric data: JSON, or its bytes as NumPy has them; no safe conversion.
        String start = "/data?file=" + enc("cxidb-libcxi/typical_raw.cxi") + "&path=" + enc("/entry_1/start_time");
        HttpResponse<byte[]> bytes = server.get(start + "&format=bin");
        assertEquals(200, bytes.statusCode());
        String text = TestServer.json(server.get(start)).asText();
        assertTrue(new String(bytes.body(), java.nio.charset.StandardCharsets.UTF_8).startsWith(text), "a fixed-length string's stored bytes");
        assertEquals(422, server.get(start + "&format=npy").statusCode());
        assertEquals(422, server.get(start + "&dtype=safe").statusCode());
        // Negative indices count from the end, as in NumPy.
        assertArrayEquals(server.get(data + "&selection=199&format=bin").body(), server.get(data + "&selection=-1&format=bin").body());
    }

    @Test
    void headAnswersWhatGetAnswersWithoutTheBody() throws Exception {
        for (String query : List.of("/", "/meta?" + PETRA + "&path=%2F", "/data?" + PETRA + "&path=" + enc(DATA) + "&selection=0&format=bin",
                "/data?file=missing.h5&path=%2F", "/data?" + PETRA + "&path=" + enc(DATA) + "&selection=99999")) {
            HttpResponse<byte[]> get = server.get(query);
            HttpResponse<byte[]> head = server.client.send(HttpRequest.newBuilder(URI.create(server.base() + query))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(get.statusCode(), head.statusCode(), query);
            assertEquals(get.headers().firstValue("Content-Type"), head.headers().firstValue("Content-Type"), query);
            if (get.statusCode() == 200 && !query.equals("/")) {
                // The answers' own validator. Javalin makes one from the body of other responses
                // (the root's "ok", errors), which a HEAD has not.
                assertEquals(get.headers().firstValue("ETag"), head.headers().firstValue("ETag"), query);
            }
            assertEquals(0, head.body().length, query);
        }
    }
}
