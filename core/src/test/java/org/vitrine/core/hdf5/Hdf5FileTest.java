package org.vitrine.core.hdf5;

import io.jhdf.HdfFile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import org.vitrine.core.testing.NeedsSharedData;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@NeedsSharedData
class Hdf5FileTest {

    private static final String DATA = "/entry_1/instrument_1/detector_1/data";

    @Test
    void describesThePetraDetectorData() {
        try (Hdf5File f = Hdf5File.open(SharedData.file(SharedData.PETRA))) {
            assertTrue(f.exists(DATA));
            assertTrue(f.isDataset(DATA));
            assertTrue(f.isDataset("/entry_1/data_1/data"), "soft link to the data");
            assertFalse(f.isDataset("/entry_1"));
            assertFalse(f.exists("/entry_1/nothing"));
            Hdf5Dataset d = f.dataset(DATA);
            assertArrayEquals(new long[]{200, 100, 100}, d.shape());
            assertEquals("<i4", d.dtype());
            assertTrue(d.isNumeric());
            assertArrayEquals(new int[]{25, 13, 25}, d.chunks());
            assertEquals(List.of(new Hdf5Entity.Filter(1, "deflate")), d.filters());
        }
    }

    @Test
    void readsCxiScalarsAndAttributes() throws Exception {
        try (Hdf5File f = Hdf5File.open(SharedData.file(SharedData.PETRA));
             HdfFile j = new HdfFile(SharedData.file(SharedData.PETRA))) {
            assertEquals(((Number) j.getDatasetByPath("/cxi_version").getData()).longValue(), f.readNumber("/cxi_version").longValue());
            assertEquals(((Number) j.getDatasetByPath("/entry_1/instrument_1/detector_1/distance").getData()).doubleValue(),
                    f.readNumber("/entry_1/instrument_1/detector_1/distance").doubleValue(), 0);
            assertEquals(((Number) j.getDatasetByPath("/entry_1/instrument_1/source_1/wavelength").getData()).doubleValue(),
                    f.readNumber("/entry_1/instrument_1/source_1/wavelength").doubleValue(), 0);
            assertNull(f.attribute("/", "no_such_attribute"));
        }
        try (Hdf5File f = Hdf5File.open(SharedData.file("pytables/blosc_bigendian.h5"))) {
            assertEquals("CARRAY", f.attributeString("/i4", "CLASS"));
            assertNull(f.attributeNumber("/i4", "CLASS"), "text is not a number");
        }
        try (Hdf5File f = Hdf5File.open(SharedData.file("jhdf/test_file.hdf5"));
             HdfFile j = new HdfFile(SharedData.file("jhdf/test_file.hdf5"))) {
            Object intAttr = j.getByPath("/datasets_group").getAttribute("int_attr").getData();
            Object floatAttr = j.getByPath("/datasets_group").getAttribute("float_attr").getData();
            assertEquals(((Number) intAttr).longValue(), f.attributeNumber("/datasets_group", "int_attr").longValue());
            assertEquals(((Number) floatAttr).doubleValue(), f.attributeNumber("/datasets_group", "float_attr").doubleValue(), 0);
        }
        try (Hdf5File f = Hdf5File.open(SharedData.file("cxidb-libcxi/typical_raw.cxi"));
             HdfFile j = new HdfFile(SharedData.file("cxidb-libcxi/typical_raw.cxi"))) {
            Object start = j.getDatasetByPath("/entry_1/start_time").getData();
            assertEquals(start instanceof String[] a ? a[0] : start, f.readString("/entry_1/start_time"));
            assertNull(f.readNumber("/entry_1/start_time"));
        }
    }

    @Test
    void hyperslabMatchesJhdfWholeRead() throws Exception {
        try (Hdf5File f = Hdf5File.open(SharedData.file(SharedData.PETRA));
             HdfFile j = new HdfFile(SharedData.file(SharedData.PETRA))) {
            int[][][] all = (int[][][]) j.getDatasetByPath(DATA).getData();
            Hdf5Dataset d = f.dataset(DATA);
            FloatSlab slab = d.readFloats(new long[]{7, 11, 3}, new int[]{3, 40, 90}, new int[]{5, 2, 1});
            assertArrayEquals(new int[]{3, 40, 90}, slab.shape());
            int i = 0;
            for (int z = 0; z < 3; z++) {
                for (int y = 0; y < 40; y++) {
                    for (int x = 0; x < 90; x++) {
                        assertEquals(all[7 + 5 * z][11 + 2 * y][3 + x], slab.values()[i++], 0, "at " + z + "," + y + "," + x);
                    }
                }
            }
            Slab frame = d.read(Selection.parse("0,:,:", d.shape()));
            assertArrayEquals(new long[]{100, 100}, frame.shape());
            assertEquals(all[0][99][99], (int) frame.getDouble(9999));
            // The reads above decoded only the leading planes of some chunks; a whole read needs them all.
            Slab whole = d.read(Selection.all(d.shape()));
            int k = 0;
            for (int[][] plane : all) {
                for (int[] row : plane) {
                    for (int v : row) {
                        assertEquals(v, (int) whole.getDouble(k++));
                    }
                }
            }
        }
    }

