package org.vitrine.api.h5grove;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NumericNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.vitrine.core.testing.Fixtures;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every request the reference h5grove 4.0 answered over the HDF5 fixtures (user blocks, virtual
 * datasets, opaque and compound data, enums, strings, references, bitfields, links, NeXus and
 * CXI files, filters), asked again: the same status, the same JSON (parsed), the same bytes.
 * Where the reference failed (filters it has no plug-in for), the answer is the data.
 */
class H5groveGoldenTest {

    private static TestServer server;

    /**
     * Numbers compare by value; float32 values compare as float32, since the reference writes
     * them with float32's shortest digits, which Java's may round differently in the last place.
     */
    private static final Comparator<JsonNode> NUMERIC = (a, b) -> {
        if (a instanceof NumericNode && b instanceof NumericNode) {
            double x = a.doubleValue();
            double y = b.doubleValue();
            return x == y || (float) x == (float) y ? 0 : 1;
        }
        return a.equals(b) ? 0 : 1;
    };

    /**
     * NumPy sums float32 data in float32 for the mean (and its deviations for the standard
     * deviation); Vitrine sums exactly, so the two agree to float32's precision only.
     */
    private static final Comparator<JsonNode> STATISTICS = (a, b) -> {
        if (a instanceof NumericNode && b instanceof NumericNode) {
            double x = a.doubleValue();
            double y = b.doubleValue();
            return Math.abs(x - y) <= 1e-6 * Math.max(Math.abs(x), Math.abs(y)) ? 0 : 1;
        }
        return a.equals(b) ? 0 : 1;
    };

    private static boolean isFloat32(String url) throws Exception {
        String meta = url.replaceFirst("^/stats", "/meta").replaceAll("&selection=[^&]*", "");
        return TestServer.json(server.get(meta)).get("type").get("dtype").asText().endsWith("f4");
    }

    @BeforeAll
    static void start() {
        server = new TestServer(new DataRootResolver(Fixtures.hdf5()), H5groveOptions.defaults());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @TestFactory
    List<DynamicTest> answersAsTheReferenceDoes() throws IOException {
        Path answers = Fixtures.h5groveAnswers();
        List<String> lines = Files.readAllLines(answers.resolve("index.tsv"));
        List<DynamicTest> tests = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            String url = f[1];
            int status = Integer.parseInt(f[2]);
            String contentType = f[3];
            Path saved = answers.resolve(f[4]);
            tests.add(DynamicTest.dynamicTest(f[4] + " " + url, () -> check(url, status, contentType, saved)));
        }
        assertTrue(tests.size() > 500, "the recorded answers cover every path of every fixture");
        return tests;
    }

    private void check(String url, int status, String contentType, Path saved) throws Exception {
        HttpResponse<byte[]> ours = server.get(url);
        byte[] expected = Files.readAllBytes(saved);
        if (status == 500 && url.contains("file=filters.h5") && url.contains("blosc_lz4")) {
            // The reference has no Blosc plug-in (500); the same values are stored deflated beside them.
            String deflated = url.replaceAll("blosc_lz4(_shuffle)?", "deflate");
            assertEquals(200, ours.statusCode(), new String(ours.body()));
            assertArrayEquals(server.get(deflated).body(), ours.body(), url + " reads as " + deflated);
            return;
        }
        assertEquals(status, ours.statusCode(), url + ": " + new String(ours.body()));
        String ourType = ours.headers().firstValue("Content-Type").orElse("");
        assertTrue(ourType.startsWith(contentType.split(";")[0]), ourType + " for " + contentType);
        if (contentType.startsWith("application/json")) {
            JsonNode theirs = TestServer.JSON.readTree(expected);
            JsonNode mine = TestServer.json(ours);
            if (status == 404) {
                // Our message may say more (why a link is broken); it starts as the reference's
                // does, where Tornado kept it (it sends "Unknown" for messages with quotes).
                String phrase = theirs.get("message").asText();
                if (phrase.equals("Unknown")) {
                    assertTrue(mine.get("message").asText().startsWith("Cannot resolve"), mine.toString());
                    return;
                }
                String prefix = phrase.substring(0, phrase.indexOf(" at ") > 0 ? phrase.indexOf(" at ") : phrase.length());
                assertTrue(mine.get("message").asText().startsWith(prefix), mine + " vs " + theirs);
                return;
            }
            Comparator<JsonNode> numbers = url.startsWith("/stats") && isFloat32(url) ? STATISTICS : NUMERIC;
            assertTrue(theirs.equals(numbers, mine), url + "\nexpected " + theirs + "\n but was " + mine);
        } else {
            assertArrayEquals(expected, ours.body(), url);
        }
    }
}
