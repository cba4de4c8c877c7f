package org.vitrine.core.model;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a file is called and what it is, whether it is on the data root or only linked. */
class DataFileTest {

    private static DataFile local(String path) {
        return new DataFile(path, null, null, "/entry/data/data", FileKind.IMAGE, PreviewOptions.DEFAULT);
    }

    private static DataFile linked(String url) {
        return new DataFile(null, url, null, null, FileKind.NONE, PreviewOptions.DEFAULT);
    }

    @Test
    void aLocalFileIsHdf5AndSaysWhichWhenRead() {
        DataFile f = local("petra/scan_0042.cxi");
        assertEquals("scan_0042.cxi", f.name());
        assertEquals("CXI", f.format(new FileFacts(10, "ab", "CXI", List.of(1L), "<i4", 160, Map.of())));
        assertEquals("HDF5", f.format(null));
        assertEquals(DataFile.HDF5_MEDIA_TYPE, f.mediaType());
        assertFalse(f.isLink());
    }

    @Test
    void aLinkedFileIsNamedAndJudgedByItsDecodedLastSegment() {
        DataFile f = linked("https://zenodo.org/records/17899482/files/near%20field.nxs?download=1");
        assertEquals("near field.nxs", f.name());
        assertEquals("NeXus", f.format(null));
        assertEquals(DataFile.HDF5_MEDIA_TYPE, f.mediaType());
        assertFalse(f.isLink());

        DataFile archive = linked("https://example.org/raw/run_0193.tar.gz");
        assertEquals("GZ", archive.format(null));
        assertEquals("application/gzip", archive.mediaType());

        DataFile unknown = linked("https://example.org/raw/run_0193.xyz");
        assertEquals("XYZ", unknown.format(null));
        assertNull(unknown.mediaType());
    }

    @Test
    void anAddressThatNamesNoFileIsALinkNamedByItself() {
        DataFile portal = linked("https://human-organ-atlas.esrf.fr/");
        assertEquals("human-organ-atlas.esrf.fr", portal.name());
        assertTrue(portal.isLink());
        assertEquals("link", portal.format(null));
        assertNull(portal.mediaType());

        DataFile record = linked("https://zenodo.org/records/17899482");
        assertEquals("zenodo.org/records/17899482", record.name());
        assertTrue(record.isLink());
    }
}
