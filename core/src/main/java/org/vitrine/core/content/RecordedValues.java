package org.vitrine.core.content;

import org.vitrine.core.hdf5.Hdf5Entity;
import org.vitrine.core.hdf5.Hdf5Exception;
import org.vitrine.core.hdf5.Hdf5File;
import org.vitrine.core.hdf5.LinkResolution;
import org.vitrine.core.model.FileKind;
import org.vitrine.core.model.Parameter;
import org.vitrine.core.model.Provenance;
import org.vitrine.core.units.UnitTable;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The experimental values an HDF5 file records, found the way NeXus defines them, by the
 * {@code NX_class} of their groups rather than by fixed paths, and in CXI files by their group
 * names: photon energy and wavelength (NXmonochromator, NXbeam's incident values, CXI
 * {@code source_N} and {@code beam_N}; never NXsource's energy, which is the storage ring's
 * electron energy), detector distance, pixel size, beam centre and count time (NXdetector, CXI
 * {@code detector_N}), sample temperature (NXsample), and the entry's title, experiment
 * identifier, start and end time (NXentry).
 *
 * <p>Values are read with the {@code units} attribute in the spellings facilities write
 * ({@code keV}, {@code A}, {@code Angstroms}, {@code micron}, {@code C}, …; CXI values without one
 * are SI, as CXI defines) and shown in the unit a reader expects. A NeXus value without units is
 * shown as written, with no unit, and a warning: a unit is never guessed.
 */
final class RecordedValues {

    /** What one file records: parameters, texts of its entry, and warnings about what it records badly. */
    record Found(List<Parameter> parameters, Map<String, String> texts, List<String> warnings) {
    }

    /** Groups read at most: a file with thousands of groups is not walked to its end for a few values. */
    private static final int MAX_GROUPS = 2000;
    private static final int MAX_DEPTH = 6;
    private static final Pattern CXI_GROUP = Pattern.compile("(source|beam|detector)_\\d+");

    private final Hdf5File file;
    private final String preview;
    private final FileKind kind;
    private final boolean cxi;
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final Map<String, String> texts = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private int groups;
    private boolean detectorRead;

    private RecordedValues(Hdf5File file, String preview, FileKind kind, boolean cxi) {
        this.file = file;
        this.preview = preview;
        this.kind = kind;
        this.cxi = cxi;
    }

    /**
     * Reads what {@code file} records.
     *
     * @param preview the previewed dataset's path, or null: the detector that holds it wins
     * @param kind    the preview's kind (a volume's pixel is a voxel)
     * @param cxi     whether the file is CXI (SI values, groups found by name)
     */
    static Found read(Hdf5File file, String preview, FileKind kind, boolean cxi) {
        RecordedValues r = new RecordedValues(file, preview, kind, cxi);
        List<String[]> found = new ArrayList<>();
        r.walk("/", 0, found);
        // The detector holding the previewed data first, then the others in the file's order.
        found.sort((a, b) -> Boolean.compare(!r.holdsPreview(a[0]), !r.holdsPreview(b[0])));
        for (String[] group : found) {
            r.readGroup(group[0], group[1]);
        }
        return new Found(List.copyOf(r.parameters.values()), Map.copyOf(r.texts), List.copyOf(r.warnings));
    }

    private boolean holdsPreview(String group) {
        return preview != null && preview.startsWith(group + "/");
    }

    /** Collects {@code {path, class}} of every group of interest, depth first in name order, links not followed. */
    private void walk(String path, int depth, List<String[]> out) {
        if (depth > MAX_DEPTH || groups++ > MAX_GROUPS) {
            return;
        }
        Hdf5Entity entity;
        try {
            entity = file.entity(path, LinkResolution.NONE);
        } catch (Hdf5Exception e) {
            return; // What cannot be read is not shown; the API names the problem when asked.
        }
        if (!(entity instanceof Hdf5Entity.Group group)) {
            return;
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        String nxClass = attributeText(path, "NX_class");
        if (nxClass != null) {
            out.add(new String[]{path, nxClass});
        } else if (cxi && CXI_GROUP.matcher(name).matches()) {
            out.add(new String[]{path, "cxi:" + name.substring(0, name.indexOf('_'))});
        }
        for (String child : group.children()) {
            walk(path.equals("/") ? "/" + child : path + "/" + child, depth + 1, out);
        }
    }

    private void readGroup(String path, String nxClass) {
        switch (nxClass) {
            case "NXentry" -> {
                for (String field : List.of("title", "experiment_identifier", "start_time", "end_time")) {
                    String text = text(path + "/" + field);
                    if (text != null && !text.isBlank()) {
                        texts.putIfAbsent(field, text.strip());
                    }
                }
            }
            case "NXmonochromator" -> {
                number("photon_energy", path + "/energy", "keV");
                number("wavelength", path + "/wavelength", "nm");
            }
            case "NXbeam" -> {
                number("photon_energy", path + "/incident_energy", "keV");
                number("wavelength", path + "/incident_wavelength", "nm");
            }
            case "NXdetector", "cxi:detector" -> detector(path);
            case "NXsample" -> number("temperature", path + "/temperature", null);
            case "cxi:source", "cxi:beam" -> {
                number("photon_energy", path + "/energy", "keV");
                number("wavelength", path + "/wavelength", "nm");
            }
            default -> {
                // Other classes (NXsource among them: its energy is the ring's) record nothing shown here.
            }
        }
    }

    /** The first detector only (the preview's, when it is one): another's pixels are not this data's. */
    private void detector(String path) {
        if (detectorRead) {
            return;
        }
        detectorRead = true;
        number("detector_distance", path + "/distance", "m");
        number("detector_distance", path + "/detector_distance", "m");
        String pixel = kind == FileKind.VOLUME ? "voxel_size" : "pixel_size";
        Parameter x = number(pixel, path + "/x_pixel_size", "µm");
        Parameter y = read(pixel + "_y", path + "/y_pixel_size", "µm");
        if (x != null && y != null && (x.value() != y.value() || !x.unit().equals(y.unit()))) {
            parameters.putIfAbsent(y.name(), y);
        }
        for (String axis : List.of("x", "y")) {
            Parameter centre = read("beam_center_" + axis, path + "/beam_center_" + axis, null);
            if (centre != null) {
                parameters.putIfAbsent(centre.name(), centre);
            }
        }
        number("exposure_time", path + "/count_time", "s");
    }

    /** Reads a value and keeps it unless an earlier one of the same name was kept. */
    private Parameter number(String name, String path, String displayUnit) {
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        }
        Parameter p = read(name, path, displayUnit);
        if (p != null) {
            parameters.put(name, p);
        }
        return p;
    }

