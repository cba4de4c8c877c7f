package org.vitrine.core.hdf5;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import org.vitrine.core.testing.NeedsSharedData;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@NeedsSharedData
class Hdf5FilesTest {

    @Test
    void evictedFilesStayReadableUntilTheirHandlesClose() {
        try (Hdf5Files files = new Hdf5Files(1, 16 << 20)) {
            Hdf5File petra = files.open(SharedData.file(SharedData.PETRA));
            Hdf5File minimal = files.open(SharedData.file("cxidb-CXI/minimal.cxi"));
            assertEquals(1, files.openCount());
            Hdf5Dataset d = petra.dataset("/entry_1/instrument_1/detector_1/data");
            assertEquals(100 * 100, d.read(Selection.parse("3", d.shape())).size(), "still readable after eviction");
            assertTrue(minimal.isDataset("/entry_1/data_1/data"));
            petra.close();
            minimal.close();
        }
    }

    @Test
    void aRewrittenFileIsReopened(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("scan.h5");
        Files.copy(SharedData.file("jhdf/float_special_values_latest.hdf5"), file);
        try (Hdf5Files files = new Hdf5Files(4, 16 << 20)) {
            try (Hdf5File f = files.open(file)) {
                assertTrue(f.exists("/float32"));
            }
            try (Hdf5File f = files.open(file)) {
                assertTrue(f.exists("/float32"), "the same file, reused");
            }
            Files.copy(SharedData.file("jhdf/test_file.hdf5"), file, StandardCopyOption.REPLACE_EXISTING);
            Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 5000));
            try (Hdf5File f = files.open(file)) {
                assertFalse(f.exists("/float32"));
                assertTrue(f.exists("/links_group"));
            }
        }
    }
}
