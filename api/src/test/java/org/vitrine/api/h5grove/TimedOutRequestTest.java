package org.vitrine.api.h5grove;

import org.junit.jupiter.api.Test;
import org.vitrine.core.hdf5.Hdf5Dataset;
import org.vitrine.core.hdf5.Hdf5File;
import org.vitrine.core.hdf5.Selection;
import org.vitrine.core.testing.NeedsSharedData;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A request that runs past its time-out is abandoned (its worker interrupted mid-read); the
 * file it was reading stays readable for every other request. It used to answer
 * {@code 500 Cannot read …: null} until the server restarted.
 */
@NeedsSharedData
class TimedOutRequestTest {

    private static final String PETRA = "cdtools/PETRAIII_P25_Near_Field_Ptycho.cxi";
    private static final String DATA = "/entry_1/instrument_1/detector_1/data";

    @Test
    void anAbandonedRequestLeavesTheFileReadable() throws Exception {
        H5groveOptions options = H5groveOptions.defaults().withTimeout(Duration.ofMillis(2))
                .withChunkCacheBytes(0).withAnswerCacheBytes(0);
        try (TestServer server = new TestServer(new DataRootResolver(TestServer.sharedData()), options)) {
            String stats = "/stats?file=" + URLEncoder.encode(PETRA, StandardCharsets.UTF_8) + "&path="
                    + URLEncoder.encode(DATA, StandardCharsets.UTF_8) + "&selection=";
            int abandoned = 0;
            for (int i = 0; i < 20; i++) {
                int status = server.get(stats + i * 10 + ":" + (i * 10 + 10)).statusCode();
                assertTrue(status == 503 || status == 200, "status " + status);
                abandoned += status == 503 ? 1 : 0;
            }
            assertTrue(abandoned > 0, "some requests ran past 2 ms");
            Thread.sleep(200); // let the abandoned workers stop
            try (Hdf5File f = server.routes.hdf5().open(TestServer.sharedData().resolve(PETRA))) {
                Hdf5Dataset d = f.dataset(DATA);
                assertEquals(2_000_000, d.read(Selection.all(d.shape())).size(), "the same opened file reads whole");
            }
        }
    }
}
