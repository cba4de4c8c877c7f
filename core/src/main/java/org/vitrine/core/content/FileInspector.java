package org.vitrine.core.content;

import org.vitrine.core.hdf5.Hdf5Dataset;
import org.vitrine.core.hdf5.Hdf5Exception;
import org.vitrine.core.hdf5.Hdf5File;
import org.vitrine.core.hdf5.Hdf5Files;
import org.vitrine.core.model.DataFile;
import org.vitrine.core.model.Dataset;
import org.vitrine.core.model.FileFacts;
import org.vitrine.core.model.FileKind;
import org.vitrine.core.model.Parameter;
import org.vitrine.core.model.Provenance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Reads the local files a dataset references: size and checksum, and through HDF5 the preview
 * dataset's shape and type, the CXI rules, and the experimental parameters the file records
 * (wavelength, photon energy, detector distance, pixel size) where the curator wrote none.
 * Every problem names the line of the file entry; a broken file gives one line, never a trace.
 *
 * <p>Checksums of large files are slow, so they are remembered by path, size and modification
 * time in an optional cache file.
 */
public class FileInspector {

    /** Parameters a file can supply; a curated value of the same name always wins. */
    private static final Set<String> FROM_FILE = Set.of("photon_energy", "wavelength", "detector_distance", "pixel_size");
    private static final double JOULES_PER_EV = 1.602176634e-19;

    private final Hdf5Files hdf5;
    private final Path checksumCache;
    private final Map<String, String> checksums = new ConcurrentHashMap<>();

    /**
     * @param hdf5          the HDF5 access path (shared with thumbnails, so files open once)
     * @param checksumCache file that remembers checksums between runs, or null
     */
    public FileInspector(Hdf5Files hdf5, Path checksumCache) {
        this.hdf5 = hdf5;
        this.checksumCache = checksumCache;
        if (checksumCache != null && Files.isRegularFile(checksumCache)) {
            Properties p = new Properties();
            try (var in = Files.newBufferedReader(checksumCache, StandardCharsets.UTF_8)) {
                p.load(in);
                p.stringPropertyNames().forEach(k -> checksums.put(k, p.getProperty(k)));
            } catch (IOException | IllegalArgumentException e) {
                checksums.clear(); // A damaged cache only costs recomputing.
            }
        }
    }

    /**
     * Returns {@code dataset} completed with what its files say; problems go to {@code problems}
     * at the line of the file entry in {@code fm}.
     */
    public Dataset inspect(Dataset dataset, FrontMatter fm, Path dataRoot, Problems problems) {
        Map<String, FileFacts> facts = new HashMap<>();
        Map<String, Parameter> fromFiles = new TreeMap<>();
        for (int i = 0; i < dataset.files().size(); i++) {
            DataFile file = dataset.files().get(i);
            if (!file.isLocal()) {
                continue;
            }
            String at = "/files/" + i;
            Path path;
            try {
                path = SafePaths.fileUnder(dataRoot, file.path());
            } catch (SafePaths.Refused e) {
                problems.error(fm.file(), fm.lineOf(at + "/path"), "file '" + file.path() + "' " + e.getMessage());
                continue;
            }
            long size;
            String sha;
            try {
                size = Files.size(path);
                sha = checksum(path);
            } catch (IOException e) {
                problems.error(fm.file(), fm.lineOf(at + "/path"), "cannot read '" + file.path() + "': " + e.getMessage());
                continue;
            }
            try (Hdf5File h5 = hdf5.open(path)) {
                facts.put(file.path(), readFacts(h5, file, size, sha, fm, at, problems));
                if (file.dataset() != null) {
                    fileParameters(h5, file.dataset(), file.kind()).forEach(p -> fromFiles.putIfAbsent(p.name(), p));
                }
            } catch (Hdf5Exception e) {
                problems.error(fm.file(), fm.lineOf(at + "/path"), "'" + file.path() + "' cannot be read as HDF5: " + e.getMessage());
                facts.put(file.path(), new FileFacts(size, sha, null, null, null, null));
            }
        }
        List<Parameter> parameters = new ArrayList<>(dataset.parameters());
        Set<String> curated = parameters.stream().map(Parameter::name).collect(Collectors.toSet());
        fromFiles.values().stream().filter(p -> !curated.contains(p.name())).forEach(parameters::add);
        return dataset.withFileData(parameters, facts);
    }

