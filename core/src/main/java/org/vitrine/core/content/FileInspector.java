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
 * dataset's shape and type, the CXI rules, and what every HDF5 file records
 * ({@link RecordedValues}: photon energy, wavelength, detector geometry, temperature, the
 * entry's title and times) where the curator wrote none. Every problem names the line of the
 * file entry; a broken file gives one line, never a trace.
 *
 * <p>Checksums of large files are slow, so they are remembered by path, size and modification
 * time in an optional cache file.
 */
public class FileInspector {

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
                boolean cxi = isCxi(h5, file);
                RecordedValues.Found recorded = RecordedValues.read(h5, file.dataset(), file.kind(), cxi);
                recorded.parameters().forEach(p -> fromFiles.putIfAbsent(p.name(), p));
                for (String warning : recorded.warnings()) {
                    problems.warning(fm.file(), fm.lineOf(at + "/path"), "'" + file.path() + "': " + warning);
                }
                facts.put(file.path(), readFacts(h5, file, cxi, size, sha, recorded.texts(), fm, at, problems));
            } catch (Hdf5Exception e) {
                problems.error(fm.file(), fm.lineOf(at + "/path"), "'" + file.path() + "' cannot be read as HDF5: " + e.getMessage());
                facts.put(file.path(), new FileFacts(size, sha, null, null, null, null, Map.of()));
            }
        }
        List<Parameter> parameters = new ArrayList<>(dataset.parameters());
        Set<String> curated = parameters.stream().map(Parameter::name).collect(Collectors.toSet());
        fromFiles.values().stream().filter(p -> !curated.contains(p.name())).forEach(parameters::add);
        return dataset.withFileData(parameters, facts);
    }

    private static boolean isCxi(Hdf5File h5, DataFile file) {
        return file.path().toLowerCase(java.util.Locale.ROOT).endsWith(".cxi") || h5.isDataset("/cxi_version");
    }

    private FileFacts readFacts(Hdf5File h5, DataFile file, boolean cxi, long size, String sha, Map<String, String> texts,
                                FrontMatter fm, String at, Problems problems) {
        Integer cxiVersion = null;
        if (h5.isDataset("/cxi_version")) {
            Number v = h5.readNumber("/cxi_version");
            cxiVersion = v == null ? null : v.intValue();
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
            return new FileFacts(size, sha, format, null, null, cxiVersion, texts);
        }
        int line = fm.lineOf(at + "/dataset");
        String missing = whyNotADataset(h5, file.dataset(), file.name());
        if (missing != null) {
            problems.error(fm.file(), line, "'" + file.dataset() + "' " + missing);
            return new FileFacts(size, sha, format, null, null, cxiVersion, texts);
        }
        Hdf5Dataset d = h5.dataset(file.dataset());
        long[] shape = d.shape();
        List<Long> shapeList = shape == null ? null : Arrays.stream(shape).boxed().toList();
        String problem = plottable(d, file.kind());
        if (problem != null) {
            problems.error(fm.file(), line, "'" + file.dataset() + "' in " + file.name() + " " + problem);
        }
        return new FileFacts(size, sha, format, shapeList, d.dtype(), cxiVersion, texts);
    }

    /**
     * Why {@code path} is not a dataset to preview, or null when it is: it is not there, it is a
     * link that cannot be followed (and why), or it is a group.
     */
    private static String whyNotADataset(Hdf5File h5, String path, String name) {
        try {
            h5.entity(path, org.vitrine.core.hdf5.LinkResolution.ALL);
        } catch (Hdf5Exception e) {
            if (e.kind() == Hdf5Exception.Kind.PATH_NOT_FOUND) {
                return "is not a valid path in " + name;
            }
            if (e.kind() == Hdf5Exception.Kind.BROKEN_LINK) {
                return "in " + name + " is a link that cannot be followed: " + e.getMessage();
            }
            throw e;
        }
        return h5.isDataset(path) ? null : "in " + name + " is a group, not a dataset";
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
