package org.vitrine.core.search;

import org.vitrine.core.model.Author;
import org.vitrine.core.model.Collection;
import org.vitrine.core.model.DataFile;
import org.vitrine.core.model.Dataset;
import org.vitrine.core.model.FileFacts;
import org.vitrine.core.model.FileKind;
import org.vitrine.core.model.Parameter;
import org.vitrine.core.model.PreviewOptions;
import org.vitrine.core.model.Provenance;
import org.vitrine.core.model.Publication;
import org.vitrine.core.model.Sample;
import org.vitrine.core.model.SiteConfig;
import org.vitrine.core.model.Status;
import org.vitrine.core.model.Technique;
import org.vitrine.core.model.Visibility;
import org.vitrine.core.techniques.PaNet;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A collection shaped like the demo content: real-looking datasets over several techniques,
 * facilities and units, plus one embargoed and one draft dataset that must never be found.
 */
public final class DemoCollection {

    /** The date builds are made on in these tests. */
    public static final LocalDate TODAY = LocalDate.of(2026, 1, 1);

    private static final PaNet PANET = PaNet.bundled();
    public static final Technique PTYCHOGRAPHY = technique("PaNET01212");
    public static final Technique CDI = technique("PaNET01174");
    public static final Technique TOMOGRAPHY = technique("PaNET01129");
    public static final Technique XRAY_IMAGING = technique("PaNET01285");
    public static final Technique SFX = technique("PaNET01168");
    public static final Technique SAXS = technique("PaNET01188");

    private static Technique technique(String id) {
        return PANET.technique(id).orElseThrow(() -> new IllegalStateException(id + " is not in the bundled PaNET"));
    }

    private DemoCollection() {
    }

    public static Collection collection() {
        return collection(datasets());
    }

    public static Collection collection(List<Dataset> datasets) {
        SiteConfig site = new SiteConfig("Demo atlas", "Curated open data", "https://example.org/atlas/",
                "Demo facility", "data@example.org", null, "CC-BY-4.0", "data", "Demo facility");
        return new Collection(site, datasets, List.of(), new Visibility(TODAY));
    }