    private FileFacts readFacts(Hdf5File h5, DataFile file, long size, String sha, FrontMatter fm, String at, Problems problems) {
        Integer cxiVersion = null;
        boolean cxi = file.path().toLowerCase().endsWith(".cxi");
        if (h5.isDataset("/cxi_version")) {
            Number v = h5.readNumber("/cxi_version");
            cxiVersion = v == null ? null : v.intValue();
            cxi = true;
        }
        if (cxi) {
            if (cxiVersion == null) {
                problems.warning(fm.file(), fm.lineOf(at + "/path"), "CXI file '" + file.path() + "' has no /cxi_version dataset");
            }
            if (!h5.isDataset("/entry_1/data_1/data")) {
                problems.error(fm.file(), fm.lineOf(at + "/path"), "CXI file '" + file.path() + "' has no /entry_1/data_1/data");
            }
        }
        String format = cxi ? "CXI" : isNexus(h5) ? "NeXus" : "HDF5";
        if (file.dataset() == null) {
            return new FileFacts(size, sha, format, null, null, cxiVersion);
        }
        int line = fm.lineOf(at + "/dataset");
        if (!h5.exists(file.dataset())) {
            problems.error(fm.file(), line, "'" + file.dataset() + "' is not a valid path in " + file.name());
            return new FileFacts(size, sha, format, null, null, cxiVersion);
        }
        if (!h5.isDataset(file.dataset())) {
            problems.error(fm.file(), line, "'" + file.dataset() + "' in " + file.name() + " is a group, not a dataset");
            return new FileFacts(size, sha, format, null, null, cxiVersion);
        }
        Hdf5Dataset d = h5.dataset(file.dataset());
        long[] shape = d.shape();
        List<Long> shapeList = shape == null ? null : Arrays.stream(shape).boxed().toList();
        String problem = plottable(d, file.kind());
        if (problem != null) {
            problems.error(fm.file(), line, "'" + file.dataset() + "' in " + file.name() + " " + problem);
        }
        return new FileFacts(size, sha, format, shapeList, d.dtype(), cxiVersion);
    }

    /** Why the dataset cannot be previewed as {@code kind}, or null when it can. */
    private static String plottable(Hdf5Dataset d, FileKind kind) {
        if (!d.isNumeric()) {
            return "holds " + d.dtype() + " values, which cannot be plotted";
        }
        long[] shape = d.shape();
        if (shape == null || d.size() == 0) {
            return "is empty";
        }
        int rank = (int) Arrays.stream(shape).filter(n -> n > 1).count();
        return switch (kind) {
            case DIFFRACTION -> rank == 2 || rank == 3 ? null : "has shape " + Arrays.toString(shape) + ": diffraction needs (y, x) or (frames, y, x)";
            case VOLUME -> rank == 3 ? null : "has shape " + Arrays.toString(shape) + ": a volume needs (z, y, x)";
            case IMAGE -> rank == 2 ? null : "has shape " + Arrays.toString(shape) + ": an image needs (y, x)";
            case NONE -> null;
        };
    }

