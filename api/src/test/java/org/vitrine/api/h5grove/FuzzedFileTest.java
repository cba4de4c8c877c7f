package org.vitrine.api.h5grove;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.vitrine.core.testing.NeedsSharedData;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mutates bytes of the PETRA file, rewriting it under the same name each time, and checks that
 * every answer is data or a JSON error and that the server keeps serving the intact file.
 */
@NeedsSharedData
class FuzzedFileTest {

    private static final int ITERATIONS = 300;
    private static final String DATA = "%2Fentry_1%2Finstrument_1%2Fdetector_1%2Fdata";

    @Test
    void mutatedFilesNeverBreakTheServer(@TempDir Path root) throws Exception {
        byte[] original = Files.readAllBytes(TestServer.sharedData().resolve("cdtools/PETRAIII_P25_Near_Field_Ptycho.cxi"));
        Files.write(root.resolve("intact.cxi"), original);
        Path fuzzed = root.resolve("fuzzed.cxi");
        Random random = new Random(20240611);
        int errors = 0;
        H5groveOptions options = H5groveOptions.defaults().withTimeout(Duration.ofSeconds(20));
        try (TestServer s = new TestServer(new DataRootResolver(root), options)) {
            for (int i = 0; i < ITERATIONS; i++) {
                byte[] bytes = original.clone();
                int mutations = 1 + random.nextInt(8);
                for (int m = 0; m < mutations; m++) {
                    // Mostly the metadata at the start of the file, sometimes anywhere.
                    int at = random.nextInt(4) == 0 ? random.nextInt(bytes.length) : random.nextInt(Math.min(bytes.length, 16384));
                    bytes[at] = (byte) random.nextInt(256);
                }
                Files.write(fuzzed, bytes);
                Files.setLastModifiedTime(fuzzed, FileTime.fromMillis(1_000_000L + i * 1000L));
                for (String request : List.of("/meta?file=fuzzed.cxi&path=%2F", "/paths?file=fuzzed.cxi",
                        "/meta?file=fuzzed.cxi&path=" + DATA, "/data?file=fuzzed.cxi&path=" + DATA + "&selection=0&format=bin",
                        "/stats?file=fuzzed.cxi&path=" + DATA + "&selection=199", "/attr?file=fuzzed.cxi&path=%2Fentry_1")) {
                    HttpResponse<byte[]> r = s.get(request);
                    if (r.statusCode() != 200) {
                        errors++;
                        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), request);
                        JsonNode body = TestServer.json(r);
                        String message = body.get("message").asText();
                        assertFalse(message.isBlank() || message.contains("\n"), message);
                    }
                }
                if (i % 50 == 0) {
                    assertEquals(200, s.get("/data?file=intact.cxi&path=" + DATA + "&selection=0&format=bin").statusCode());
                }
            }
            assertEquals(200, s.get("/meta?file=intact.cxi&path=" + DATA).statusCode(), "still serving after " + ITERATIONS + " mutated files");
            assertTrue(errors > 0, "mutations produced errors the server answered as JSON");
        }
    }
}
