package org.vitrine.api.h5grove;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NumericNode;
import io.jhdf.HdfFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.vitrine.core.testing.NeedsSharedData;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every request the reference h5grove server answered, asked again: the same JSON (parsed), the
 * same bytes, and, where the reference failed with an HTML page, a JSON error or the right data.
 */
@NeedsSharedData
class H5groveConformanceTest {

    private static TestServer server;

    /** Numbers compare by value: the reference writes 1.0 where another encoder may write 1. */
    private static final Comparator<JsonNode> NUMERIC = (a, b) -> {
        if (a instanceof NumericNode && b instanceof NumericNode) {
            return Double.compare(a.doubleValue(), b.doubleValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    /**
     * Where the reference answered an HTML 500, what a better server answers: the status, and a
     * phrase its JSON message must hold (null when the answer is the data itself).
     */
    private static final Map<String, Object[]> IMPROVED = Map.ofEntries(
            Map.entry("030_data.txt", new Object[]{200, null}),                       // bitshuffle: jHDF decodes it
            Map.entry("033_data.txt", new Object[]{501, "lzo"}),                      // LZO: named, not decodable
            Map.entry("047_meta.txt", new Object[]{200, null}),                       // consistency flags: readable
            Map.entry("048_meta.txt", new Object[]{422, "petra_truncated_1MiB.cxi"}), // truncated
            Map.entry("049_data.txt", new Object[]{422, "cannot be decoded"}),        // corrupt deflate chunk
            Map.entry("050_meta.txt", new Object[]{422, "empty.h5 is empty"}),        // empty file
            Map.entry("053_data.txt", new Object[]{422, "out of range"}));           // index 500 of 200

    @BeforeAll
    static void start() {
        server = TestServer.overSharedData();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Path reference() {
        return TestServer.sharedData().resolve("../h5grove-reference").normalize();
    }

    @TestFactory
    List<DynamicTest> answersAsTheReferenceDoes() throws IOException {
        List<String> lines = Files.readAllLines(reference().resolve("index.tsv"));
        List<DynamicTest> tests = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            String url = f[1];
            int status = Integer.parseInt(f[2]);
            String contentType = f[3];
            String saved = f[6];
            tests.add(DynamicTest.dynamicTest(saved + " " + url, () -> check(url, status, contentType, saved)));
        }
        assertEquals(41, tests.size(), "the reference holds 41 requests");
        return tests;
    }

    private void check(String url, int status, String contentType, String saved) throws Exception {
        HttpResponse<byte[]> ours = server.get(url);
        byte[] expected = Files.readAllBytes(reference().resolve(saved));
        if (IMPROVED.containsKey(saved)) {
            Object[] better = IMPROVED.get(saved);
            assertEquals(better[0], ours.statusCode(), new String(ours.body()));
            if (better[1] != null) {
                String message = TestServer.json(ours).get("message").asText();
                assertTrue(message.contains((String) better[1]), message);
                assertTrue(ours.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
            }
            if (saved.equals("047_meta.txt")) {
                try (HdfFile f = new HdfFile(TestServer.sharedData().resolve("jhdf/test_byteshuffle_compressed_datasets_latest.hdf5"))) {
                    List<String> names = new ArrayList<>();
                    TestServer.json(ours).get("children").forEach(c -> names.add(c.get("name").asText()));
                    assertEquals(new java.util.TreeSet<>(f.getChildren().keySet()), new java.util.TreeSet<>(names));
                }
            }
            if (saved.equals("030_data.txt")) {
                try (HdfFile f = new HdfFile(TestServer.sharedData().resolve("jhdf/bitshuffle_datasets.hdf5"))) {
                    float[] values = (float[]) f.getDatasetByPath("/float32_bs8_comp2").getData();
                    JsonNode body = TestServer.json(ours);
                    assertEquals(values.length, body.size());
                    for (int i = 0; i < values.length; i++) {
                        assertEquals(values[i], body.get(i).floatValue(), 0);
                    }
                }
            }
            return;
        }
        assertEquals(status, ours.statusCode(), new String(ours.body()));
        String ourType = ours.headers().firstValue("Content-Type").orElse("");
        assertTrue(ourType.startsWith(contentType.split(";")[0]), ourType + " for " + contentType);
        if (contentType.equals("application/json")) {
            JsonNode theirs = TestServer.JSON.readTree(expected);
            JsonNode mine = TestServer.json(ours);
            if (status == 404) {
                // h5web matches the phrase; the rest of our message may say more.
                String phrase = theirs.get("message").asText().replace("!", "");
                assertTrue(mine.get("message").asText().contains(phrase.contains("File not found") ? "File not found" : phrase),
                        mine + " vs " + theirs);
                return;
            }
            assertTrue(theirs.equals(NUMERIC, mine), "expected " + theirs + "\n but was " + mine);
        } else if (contentType.equals("image/tiff")) {
            assertArrayEquals(tiffPixels(expected), tiffPixels(ours.body()));
        } else {
            assertArrayEquals(expected, ours.body());
        }
    }

    /** The pixel bytes of a single-image TIFF, read from its strip offsets and byte counts. */
    static byte[] tiffPixels(byte[] tiff) {
        ByteBuffer b = ByteBuffer.wrap(tiff).order(tiff[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        int ifd = b.getInt(4);
        int n = b.getShort(ifd) & 0xFFFF;
        long[] offsets = null;
        long[] counts = null;
        for (int i = 0; i < n; i++) {
            int e = ifd + 2 + i * 12;
            int tag = b.getShort(e) & 0xFFFF;
            if (tag == 273 || tag == 279) {
                long[] v = values(b, e);
                if (tag == 273) {
                    offsets = v;
                } else {
                    counts = v;
                }
            }
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < offsets.length; i++) {
            out.write(tiff, (int) offsets[i], (int) counts[i]);
        }
        return out.toByteArray();
    }

    private static long[] values(ByteBuffer b, int entry) {
        int type = b.getShort(entry + 2) & 0xFFFF;
        int count = b.getInt(entry + 4);
        int size = type == 3 ? 2 : type == 16 ? 8 : 4;
        int at = count * size <= 4 ? entry + 8 : b.getInt(entry + 8);
        long[] v = new long[count];
        for (int i = 0; i < count; i++) {
            v[i] = type == 3 ? b.getShort(at + i * 2) & 0xFFFF : type == 16 ? b.getLong(at + i * 8) : b.getInt(at + i * 4) & 0xFFFFFFFFL;
        }
        return v;
    }
}
