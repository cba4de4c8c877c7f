package org.vitrine.api.preview;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vitrine.api.h5grove.H5groveOptions;
import org.vitrine.core.testing.JhdfSource;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Precomputed info and chunks over HTTP, checked against the files read directly with jHDF. */
class PrecomputedRoutesTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static PreviewServer server;

    @BeforeAll
    static void start() {
        server = new PreviewServer(H5groveOptions.defaults());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonNode json(HttpResponse<byte[]> r) throws Exception {
        return JSON.readTree(r.body());
    }

    @Test
    void infoDescribesThePyramidWithCachingAndCors() throws Exception {
        HttpResponse<byte[]> r = server.get("/api/precomputed/star/siemens-star-512.nxs/info", "Origin", "https://neuroglancer.example");
        assertEquals(200, r.statusCode(), new String(r.body()));
        assertEquals("*", r.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertEquals("no-cache", r.headers().firstValue("Cache-Control").orElse(null));
        JsonNode info = json(r);
        assertEquals("image", info.get("type").asText());
        assertEquals("float32", info.get("data_type").asText());
        assertEquals(1, info.get("num_channels").asInt());
        JsonNode scales = info.get("scales");
        assertEquals(2, scales.size());
        assertEquals("1_1_1", scales.get(0).get("key").asText());
        assertEquals("[512,512,1]", scales.get(0).get("size").toString());
        assertEquals("[500,500,500]", scales.get(0).get("resolution").toString());
        assertEquals("[[256,256,1]]", scales.get(0).get("chunk_sizes").toString());
        assertEquals("2_2_1", scales.get(1).get("key").asText());
        assertEquals("[1000,1000,500]", scales.get(1).get("resolution").toString());
        assertEquals("raw", scales.get(1).get("encoding").asText());

        String etag = r.headers().firstValue("ETag").orElseThrow();
        assertEquals(304, server.get("/api/precomputed/star/siemens-star-512.nxs/info", "If-None-Match", etag).statusCode());
        HttpResponse<byte[]> preflight = server.client.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(server.url("/api/precomputed/star/siemens-star-512.nxs/info")))
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://neuroglancer.example").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(204, preflight.statusCode());
        assertTrue(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("GET"));
    }

    @Test
    void volumeInfoUsesTheVoxelSizeAndCubicChunks() throws Exception {
        JsonNode info = json(server.get("/api/precomputed/phantom/shepp-logan-phantom-128.h5/info"));
        assertEquals("uint16", info.get("data_type").asText());
        assertEquals(1, info.get("scales").size());
        assertEquals("[128,128,128]", info.get("scales").get(0).get("size").toString());
        assertEquals("[2500,2500,2500]", info.get("scales").get(0).get("resolution").toString());
        assertEquals("[[64,64,64]]", info.get("scales").get(0).get("chunk_sizes").toString());
    }

    @Test
    void fullResolutionChunksAreTheValuesJhdfReads() throws Exception {
        try (JhdfSource star = new JhdfSource(PreviewServer.dataRoot().resolve("synthetic/siemens-star-512.nxs"), "/entry/data/image")) {
            HttpResponse<byte[]> r = server.get("/api/precomputed/star/siemens-star-512.nxs/1_1_1/256-512_0-256_0-1");
            assertEquals(200, r.statusCode(), new String(r.body()));
            assertEquals("application/octet-stream", r.headers().firstValue("Content-Type").orElse(""));
            float[] expected = star.read(new long[] {0, 256}, new int[] {256, 256});
            assertArrayEquals(expected, floats(r.body()));
        }
        try (JhdfSource phantom = new JhdfSource(PreviewServer.dataRoot().resolve("synthetic/shepp-logan-phantom-128.h5"), "/entry/data/data")) {
            HttpResponse<byte[]> r = server.get("/api/precomputed/phantom/shepp-logan-phantom-128.h5/1_1_1/64-128_0-64_64-128");
            assertEquals(200, r.statusCode(), new String(r.body()));
            double[] expected = phantom.readDoubles(new long[] {64, 0, 64}, new int[] {64, 64, 64});
            ByteBuffer b = ByteBuffer.wrap(r.body()).order(ByteOrder.LITTLE_ENDIAN);
            assertEquals(expected.length * 2, r.body().length);
            for (double v : expected) {
                assertEquals((int) v, Short.toUnsignedInt(b.getShort()));
            }
        }
        try (JhdfSource frames = new JhdfSource(PreviewServer.dataRoot().resolve("petra-p25/PETRAIII_P25_Near_Field_Ptycho.cxi"), "/entry_1/data_1/data")) {
            long[] shape = frames.shape();
            JsonNode info = json(server.get("/api/precomputed/ptycho/PETRAIII_P25_Near_Field_Ptycho.cxi/info"));
            assertEquals("[" + shape[2] + "," + shape[1] + "," + shape[0] + "]", info.get("scales").get(0).get("size").toString());
            String name = "0-" + shape[2] + "_0-" + shape[1] + "_7-8";
            HttpResponse<byte[]> r = server.get("/api/precomputed/ptycho/PETRAIII_P25_Near_Field_Ptycho.cxi/1_1_1/" + name);
            assertEquals(200, r.statusCode(), new String(r.body()));
            double[] expected = frames.readDoubles(new long[] {7, 0, 0}, new int[] {1, (int) shape[1], (int) shape[2]});
            String type = info.get("data_type").asText();
            ByteBuffer b = ByteBuffer.wrap(r.body()).order(ByteOrder.LITTLE_ENDIAN);
            for (double v : expected) {
                double got = switch (type) {
                    case "uint8" -> Byte.toUnsignedInt(b.get());
                    case "uint16" -> Short.toUnsignedInt(b.getShort());
                    case "uint32" -> Integer.toUnsignedLong(b.getInt());
                    default -> b.getFloat();
                };
                assertEquals((float) v, (float) got);
            }
            assertEquals(0, b.remaining());
        }
    }

    @Test
    void coarseChunksAreTwoByTwoMeansOfJhdfValues() throws Exception {
        try (JhdfSource star = new JhdfSource(PreviewServer.dataRoot().resolve("synthetic/siemens-star-512.nxs"), "/entry/data/image")) {
            HttpResponse<byte[]> r = server.get("/api/precomputed/star/siemens-star-512.nxs/2_2_1/0-256_0-256_0-1");
            assertEquals(200, r.statusCode(), new String(r.body()));
            double[] full = star.readDoubles(new long[] {0, 0}, new int[] {512, 512});
            float[] got = floats(r.body());
            assertEquals(256 * 256, got.length);
            for (int y = 0; y < 256; y++) {
                for (int x = 0; x < 256; x++) {
                    double mean = (full[2 * y * 512 + 2 * x] + full[2 * y * 512 + 2 * x + 1]
                            + full[(2 * y + 1) * 512 + 2 * x] + full[(2 * y + 1) * 512 + 2 * x + 1]) / 4;
                    assertEquals((float) mean, got[y * 256 + x], 1e-6f * Math.abs((float) mean) + 1e-6f, "voxel " + x + "," + y);
                }
            }
        }
    }

    @Test
    void unknownNamesTraversalAndEmbargoAreJsonNotFound() throws Exception {
        for (String path : List.of(
                "/api/precomputed/embargoed/siemens-star-512.nxs/info",
                "/api/precomputed/nothing/siemens-star-512.nxs/info",
                "/api/precomputed/star/missing.nxs/info",
                "/api/precomputed/ptycho/minimal.cxi/info",
                "/api/precomputed/..%2Fsynthetic/siemens-star-512.nxs/info",
                "/api/precomputed/star/..%2F..%2Fsynthetic%2Fsiemens-star-512.nxs/info",
                "/api/precomputed/synthetic/siemens-star-512.nxs/info")) {
            HttpResponse<byte[]> r = server.get(path);
            assertEquals(404, r.statusCode(), path);
            assertTrue(json(r).get("message").asText().startsWith("File not found") || json(r).get("message").asText().startsWith("Not found"), path);
        }
        // The embargoed file answers exactly as a missing one.
        assertEquals("{\"message\":\"File not found: embargoed/siemens-star-512.nxs\"}",
                new String(server.get("/api/precomputed/embargoed/siemens-star-512.nxs/info").body()));
        for (String chunk : List.of("1_1_1/0-256_0-256_0-2", "1_1_1/1-257_0-256_0-1", "1_1_1/512-768_0-256_0-1",
                "4_4_1/0-128_0-128_0-1", "1_1_1/0-256_0-256_0-1.png", "1_1_1/99999999999999999999-1_0-256_0-1")) {
            HttpResponse<byte[]> r = server.get("/api/precomputed/star/siemens-star-512.nxs/" + chunk);
            assertEquals(404, r.statusCode(), chunk);
            assertNotNull(json(r).get("message"), chunk);
        }
    }

    @Test
    void chunksLargerThanTheLimitAre413() throws Exception {
        try (PreviewServer small = new PreviewServer(H5groveOptions.defaults().withMaxResponseBytes(100_000))) {
            HttpResponse<byte[]> r = small.get("/api/precomputed/star/siemens-star-512.nxs/1_1_1/0-256_0-256_0-1");
            assertEquals(413, r.statusCode());
            assertTrue(json(r).get("message").asText().contains("262144 bytes"), new String(r.body()));
            assertEquals(200, small.get("/api/precomputed/star/siemens-star-512.nxs/info").statusCode());
        }
    }

    @Test
    void aRewrittenFileIsServedAfreshNotFromTheKeptAnswers(@org.junit.jupiter.api.io.TempDir java.nio.file.Path root) throws Exception {
        java.nio.file.Path star = root.resolve("synthetic/siemens-star-512.nxs");
        java.nio.file.Files.createDirectories(star.getParent());
        writeImage(star, 1f);
        try (PreviewServer s = new PreviewServer(H5groveOptions.defaults(), root)) {
            String chunk = "/api/precomputed/star/siemens-star-512.nxs/1_1_1/0-256_0-256_0-1";
            HttpResponse<byte[]> first = s.get(chunk);
            assertEquals(1f, floats(first.body())[0]);
            assertArrayEquals(first.body(), s.get(chunk).body());
            HttpResponse<byte[]> tile = s.get("/api/tiles/star/siemens-star-512.nxs/0/0/0/0/0.png");
            assertEquals(200, tile.statusCode());

            writeImage(star, 7f);
            java.nio.file.Files.setLastModifiedTime(star, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
            HttpResponse<byte[]> second = s.get(chunk);
            assertEquals(7f, floats(second.body())[0]);
            assertTrue(!first.headers().firstValue("ETag").equals(second.headers().firstValue("ETag")));
            // The client's old copy is stale: not 304.
            assertEquals(200, s.get(chunk, "If-None-Match", first.headers().firstValue("ETag").orElseThrow()).statusCode());
        }
    }

    /** A 512² float image at /entry/data/image whose values are {@code base} plus a ramp. */
    static void writeImage(java.nio.file.Path path, float base) {
        float[][] v = new float[512][512];
        for (int y = 0; y < 512; y++) {
            for (int x = 0; x < 512; x++) {
                v[y][x] = base + (x + y) / 1024f;
            }
        }
        try (io.jhdf.WritableHdfFile f = io.jhdf.HdfFile.write(path)) {
            f.putGroup("entry").putGroup("data").putDataset("image", v);
        }
    }

    static float[] floats(byte[] body) {
        ByteBuffer b = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
        float[] f = new float[body.length / 4];
        for (int i = 0; i < f.length; i++) {
            f[i] = b.getFloat();
        }
        return f;
    }
}