    /** Every dataset, public or not. */
    public static List<Dataset> datasets() {
        List<Dataset> all = new ArrayList<>();
        all.add(dataset("petra-p25-ptycho", "Near-field ptychography of a Siemens star at PETRA III P25",
                PTYCHOGRAPHY, "PETRA III", "P25", new Sample("Siemens star", "Tantalum test pattern"),
                List.of("ptychography", "near-field", "test pattern"), "CC-BY-4.0", LocalDate.of(2023, 6, 1),
                List.of(param("wavelength", 9.7949e-11, "m", Provenance.FILE), param("detector_distance", 1.12, "m", Provenance.FILE),
                        param("pixel_size", 55, "µm", Provenance.FILE), param("photon_energy", 12.658, "keV", Provenance.CURATED)),
                "A near-field ptychography scan in the holographic regime, recorded with a photon-counting detector. "
                        + "Two hundred diffraction patterns of a tantalum Siemens star are stored with their mask and scan "
                        + "translations.", "cdtools/PETRAIII_P25_Near_Field_Ptycho.cxi", FileKind.DIFFRACTION));
        all.add(dataset("cxidb-minimal", "Minimal CXI file from the CXI specification", CDI, "CXIDB", null, null,
                List.of("cxi", "file format"), "CC0-1.0", LocalDate.of(2012, 3, 1), List.of(),
                "The smallest valid file of the Coherent X-ray Imaging format: a single two-dimensional data array "
                        + "under entry_1/data_1, without a cxi_version.", "cxidb-CXI/minimal.cxi", FileKind.IMAGE));
        all.add(dataset("cxidb-typical", "Typical raw CXI file with two detectors", CDI, "LCLS", "CXI",
                new Sample("Mimivirus", "Giant virus particles injected in a liquid jet"),
                List.of("cxi", "raw data", "detectors"), "BSD-2-Clause", LocalDate.of(2014, 9, 15),
                List.of(param("photon_energy", 1200, "eV", Provenance.CURATED), param("detector_distance", 738, "mm", Provenance.CURATED)),
                "Raw frames from two detectors with soft links between groups, as an X-ray free-electron laser "
                        + "experiment writes them.", "cxidb-libcxi/typical_raw.cxi", FileKind.DIFFRACTION));
        all.add(dataset("nexus-tooth", "Radiograph of a mouse tooth in NeXus format", XRAY_IMAGING, "ESRF", "BM05",
                new Sample("mouse tooth", "Incisor of a laboratory mouse"), List.of("radiography", "dental"),
                "CC-BY-4.0", LocalDate.of(2021, 2, 10),
                List.of(param("photon_energy", 1.2, "keV", Provenance.CURATED), param("pixel_size", 0.65, "µm", Provenance.CURATED)),
                "A single projection radiograph of enamel and dentine, flat-field corrected.", "nexus/tooth.h5", FileKind.IMAGE));
        all.add(dataset("synthetic-phantom", "Synthetic Shepp-Logan phantom volume", TOMOGRAPHY, "Vitrine", null,
                new Sample("Shepp-Logan phantom", "Simulated head phantom"), List.of("phantom", "synthetic", "tomography"),
                "CC0-1.0", LocalDate.of(2024, 5, 20), List.of(param("voxel_size", 1, "µm", Provenance.CURATED)),
                "A simulated three-dimensional phantom written by a documented generator; no measurement was made.",
                "synthetic/phantom.h5", FileKind.VOLUME));
        all.add(dataset("sfx-lysozyme", "Serial femtosecond crystallography of lysozyme microcrystals", SFX,
                "European XFEL", "SPB/SFX", new Sample("lysozyme", "Hen egg-white lysozyme microcrystals"),
                List.of("lysozyme", "protein", "XFEL"), "CC-BY-4.0", LocalDate.of(2020, 11, 3),
                List.of(param("photon_energy", 9.3, "keV", Provenance.CURATED), param("temperature", 295, "K", Provenance.CURATED)),
                "Diffraction snapshots of protein microcrystals delivered in a liquid jet; the raw data are "
                        + "available from the facility's archive.", null, FileKind.NONE));
        all.add(dataset("saxs-micelles", "Small-angle scattering of surfactant micelles", SAXS, "PETRA III", "P12",
                new Sample("SDS micelles", "Sodium dodecyl sulfate in water"), List.of("micelles", "soft matter"),
                "CC-BY-4.0", LocalDate.of(2022, 8, 30),
                List.of(param("wavelength", 0.124, "nm", Provenance.CURATED), param("temperature", 25, "°C", Provenance.CURATED)),
                "Azimuthally integrated scattering curves of micelles at increasing concentration.", "saxs/micelles.h5",
                FileKind.IMAGE));
        all.add(dataset("tomo-limestone", "Microtomography of a porous limestone core", TOMOGRAPHY, "ESRF", "ID19",
                new Sample("limestone", "Oolitic limestone core, 5 mm diameter"), List.of("geology", "porosity"),
                "CC-BY-4.0", LocalDate.of(2023, 1, 12),
                List.of(param("voxel_size", 0.65, "µm", Provenance.CURATED), param("photon_energy", 60, "keV", Provenance.CURATED)),
                "Pore network of a carbonate reservoir rock imaged in absorption contrast.", "tomo/limestone.h5",
                FileKind.VOLUME));
        all.add(dataset("embargoed-zeolite", "Secret zeolite catalyst ptychography", PTYCHOGRAPHY, "PETRA III", "P06",
                new Sample("zeolite", "Quasicrystalline catalyst grain"), List.of("zeolite", "catalysis"),
                "CC-BY-4.0", LocalDate.of(2099, 1, 1), List.of(param("photon_energy", 1200, "eV", Provenance.CURATED)),
                "Quasicrystalline zeolite grains under reaction conditions.", "embargo/zeolite.cxi", FileKind.DIFFRACTION));
        Dataset draft = dataset("draft-notes", "Unfinished draft of zeolite imaging", XRAY_IMAGING, "MAX IV", "NanoMAX",
                null, List.of("draftonly"), "CC-BY-4.0", LocalDate.of(2020, 1, 1), List.of(),
                "Notes not meant for the public.", null, FileKind.NONE);
        all.add(new Dataset(draft.id(), draft.title(), draft.doi(), draft.related(), draft.authors(), draft.license(),
                draft.released(), Status.DRAFT, draft.technique(), draft.facility(), draft.instrument(), draft.sample(),
                draft.keywords(), draft.parameters(), draft.files(), draft.facts(), false, draft.body(), null));
        return all;
    }

    public static Parameter param(String name, double value, String unit, Provenance provenance) {
        return new Parameter(name, value, unit, provenance);
    }

    public static Dataset dataset(String id, String title, Technique technique, String facility, String instrument,
                                  Sample sample, List<String> keywords, String license, LocalDate released,
                                  List<Parameter> parameters, String body, String file, FileKind kind) {
        List<DataFile> files = file == null
                ? List.of(new DataFile(null, "https://archive.example.org/" + id + ".tar", "raw data", null, FileKind.NONE, PreviewOptions.DEFAULT))
                : List.of(new DataFile(file, null, "raw data", "/entry_1/data_1/data", kind, PreviewOptions.DEFAULT));
        Map<String, FileFacts> facts = file == null ? Map.of()
                : Map.of(file, new FileFacts(1024, "00".repeat(32), file.endsWith(".cxi") ? "CXI" : "HDF5",
                List.of(10L, 20L), "<f4", null, Map.of()));
        return new Dataset(id, title, "10.5072/" + id, List.of(new Publication("10.5072/paper-" + id, "A. Author et al., J. Synchrotron Rad. (2020)")),
                List.of(Author.person("Ada Researcher", "0000-0002-1825-0097", "Demo University", "PI"),
                        Author.person("Ben Beamline", null, "Demo facility", "Instrument scientist")),
                license, released, Status.PUBLISHED, technique, facility, instrument, sample, keywords, parameters,
                files, facts, id.startsWith("synthetic"), body, null);
    }
}