    private static boolean isNexus(Hdf5File h5) {
        for (String entry : List.of("/entry", "/entry_1", "/entry1")) {
            if (h5.exists(entry) && "NXentry".equals(h5.attributeString(entry, "NX_class"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The parameters a CXI or NeXus file records for the detector that holds {@code dataPath}:
     * CXI stores SI values (J, m); NeXus names its unit in a {@code units} attribute.
     */
    private static List<Parameter> fileParameters(Hdf5File h5, String dataPath, FileKind kind) {
        List<Parameter> out = new ArrayList<>();
        String detector = "/entry_1/instrument_1/detector_1";
        int at = dataPath.indexOf("/detector_");
        if (at >= 0) {
            int end = dataPath.indexOf('/', at + 1);
            detector = end < 0 ? dataPath : dataPath.substring(0, end);
        }
        String pixelName = kind == FileKind.VOLUME ? "voxel_size" : "pixel_size";
        // CXI: SI units.
        Double wavelength = number(h5, "/entry_1/instrument_1/source_1/wavelength", null);
        Double energy = number(h5, "/entry_1/instrument_1/source_1/energy", null);
        if (energy != null && energy > 0) {
            out.add(new Parameter("photon_energy", round(energy / JOULES_PER_EV / 1000), "keV", Provenance.FILE));
        }
        if (wavelength != null && wavelength > 0) {
            out.add(new Parameter("wavelength", round(wavelength * 1e9), "nm", Provenance.FILE));
        }
        Double distance = number(h5, detector + "/distance", null);
        if (distance != null) {
            out.add(new Parameter("detector_distance", round(distance), "m", Provenance.FILE));
        }
        Double pixel = number(h5, detector + "/x_pixel_size", null);
        if (pixel != null) {
            out.add(new Parameter(pixelName, round(pixel * 1e6), "µm", Provenance.FILE));
        }
        // NeXus: units from attributes.
        for (String entry : List.of("/entry", "/entry_1")) {
            String inst = entry + "/instrument";
            Double e = number(h5, inst + "/source/energy", "keV");
            if (e != null) {
                out.add(new Parameter("photon_energy", round(e), "keV", Provenance.FILE));
            }
            Double w = number(h5, inst + "/source/wavelength", "nm");
            if (w != null) {
                out.add(new Parameter("wavelength", round(w), "nm", Provenance.FILE));
            }
            Double dist = number(h5, inst + "/detector/distance", "m");
            if (dist != null) {
                out.add(new Parameter("detector_distance", round(dist), "m", Provenance.FILE));
            }
            Double px = number(h5, inst + "/detector/x_pixel_size", "µm");
            if (px != null) {
                out.add(new Parameter(pixelName, round(px), "µm", Provenance.FILE));
            }
        }
        return out;
    }

    /**
     * A scalar number at {@code path}, or null. With {@code unit}, the value is converted from
     * the dataset's {@code units} attribute to it (and null when the unit is unknown).
     */
    private static Double number(Hdf5File h5, String path, String unit) {
        try {
            if (!h5.isDataset(path)) {
                return null;
            }
            Number n = h5.readNumber(path);
            if (n == null) {
                return null;
            }
            if (unit == null) {
                return n.doubleValue();
            }
            String units = h5.attributeString(path, "units");
            Double factor = units == null ? null : toUnit(units.strip(), unit);
            return factor == null ? null : n.doubleValue() * factor;
        } catch (Hdf5Exception e) {
            return null; // Metadata that cannot be read is simply not shown.
        }
    }

    /** Factor from {@code from} to {@code to} for the few units files use here, or null. */
    private static Double toUnit(String from, String to) {
        Map<String, Double> length = Map.of("m", 1.0, "mm", 1e-3, "um", 1e-6, "µm", 1e-6, "micron", 1e-6, "nm", 1e-9,
                "Angstrom", 1e-10, "angstrom", 1e-10, "Å", 1e-10);
        Map<String, Double> energy = Map.of("eV", 1.0, "keV", 1e3, "MeV", 1e6, "J", 1 / JOULES_PER_EV);
        for (Map<String, Double> table : List.of(length, energy)) {
            if (table.containsKey(from) && table.containsKey(to)) {
                return table.get(from) / table.get(to);
            }
        }
        return null;
    }

    /** Six significant digits: files store float32 values such as 1.1200000047683716. */
    private static double round(double v) {
        return v == 0 ? 0 : new java.math.BigDecimal(v).round(new java.math.MathContext(6)).doubleValue();
    }

    private String checksum(Path path) throws IOException {
        String key = path.toAbsolutePath() + "|" + Files.size(path) + "|" + Files.getLastModifiedTime(path).toMillis();
        String known = checksums.get(key);
        if (known != null) {
            return known;
        }
        String sha = sha256(path);
        checksums.put(key, sha);
        return sha;
    }

    /** Saves remembered checksums to the cache file, if there is one. */
    public void saveChecksums() {
        if (checksumCache == null) {
            return;
        }
        Properties p = new Properties();
        p.putAll(checksums);
        try {
            Files.createDirectories(checksumCache.getParent());
            try (var out = Files.newBufferedWriter(checksumCache, StandardCharsets.UTF_8)) {
                p.store(out, "SHA-256 of data files by path|size|modification time");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + checksumCache, e);
        }
    }

    /** Lower-case hex SHA-256 of a file's bytes. */
    public static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
