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

    @Test
    void framesAreFarFieldForScatteringTechniquesUnlessTheCuratorSaysOtherwise() {
        org.vitrine.core.techniques.PaNet panet = org.vitrine.core.techniques.PaNet.bundled();
        Technique ptychography = panet.technique("PaNET01212").orElseThrow();
        Technique sfx = panet.technique("PaNET01168").orElseThrow();
        Technique saxs = panet.technique("PaNET01124").orElseThrow();
        Technique imaging = panet.technique("PaNET01285").orElseThrow();
        Technique tomography = panet.technique("PaNET01129").orElseThrow();
        DataFile frames = new DataFile("f.cxi", null, null, "/data", FileKind.DIFFRACTION, PreviewOptions.DEFAULT);
        for (Technique t : List.of(ptychography, sfx, saxs)) {
            assertTrue(frames.isFarField(t), t.label());
        }
        for (Technique t : java.util.Arrays.asList(imaging, tomography, null)) {
            assertFalse(frames.isFarField(t), String.valueOf(t));
        }
        DataFile nearField = new DataFile("f.cxi", null, null, "/data", FileKind.DIFFRACTION,
                new PreviewOptions(0, null, null, null, false));
        assertFalse(nearField.isFarField(ptychography), "the curator's far_field: false wins");
        DataFile farImage = new DataFile("f.h5", null, null, "/data", FileKind.IMAGE, new PreviewOptions(null, null, null, null, true));
        assertTrue(farImage.isFarField(imaging), "and far_field: true");
        assertFalse(new DataFile("v.h5", null, null, "/v", FileKind.VOLUME, PreviewOptions.DEFAULT).isFarField(ptychography),
                "a volume has no detector frames");
    }
}
