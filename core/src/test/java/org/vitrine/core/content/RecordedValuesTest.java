package org.vitrine.core.content;

import org.junit.jupiter.api.Test;
import org.vitrine.core.hdf5.Hdf5File;
import org.vitrine.core.model.FileKind;
import org.vitrine.core.model.Parameter;
import org.vitrine.core.model.Provenance;
import org.vitrine.core.testing.Fixtures;
import org.vitrine.core.testing.NeedsTools;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The values NeXus and CXI fixtures record, found by NX_class and CXI group names, with units as
 * facilities spell them, and checked against what h5py reads in the same files.
 */
@NeedsTools(value = NeedsTools.PYTHON, pythonModules = {"h5py"})
class RecordedValuesTest {

    @Test
    void nxmxMasterValuesMatchH5py() throws Exception {
        Map<String, Double> h5py = h5py("nxmx_master.h5");
        RecordedValues.Found found = read("nxmx_master.h5", "/entry/data/data_000001", FileKind.DIFFRACTION, false);
        String i = "/entry/instrument/";
        assertParameter(found, "photon_energy", h5py.get(i + "monochromator/energy"), "keV");
        assertParameter(found, "wavelength", h5py.get(i + "beam/incident_wavelength") * 0.1, "nm"); // angstrom
        assertParameter(found, "detector_distance", h5py.get(i + "detector/distance") * 1e-3, "m"); // mm
        assertParameter(found, "pixel_size", h5py.get(i + "detector/x_pixel_size") * 1e6, "µm"); // m
        assertParameter(found, "beam_center_x", h5py.get(i + "detector/beam_center_x"), "pixel");
        assertParameter(found, "beam_center_y", h5py.get(i + "detector/beam_center_y"), "pixel");
        assertParameter(found, "exposure_time", h5py.get(i + "detector/count_time"), "s");
        assertParameter(found, "temperature", h5py.get("/entry/sample/temperature"), "K");
        assertFalse(names(found).contains("pixel_size_y"), "75 um is 7.5e-5 m: the same pixel size");
        assertEquals(Map.of("title", "Lysozyme rotation, 2 frames", "experiment_identifier", "mx-2024-0042",
                "start_time", "2024-03-05T10:15:30Z", "end_time", "2024-03-05T10:15:31Z"), found.texts());
        assertTrue(found.warnings().isEmpty(), found.warnings().toString());
    }

    @Test
    void nxsasSourceEnergyIsTheRingsNotThePhotons() throws Exception {
        Map<String, Double> h5py = h5py("nxsas.h5");
        RecordedValues.Found found = read("nxsas.h5", "/sasentry/data/I", FileKind.IMAGE, false);
        String i = "/sasentry/instrument/";
        assertFalse(names(found).contains("photon_energy"), "NXsource/energy is 6 GeV of electrons");
        assertParameter(found, "wavelength", h5py.get(i + "monochromator/wavelength"), "nm");
        assertParameter(found, "detector_distance", h5py.get(i + "detector/distance") * 1e-3, "m");
        assertParameter(found, "pixel_size", h5py.get(i + "detector/x_pixel_size"), "µm"); // micron
        assertParameter(found, "temperature", h5py.get("/sasentry/sample/temperature"), "°C"); // C
        assertEquals("Silver behenate calibration", found.texts().get("title"));
    }

    @Test
    void valuesWithoutUnitsAreShownAsSuchWithAWarning() throws Exception {
        Map<String, Double> h5py = h5py("nx_no_units.h5");
        RecordedValues.Found found = read("nx_no_units.h5", null, FileKind.NONE, false);
        assertParameter(found, "photon_energy", h5py.get("/entry/instrument/monochromator/energy"), "");
        assertParameter(found, "detector_distance", h5py.get("/entry/instrument/detector/distance"), "");
        assertEquals(2, found.warnings().size(), found.warnings().toString());
        assertTrue(found.warnings().get(0).contains("has no units attribute"), found.warnings().get(0));
    }

    @Test
    void cxiValuesAreSiAndComeFromBeamAndDetectorGroups() throws Exception {
        Map<String, Double> h5py = h5py("cxi_beam.cxi");
        RecordedValues.Found found = read("cxi_beam.cxi", "/entry_1/data_1/data", FileKind.DIFFRACTION, true);
        String i = "/entry_1/instrument_1/";
        assertParameter(found, "photon_energy", h5py.get(i + "beam_1/energy") / 1.602176634e-19 / 1e3, "keV"); // J
        assertParameter(found, "wavelength", h5py.get(i + "beam_1/wavelength") * 1e9, "nm"); // m
        assertParameter(found, "detector_distance", h5py.get(i + "detector_1/distance"), "m");
        assertParameter(found, "pixel_size", h5py.get(i + "detector_1/x_pixel_size") * 1e6, "µm");
        assertTrue(found.warnings().isEmpty(), found.warnings().toString());
    }

    @Test
    void facilitySpellingsOfUnits() {
        assertEquals("Å", RecordedValues.canonical("Angstroms", "wavelength"));
        assertEquals("Angstrom", RecordedValues.canonical("Angstrom", "wavelength"), "the unit table reads it");
        assertEquals("°C", RecordedValues.canonical("C", "temperature"));
        assertEquals("C", RecordedValues.canonical("C", "detector_distance"), "C is Celsius only for a temperature");
        assertEquals("µm", RecordedValues.canonical("microns", "pixel_size"));
        assertEquals("pixel", RecordedValues.canonical("pixels", "beam_center_x"));
    }

    private static RecordedValues.Found read(String file, String preview, FileKind kind, boolean cxi) {
        try (Hdf5File f = Hdf5File.open(Fixtures.file(file))) {
            return RecordedValues.read(f, preview, kind, cxi);
        }
    }

    private static List<String> names(RecordedValues.Found found) {
        return found.parameters().stream().map(Parameter::name).toList();
    }

    private static void assertParameter(RecordedValues.Found found, String name, double expected, String unit) {
        Parameter p = found.parameters().stream().filter(x -> x.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not found in " + found.parameters()));
        assertEquals(RecordedValues.round(expected), p.value(), Math.abs(expected) * 1e-9, name);
        assertEquals(unit, p.unit(), name);
        assertEquals(Provenance.FILE, p.provenance());
    }

    /** Every scalar number of a fixture, as h5py reads it, by path. */
    private static Map<String, Double> h5py(String file) throws Exception {
        String script = "import h5py,sys\n"
                + "f=h5py.File(sys.argv[1],'r')\n"
                + "def v(n,o):\n"
                + "  if isinstance(o,h5py.Dataset) and o.shape==() and o.dtype.kind in 'iuf': print('/'+n, repr(float(o[()])))\n"
                + "f.visititems(v)\n";
        Process p = new ProcessBuilder(NeedsTools.PYTHON, "-c", script, Fixtures.file(file).toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        Map<String, Double> values = new HashMap<>();
        for (String line : out.strip().split("\n")) {
            String[] kv = line.split(" ");
            values.put(kv[0], Double.parseDouble(kv[1]));
        }
        return values;
    }
}
