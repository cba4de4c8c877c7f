package org.vitrine.generator;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A collection made of the HDF5 fixtures (user blocks, virtual datasets, opaque and compound
 * data, links, NXmx, NXsas and CXI files, Blosc): every file h5py reads is published, previews
 * included; what a file records appears on its dataset's page marked "from file"; a value
 * without units gives a file:line warning; a preview behind a dangling link a file:line error.
 */
class FacilityFilesSiteTest {

    @TempDir
    static Path tmp;
    static Path content;
    static Fixtures.Run check;
    static Path site;

    @BeforeAll
    static void buildTheCollection() throws IOException {
        content = Fixtures.newContent(tmp.resolve("content"));
        try (Stream<Path> s = Files.list(org.vitrine.core.testing.Fixtures.hdf5())) {
            for (Path f : s.toList()) {
                Files.copy(f, content.resolve("data").resolve(f.getFileName()));
            }
        }
        dataset("user-block-512", file("userblock_512.h5", "/entry/image", "image"));
        dataset("user-block-32k", file("userblock_32k.h5", "/entry/image", "image"));
        dataset("prepended", file("prepended_1k.h5", "/image", "image"));
        dataset("virtual", file("vds.h5", "/entry/data/frames", "diffraction") + file("vds_source_a.h5", null, null)
                + file("vds_source_b.h5", null, null));
        dataset("opaque-compound-types", file("opaque.h5", null, null) + file("compound.h5", null, null) + file("types.h5", null, null));
        dataset("links", file("links.h5", "/relative", "image") + file("link_target.h5", null, null));
        dataset("nxmx", file("nxmx_master.h5", "/entry/data/data_000001", "diffraction") + file("nxmx_data_000001.h5", null, null));
        dataset("nxsas", file("nxsas.h5", "/sasentry/data/I", "image"));
        dataset("no-units", file("nx_no_units.h5", "/entry/instrument/detector/data", "image"));
        dataset("cxi-beam", file("cxi_beam.cxi", "/entry_1/data_1/data", "diffraction"));
        dataset("filters", file("filters.h5", "/blosc_lz4", "diffraction") + file("chunk_indexes.h5", "/implicit", "image"));
        check = Fixtures.vitrine("check", "--content", content.toString());
        site = tmp.resolve("site");
        Fixtures.Run build = Fixtures.vitrine("build", "--content", content.toString(), "--out", site.toString());
        assertEquals(0, build.exit(), build.err());
    }

    private static String file(String name, String preview, String kind) {
        return "  - path: " + name + "\n" + (preview == null ? "" : "    dataset: " + preview + "\n    kind: " + kind + "\n");
    }

    private static void dataset(String id, String files) throws IOException {
        Fixtures.dataset(content, id, Fixtures.validDataset(id, "files:\n" + files));
    }

    @Test
    void everyFixtureIsPublishableWithWarningsOnlyForValuesWithoutUnits() {
        assertEquals(0, check.exit(), check.err());
        List<String> warnings = check.err().lines().filter(l -> l.contains("warning")).toList();
        assertEquals(2, warnings.size(), check.err());
        assertTrue(warnings.stream().allMatch(l -> l.contains("no-units.md:") && l.contains("has no units attribute")), check.err());
        for (String id : List.of("user-block-512", "user-block-32k", "prepended", "virtual", "nxmx", "nxsas", "cxi-beam", "filters")) {
            Path page = site.resolve("datasets/" + id + "/index.html");
            assertTrue(Files.isRegularFile(page), id);
        }
    }

    @Test
    void previewsAreMadeFromEveryKindOfFile() throws IOException {
        for (String id : List.of("user-block-512", "user-block-32k", "prepended", "virtual", "links", "nxmx", "nxsas", "cxi-beam", "filters")) {
            Document page = Jsoup.parse(site.resolve("datasets/" + id + "/index.html").toFile(), "UTF-8");
            // A previewed file's thumbnail stands in its viewer until the viewer is ready.
            assertFalse(page.select(".viewer-placeholder img, .previews img").isEmpty(), "a thumbnail for " + id);
        }
    }

    @Test
    void nexusValuesAppearFromFile() throws IOException {
        Document nxmx = Jsoup.parse(site.resolve("datasets/nxmx/index.html").toFile(), "UTF-8");
        String params = nxmx.select("table.parameters").text();
        for (String expected : List.of("Photon energy 12.4 keV from file", "Wavelength 0.099987 nm from file",
                "Detector distance 0.2 m from file", "Pixel size 75 µm from file", "Beam center x 7.25 pixel from file",
                "Beam center y 8.5 pixel from file", "Exposure time 0.1 s from file", "Temperature 100 K from file")) {
            assertTrue(params.contains(expected), expected + " in " + params);
        }
        String recorded = nxmx.select("dl.recorded").text();
        assertTrue(recorded.contains("nxmx_master.h5 records Title: Lysozyme rotation, 2 frames; Experiment: mx-2024-0042; "
                + "Start: 2024-03-05T10:15:30Z; End: 2024-03-05T10:15:31Z from file"), recorded);
        assertEquals("7.25,8.5", nxmx.selectFirst(".viewer").attr("data-beam-centre"), "the viewer centres on the beam");

        String sas = Jsoup.parse(site.resolve("datasets/nxsas/index.html").toFile(), "UTF-8").select("table.parameters").text();
        assertFalse(sas.contains("Photon energy"), "NXsource/energy is the ring's: " + sas);
        assertTrue(sas.contains("Wavelength 0.1 nm from file") && sas.contains("Temperature 25 °C from file"), sas);

        String cxi = Jsoup.parse(site.resolve("datasets/cxi-beam/index.html").toFile(), "UTF-8").select("table.parameters").text();
        assertTrue(cxi.contains("Photon energy 8 keV from file") && cxi.contains("Wavelength 0.15498 nm from file"), cxi);

        String none = Jsoup.parse(site.resolve("datasets/no-units/index.html").toFile(), "UTF-8").select("table.parameters").text();
        assertTrue(none.contains("Photon energy 9 from file"), "shown as recorded, without a unit: " + none);
    }

    @Test
    void aPreviewBehindADanglingLinkIsAClearError() throws IOException {
        Path broken = Fixtures.newContent(tmp.resolve("broken-content"));
        Files.copy(org.vitrine.core.testing.Fixtures.file("links.h5"), broken.resolve("data/links.h5"));
        Fixtures.dataset(broken, "dangling", Fixtures.validDataset("dangling", "files:\n" + file("links.h5", "/dangling", "image")));
        Fixtures.Run run = Fixtures.vitrine("check", "--content", broken.toString());
        assertEquals(1, run.exit(), run.err());
        assertTrue(run.err().contains("dangling.md:11: '/dangling' in links.h5 is a link that cannot be followed: Cannot resolve "
                + "<ExternalLink to \"/data\" in file \"missing.h5\">"), run.err());
    }
}