    @Test
    void readsBeyondTwoToThe31() {
        try (Hdf5File f = Hdf5File.open(SharedData.file("jhdf/tiny_huge_1d_over_maxint.hdf5"))) {
            Hdf5Dataset d = f.dataset("/huge_1d");
            Slab s = d.read(Selection.parse("2147483640:2147483700", d.shape()));
            assertEquals(60, s.size());
            double[] v = s.toDoubles();
            double sum = 0;
            for (double x : v) {
                sum += x;
            }
            assertTrue(sum > 0, "the values written past 2^31 are read back");
        }
    }

    @Test
    void brokenFilesFailWithOneLineNamingTheFile() {
        for (String name : List.of("empty.h5", "not_hdf5_json_renamed.h5", "petra_bad_signature.cxi", "petra_truncated_2KiB.cxi", "petra_truncated_1MiB.cxi")) {
            Hdf5Exception e = assertThrows(Hdf5Exception.class, () -> Hdf5File.open(SharedData.file("broken/" + name)).close(), name);
            assertEquals(Hdf5Exception.Kind.NOT_READABLE, e.kind(), name + ": " + e.getMessage());
            assertTrue(e.getMessage().contains(name), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
        Hdf5Exception missing = assertThrows(Hdf5Exception.class, () -> Hdf5File.open(SharedData.file("broken/nope.h5")));
        assertEquals(Hdf5Exception.Kind.FILE_NOT_FOUND, missing.kind());
    }

    @Test
    void corruptChunkFailsOnlyThatChunk() {
        try (Hdf5File f = Hdf5File.open(SharedData.file("broken/petra_corrupt_chunk.cxi"))) {
            Hdf5Dataset d = f.dataset(DATA);
            Hdf5Exception e = assertThrows(Hdf5Exception.class, () -> d.read(Selection.parse("0", d.shape())));
            assertEquals(Hdf5Exception.Kind.CORRUPT_DATA, e.kind(), e.getMessage());
            assertTrue(e.getMessage().contains(DATA) && e.getMessage().contains("petra_corrupt_chunk.cxi"), e.getMessage());
            assertEquals(100 * 100, d.read(Selection.parse("199", d.shape())).size());
        }
    }

    @Test
    void unsupportedFiltersAreNamed() {
        Map<String, String> cases = Map.of("pytables/b2nd-no-chunkshape.h5", "/data", "pytables/Tables_lzo2.h5", "/tuple0",
                "pytables/test_szip.h5", "/dset_szip");
        cases.forEach((file, path) -> {
            try (Hdf5File f = Hdf5File.open(SharedData.file(file))) {
                if (!f.exists(path)) {
                    return;
                }
                Hdf5Dataset d = f.dataset(path);
                Hdf5Exception e = assertThrows(Hdf5Exception.class, () -> d.readValues(Selection.all(d.shape())));
                assertEquals(Hdf5Exception.Kind.UNSUPPORTED_FILTER, e.kind(), e.getMessage());
                String name = d.filters().get(d.filters().size() - 1).name();
                assertTrue(e.getMessage().contains(file.substring(file.indexOf('/') + 1)), e.getMessage());
                System.out.println(e.getMessage() + " / " + name);
            }
        });
    }

    @Test
    void bloscChunksDecode() {
        // PyTables wrote the same values as i1, i2, i4 and i8 (i4 is checked byte for byte against
        // the reference server in the API's conformance test).
        try (Hdf5File f = Hdf5File.open(SharedData.file("pytables/blosc_bigendian.h5"))) {
            double[] i4 = f.dataset("/i4").read(Selection.all(f.dataset("/i4").shape())).toDoubles();
            assertEquals(">i4", f.dataset("/i4").dtype());
            for (String p : List.of("/i1", "/i2", "/i8")) {
                Hdf5Dataset d = f.dataset(p);
                assertEquals(List.of(32001), d.filters().stream().map(Hdf5Entity.Filter::id).toList());
                assertArrayEquals(i4, d.read(Selection.all(d.shape())).toDoubles(), 0, p);
            }
        }
    }

    @Test
    void pathErrorsUseH5grovePhrases() {
        try (Hdf5File f = Hdf5File.open(SharedData.file("jhdf/test_file.hdf5"))) {
            Hdf5Exception e = assertThrows(Hdf5Exception.class, () -> f.entity("/no/such", LinkResolution.ONLY_VALID));
            assertEquals("/no/such is not a valid path in test_file.hdf5", e.getMessage());
            Hdf5Exception link = assertThrows(Hdf5Exception.class, () -> f.entity("/links_group/broken_soft_link", LinkResolution.ALL));
            assertEquals("Cannot resolve <SoftLink to \"/datasets_group/int/missing_dataset\"> at /links_group/broken_soft_link of test_file.hdf5", link.getMessage());
            assertTrue(f.entity("/links_group/external_link", LinkResolution.ALL) instanceof Hdf5Entity.Dataset);
            Hdf5Entity ext = f.entity("/links_group/external_link_to_missing_file", LinkResolution.ONLY_VALID);
            assertEquals(new Hdf5Entity.ExternalLink("external_link_to_missing_file", "/links_group/external_link_to_missing_file",
                    "missing_file.hdf5", "/external_dataset"), ext);
        }
    }
}
