package org.vitrine.api.h5grove;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vitrine.api.ApiException;
import org.vitrine.core.model.Collection;
import org.vitrine.core.model.DataFile;
import org.vitrine.core.model.Dataset;
import org.vitrine.core.model.FileKind;
import org.vitrine.core.model.PreviewOptions;
import org.vitrine.core.model.Status;
import org.vitrine.core.model.Visibility;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The data API refuses what the build refuses: a file whose real path leaves the data root, by any name. */
class LinkOutOfRootTest {

    @TempDir
    Path tmp;

    @Test
    void aLinkOutOfTheDataRootIsNotFoundByEveryResolver() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("data"));
        Files.writeString(Files.createDirectories(tmp.resolve("outside")).resolve("secret.h5"), "secret");
        Files.writeString(root.resolve("scan.h5"), "scan");
        Files.createSymbolicLink(root.resolve("secret.h5"), tmp.resolve("outside/secret.h5"));
        Files.createSymbolicLink(root.resolve("latest.h5"), Path.of("scan.h5"));

        DataRootResolver dev = new DataRootResolver(root);
        assertEquals(root.resolve("scan.h5").toRealPath(), dev.resolve("latest.h5"));
        assertNotFound(() -> dev.resolve("secret.h5"));
        assertNotFound(() -> dev.resolve("sc%61n.h5"));

        List<DataFile> files = List.of(new DataFile("latest.h5", null, "raw", null, FileKind.NONE, PreviewOptions.DEFAULT),
                new DataFile("secret.h5", null, "raw", null, FileKind.NONE, PreviewOptions.DEFAULT));
        Dataset d = new Dataset("one", "One", null, List.of(), List.of(), "CC0-1.0", LocalDate.of(2024, 1, 1), Status.PUBLISHED,
                null, "Facility", null, null, List.of(), List.of(), files, Map.of(), false, "", Path.of("one.md"));
        CollectionResolver published = new CollectionResolver(new Collection(null, List.of(d), List.of(),
                new Visibility(LocalDate.of(2025, 1, 1))), root);
        assertEquals(root.resolve("scan.h5").toRealPath(), published.resolve("one/latest.h5"));
        assertNotFound(() -> published.resolve("one/secret.h5"));
    }

    private static void assertNotFound(org.junit.jupiter.api.function.Executable resolve) {
        ApiException e = assertThrows(ApiException.class, resolve);
        assertEquals(404, e.status());
    }
}
