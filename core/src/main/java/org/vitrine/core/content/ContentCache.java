package org.vitrine.core.content;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.vitrine.core.model.Dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers what loading each dataset file gave (the dataset and its problems) between runs, so a
 * rebuild after one change reads one file instead of thousands. An entry is used only while the
 * markdown file, every local file it references, the site settings and Vitrine itself are
 * unchanged (by size and modification time); anything else is read again.
 */
final class ContentCache {

    // Smile (binary JSON) reads the ten thousand records of a large site about twice as fast as
    // JSON text and shares the many repeated strings (technique paths, facility names).
    private static final ObjectMapper JSON = new ObjectMapper(SmileFactory.builder()
            .enable(com.fasterxml.jackson.dataformat.smile.SmileGenerator.Feature.CHECK_SHARED_STRING_VALUES).build())
            .registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** One remembered file: its stamp, the stamps of the data files it references, the result and its digest. */
    record Entry(String stamp, Map<String, String> files, Dataset dataset, String digest, List<CachedProblem> problems) {
    }

    /** A problem without its file (the entry's file). */
    record CachedProblem(int line, ContentProblem.Severity severity, String message) {
    }

    private record Stored(String version, Map<String, Entry> entries) {
    }

    private final Path file;
    private final String version;
    private final Map<String, Entry> previous;
    private final Map<String, Entry> current = new ConcurrentHashMap<>();
    private volatile boolean readAny;

    /**
     * @param file    where the cache lives (outside any published folder), or null for none
     * @param version what every entry depends on besides its own files (site settings)
     */
    ContentCache(Path file, String version) {
        this.file = file;
        this.version = version + "|" + codeStamp();
        this.previous = read(file, this.version);
    }

    /** The remembered result for {@code source}, or null when it or a file it references changed. */
    Entry lookup(Path source, Path dataRoot) {
        Entry e = previous.get(source.toString());
        if (e == null || !e.stamp().equals(stamp(source))) {
            return null;
        }
        for (Map.Entry<String, String> f : e.files().entrySet()) {
            if (!f.getValue().equals(stamp(dataRoot.resolve(f.getKey())))) {
                return null;
            }
        }
        current.put(source.toString(), e);
        return e;
    }

    /** Remembers what reading {@code source} gave; returns the entry, or null when there is no cache. */
    Entry remember(Path source, Path dataRoot, Dataset dataset, List<ContentProblem> problems) {
        if (file == null) {
            return null;
        }
        Map<String, String> files = new TreeMap<>();
        if (dataset != null) {
            dataset.files().stream().filter(f -> f.isLocal()).forEach(f -> files.put(f.path(), stamp(dataRoot.resolve(f.path()))));
        }
        List<CachedProblem> own = problems.stream().map(p -> new CachedProblem(p.line(), p.severity(), p.message())).toList();
        Entry entry = new Entry(stamp(source), files, dataset, dataset == null ? null : dataset.digest(), own);
        readAny = true;
        current.put(source.toString(), entry);
        return entry;
    }

    /** Writes what this run read, dropping entries of files that are gone; nothing when all was remembered. */
    void save() {
        // Every entry is either taken over from the previous run or newly read: with nothing newly
        // read and as many entries, the file already holds exactly this.
        if (file == null || (!readAny && current.size() == previous.size())) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), new Stored(version, new TreeMap<>(current)));
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the content cache " + file, e);
        }
    }

    private static Map<String, Entry> read(Path file, String version) {
        if (file == null || !Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            Stored s = JSON.readValue(file.toFile(), Stored.class);
            return s.version().equals(version) && s.entries() != null ? s.entries() : Map.of();
        } catch (IOException | RuntimeException e) {
            return Map.of(); // A damaged or older cache only costs reading everything again.
        }
    }

    /** Size and modification time: what tells a changed file without reading it. */
    static String stamp(Path p) {
        try {
            return Files.size(p) + ":" + Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return "missing";
        }
    }

    /** A new build of Vitrine may read content differently, so its code is part of every key. */
    private static String codeStamp() {
        try {
            return stamp(Path.of(ContentCache.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException | RuntimeException e) {
            return "unknown";
        }
    }
}
