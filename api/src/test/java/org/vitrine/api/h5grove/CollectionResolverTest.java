package org.vitrine.api.h5grove;

import org.junit.jupiter.api.Test;
import org.vitrine.core.model.Collection;
import org.vitrine.core.model.DataFile;
import org.vitrine.core.model.Dataset;
import org.vitrine.core.model.FileKind;
import org.vitrine.core.model.PreviewOptions;
import org.vitrine.core.model.Status;
import org.vitrine.core.model.Visibility;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.vitrine.core.testing.NeedsSharedData;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Logical names of published datasets' files; drafts and embargoes look exactly like missing files. */
@NeedsSharedData
class CollectionResolverTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 6, 1);
    private static final String PETRA = "cdtools/PETRAIII_P25_Near_Field_Ptycho.cxi";

    private static Dataset dataset(String id, Status status, LocalDate released, String... paths) {
        List<DataFile> files = java.util.Arrays.stream(paths)
                .map(p -> new DataFile(p, null, "raw data", null, FileKind.NONE, PreviewOptions.DEFAULT)).toList();
        return new Dataset(id, "Title of " + id, null, List.of(), List.of(), "CC-BY-4.0", released, status, null,
                "Facility", null, null, List.of(), List.of(), files, Map.of(), false, "", Path.of(id + ".md"));
    }

    private static Collection collection() {
        return new Collection(null, List.of(
                dataset("ptycho-2024", Status.PUBLISHED, TODAY.minusDays(10), PETRA, "../outside/secret.h5"),
                dataset("draft-scan", Status.DRAFT, TODAY.minusDays(10), PETRA),
                dataset("embargoed-scan", Status.PUBLISHED, TODAY.plusDays(1), PETRA),
                dataset("released-today", Status.PUBLISHED, TODAY, "cxidb-CXI/minimal.cxi")),
                List.of(), new Visibility(TODAY));
    }

    @Test
    void servesPublicFilesByLogicalNameOnly() throws Exception {
        try (TestServer s = new TestServer(new CollectionResolver(collection(), TestServer.sharedData()), H5groveOptions.defaults())) {
            HttpResponse<byte[]> ok = s.get("/meta?file=ptycho-2024%2FPETRAIII_P25_Near_Field_Ptycho.cxi&path=%2Fentry_1");
            assertEquals(200, ok.statusCode());
            assertEquals("entry_1", TestServer.json(ok).get("name").asText());
            assertEquals(200, s.get("/meta?file=released-today%2Fminimal.cxi").statusCode());
            // A filesystem path is not a logical name, even when the file exists under the data root.
            assertEquals(404, s.get("/meta?file=" + H5groveServingTest.enc(PETRA)).statusCode());
        }
    }

    @Test
    void draftsAndEmbargoesAreIndistinguishableFromMissingFiles() throws Exception {
        try (TestServer s = new TestServer(new CollectionResolver(collection(), TestServer.sharedData()), H5groveOptions.defaults())) {
            for (String name : List.of("draft-scan/PETRAIII_P25_Near_Field_Ptycho.cxi", "embargoed-scan/PETRAIII_P25_Near_Field_Ptycho.cxi",
                    "ptycho-2024/missing.cxi", "no-such-dataset/PETRAIII_P25_Near_Field_Ptycho.cxi", "ptycho-2024/secret.h5")) {
                for (String endpoint : List.of("/meta", "/data", "/attr", "/paths", "/stats")) {
                    HttpResponse<byte[]> r = s.get(endpoint + "?file=" + H5groveServingTest.enc(name) + "&path=%2F");
                    assertEquals(404, r.statusCode(), name);
                    assertEquals("{\"message\":\"File not found: " + name + "\"}", new String(r.body()), name);
                }
            }
        }
    }
}
