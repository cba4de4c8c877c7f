package org.vitrine.core.hdf5;

import org.junit.jupiter.api.Test;
import org.vitrine.core.testing.Fixtures;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shapes real facility files take, from the fixtures ({@code make_fixtures.py} says what
 * each stands for): every one opens and reads as h5py reads it (the API's golden tests compare
 * every value with the reference h5grove's), and what jHDF alone cannot read fails only itself.
 */
class FacilityFilesTest {

    @Test
    void userBlocksAndBytesPutInFront() {
        byte[] image;
        try (Hdf5File f = Hdf5File.open(Fixtures.file("userblock_512.h5"))) {
            image = f.dataset("/entry/image").readBytes(Selection.all(new long[]{16, 16}));
            assertEquals("user block of 512 bytes", f.readString("/entry/title"));
        }
        try (Hdf5File f = Hdf5File.open(Fixtures.file("userblock_32k.h5"))) {
            assertArrayEquals(image, f.dataset("/entry/image").readBytes(Selection.all(new long[]{16, 16})));
        }
        try (Hdf5File f = Hdf5File.open(Fixtures.file("prepended_1k.h5"))) {
            assertEquals(List.of("/", "/image"), f.paths("/"));
            assertTrue(f.attributeString("/", "note").startsWith("1024 bytes"));
            assertArrayEquals(new long[]{8, 8}, f.dataset("/image").shape());
        }
    }

    @Test
    void virtualDatasetsReadTheirSourcesAndFillWhatIsMissing() {
        try (Hdf5Files files = new Hdf5Files(8, 1 << 20);
             Hdf5File vds = files.open(Fixtures.file("vds.h5"));
             Hdf5File a = files.open(Fixtures.file("vds_source_a.h5"));
             Hdf5File b = files.open(Fixtures.file("vds_source_b.h5"))) {
            Hdf5Dataset frames = vds.dataset("/entry/data/frames");
            assertArrayEquals(new long[]{4, 8, 8}, frames.shape());
            Slab all = frames.read(Selection.all(frames.shape()));
            Slab fromA = a.dataset("/data").read(Selection.all(new long[]{2, 8, 8}));
            Slab fromB = b.dataset("/data").read(Selection.all(new long[]{1, 8, 8}));
            for (int i = 0; i < 128; i++) {
                assertEquals(fromA.getDouble(i), all.getDouble(i), "frames 0-1 from vds_source_a.h5");
            }
            for (int i = 0; i < 64; i++) {
                assertEquals(fromB.getDouble(i), all.getDouble(128 + i), "frame 2 from vds_source_b.h5");
                assertEquals(7, all.getDouble(192 + i), "frame 3's source file is missing: the fill value");
            }
            // A strided selection across sources.
            Slab some = frames.read(Selection.parse("1:4,2,::3", frames.shape()));
            assertArrayEquals(new long[]{3, 3}, some.shape());
            assertEquals(all.getDouble(64 + 16), some.getDouble(0));
            assertEquals(all.getDouble(128 + 16 + 3), some.getDouble(4));
            assertEquals(7, some.getDouble(8));

            Slab interleaved = vds.dataset("/entry/data/interleaved").read(Selection.all(new long[]{12}));
            for (int i = 0; i < 12; i++) {
                assertEquals(i, interleaved.getDouble(i), "even elements from one source, odd from the other");
            }
            assertArrayEquals(vds.dataset("/local").readBytes(Selection.all(new long[]{3, 4})),
                    vds.dataset("/entry/data/whole").readBytes(Selection.all(new long[]{3, 4})), "a source in the same file");
            // Its siblings stay readable.
            Hdf5Entity.Group group = (Hdf5Entity.Group) vds.entity("/entry/data", LinkResolution.ONLY_VALID);
            assertEquals(List.of("frames", "interleaved", "sibling", "subgroup", "whole"), group.children());
            assertEquals(3.5, vds.readNumber("/entry/data/subgroup/value"));
        }
    }

    @Test
    void opaqueAndCompoundDataDoNotHideTheirNeighbours() {
        try (Hdf5File f = Hdf5File.open(Fixtures.file("opaque.h5"))) {
            assertEquals(List.of("/", "/g", "/g/op2", "/g/sibling", "/op", "/sibling"), f.paths("/"));
            Hdf5Dataset op = f.dataset("/op");
            assertEquals(5, op.type().hdf5Class());
            assertEquals("|V3", op.dtype());
            assertArrayEquals(new byte[]{1, 2, 3}, op.readBytes(Selection.all(new long[0])));
            assertEquals(List.of("abcd", "efgh"), f.dataset("/g/op2").readValues(Selection.all(new long[]{2})));
            assertEquals("three opaque bytes", f.attributeString("/op", "note"));
        }
        try (Hdf5File f = Hdf5File.open(Fixtures.file("compound.h5"))) {
            Hdf5Dataset d = f.dataset("/compound");
            @SuppressWarnings("unchecked")
            List<Object> members = (List<Object>) d.type().toMap().get("members");
            assertEquals(5, members.size(), "members are an array, as h5web reads them");
            Object row = ((List<?>) d.readValues(Selection.parse("1", d.shape())));
            assertEquals(List.of(2L, List.of(1.0, 1.5, -1.0), List.of(10L, 0.25), "\u0001\u0002\u0003\u0004", "row1"), row);
        }
    }

    @Test
    void linksKeepTheirTargetsAsStored() {
        try (Hdf5File f = Hdf5File.open(Fixtures.file("links.h5"))) {
            Hdf5Entity.ExternalLink link = assertInstanceOf(Hdf5Entity.ExternalLink.class,
                    f.entity("/relative_no_slash", LinkResolution.NONE));
            assertEquals("link_target.h5", link.targetFile());
            assertEquals("data", link.targetPath());
            assertArrayEquals(new long[]{2, 3}, f.dataset("/relative_no_slash").shape(), "followed beside the file");
            assertTrue(f.exists("/relative_group"));
            assertEquals("link_target.h5", f.attributeString("/relative_group", "in"));
            assertFalse(f.exists("/absolute"), "absolute targets are not followed");
            assertFalse(f.exists("/dangling"));
            Hdf5Exception e = assertThrows(Hdf5Exception.class, () -> f.entity("/dangling", LinkResolution.ALL));
            assertEquals(Hdf5Exception.Kind.BROKEN_LINK, e.kind());
            assertTrue(e.getMessage().startsWith("Cannot resolve <ExternalLink to \"/data\" in file \"missing.h5\"> at /dangling of links.h5"),
                    e.getMessage());
        }
    }

    @Test
    void selectionsNeverOverflowAndTakeOnlyAsciiDigits() {
        try (Hdf5File f = Hdf5File.open(Fixtures.file("filters.h5"))) {
            Hdf5Dataset d = f.dataset("/deflate");
            Selection one = Selection.parse("::9223372036854775807", d.shape());
            assertArrayEquals(new long[]{1, 16, 16}, one.resultShape(), "h5py gives the first row");
            assertArrayEquals(d.readBytes(Selection.parse("0:1", d.shape())), d.readBytes(one));
            Hdf5Exception e = assertThrows(Hdf5Exception.class, () -> Selection.parse("\u0661", d.shape()));
            assertEquals(Hdf5Exception.Kind.BAD_SELECTION, e.kind());
            assertThrows(Hdf5Exception.class, () -> Selection.parse("99999999999999999999", d.shape()));
        }
    }

    @Test
    void bloscLz4ChunksDecodeThroughJhdfsFilterPlugInPoint() {
        try (Hdf5File f = Hdf5File.open(Fixtures.file("filters.h5"))) {
            byte[] deflated = f.dataset("/deflate").readBytes(Selection.all(new long[]{4, 16, 16}));
            assertArrayEquals(deflated, f.dataset("/blosc_lz4").readBytes(Selection.all(new long[]{4, 16, 16})));
            assertArrayEquals(deflated, f.dataset("/blosc_lz4_shuffle").readBytes(Selection.all(new long[]{4, 16, 16})));
        }
        assertTrue(java.util.ServiceLoader.load(io.jhdf.filter.Filter.class).stream()
                .anyMatch(p -> p.type() == BloscFilter.class), "registered for jHDF's ServiceLoader");
    }
}