    /**
     * A scalar number at {@code path} in {@code displayUnit} (null: as written), or null when
     * there is none, it is not a number, or its unit does not measure what {@code name} measures
     * (a warning says so).
     */
    private Parameter read(String name, String path, String displayUnit) {
        Number value;
        try {
            if (!file.isDataset(path)) {
                return null;
            }
            value = file.readNumber(path);
        } catch (Hdf5Exception e) {
            return null;
        }
        if (value == null || !Double.isFinite(value.doubleValue())) {
            return null;
        }
        double v = value.doubleValue();
        String written = attributeText(path, "units");
        if (written == null && cxi) {
            written = displayUnit == null ? null : siUnitOf(name);
        }
        if (written == null || written.isBlank()) {
            warnings.add(path + " = " + round(v) + " has no units attribute: shown without a unit, as the file records it");
            return new Parameter(name, round(v), "", Provenance.FILE);
        }
        String unit = canonical(written.strip(), name);
        if (unit.equals("pixel")) {
            return name.startsWith("beam_center") ? new Parameter(name, round(v), "pixel", Provenance.FILE) : null;
        }
        UnitTable.Unit known = UnitTable.find(unit).orElse(null);
        if (known == null || !UnitTable.fits(name, known) || (name.startsWith("beam_center") && known.quantity() != UnitTable.Quantity.LENGTH)) {
            warnings.add(path + " = " + round(v) + " has units '" + written.strip() + "', which "
                    + (known == null ? "Vitrine does not know" : "do not measure " + expected(name)) + ": not shown");
            return null;
        }
        if (displayUnit == null || UnitTable.find(displayUnit).map(d -> d.quantity() != known.quantity()).orElse(true)) {
            return new Parameter(name, round(v), known.symbol(), Provenance.FILE);
        }
        double shown = UnitTable.fromSi(UnitTable.toSi(v, unit).value(), displayUnit);
        return new Parameter(name, round(shown), displayUnit, Provenance.FILE);
    }

    private static String expected(String name) {
        return UnitTable.quantityOf(name).map(UnitTable.Quantity::noun).orElse("a length");
    }

    private static String siUnitOf(String parameter) {
        return UnitTable.quantityOf(parameter).map(UnitTable.Quantity::siUnit).orElse("m");
    }

    /**
     * A unit as facilities spell it, in the unit table's spelling. NeXus writes "C" for degrees
     * Celsius, "Angstroms" for ångström, "microns" for micrometre; "A" next to a length is the
     * ångström.
     */
    static String canonical(String written, String parameter) {
        String lower = written.toLowerCase(Locale.ROOT);
        return switch (lower) {
            case "angstroms", "ang" -> "Å";
            case "microns", "micrometer", "micrometre" -> "µm";
            case "c", "celsius", "degc", "deg c" -> parameter.equals("temperature") ? "°C" : written;
            case "pixel", "pixels", "px" -> "pixel";
            case "kelvin" -> "K";
            default -> written;
        };
    }

    private String attributeText(String path, String name) {
        try {
            return file.attributeString(path, name);
        } catch (Hdf5Exception e) {
            return null;
        }
    }

    private String text(String path) {
        try {
            return file.isDataset(path) ? file.readString(path) : null;
        } catch (Hdf5Exception e) {
            return null;
        }
    }

    /** Six significant digits: files store float32 values such as 1.1200000047683716. */
    static double round(double v) {
        return v == 0 ? 0 : new BigDecimal(v).round(new MathContext(6)).doubleValue();
    }
}
