package org.vitrine.core.content;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.vitrine.core.model.Dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
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

    // Smile (binary JSON) reads the ten thousand records of a large site faster than JSON text.
    // Each entry is a document of its own, so an entry carried over is written back as read.
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

    /** An entry with its encoded form, so that an entry carried over is written back without encoding it again. */
    private record Stored(Entry entry, StateTable.Value encoded) {
    }

    /** The row that holds the version (no source file has an empty path). */
    private static final String VERSION_ROW = "";

    private final Path file;
    private final String version;
    private final Map<String, Stored> previous;
    private final Map<String, Stored> current = new ConcurrentHashMap<>();
    private volatile boolean readAny;

    /**
     * @param file    where the cache lives (outside any published folder), or null for none
     * @param version what every entry depends on besides its own files (site settings)
     */
    ContentCache(Path file, String version) {
        this.file = file;
        // A new build of Vitrine may read content differently.
        this.version = version + "|" + CodeStamp.of(ContentCache.class);
        this.previous = read(file, this.version);
    }

    /** The remembered result for {@code source}, or null when it or a file it references changed. */
    Entry lookup(Path source, Path dataRoot) {
        Stored stored = previous.get(source.toString());
        Entry e = stored == null ? null : stored.entry();
        if (e == null || !e.stamp().equals(stamp(source))) {
            return null;
        }
        for (Map.Entry<String, String> f : e.files().entrySet()) {
            if (!f.getValue().equals(stamp(dataRoot.resolve(f.getKey())))) {
                return null;
            }
        }
        current.put(source.toString(), stored);
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
        try {
            current.put(source.toString(), new Stored(entry, StateTable.Value.of(JSON.writeValueAsBytes(entry))));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remember " + source + " in the content cache", e);
        }
        return entry;
    }

    /** Writes what this run read, dropping entries of files that are gone; nothing when all was remembered. */
    void save() {
        // Every entry is either taken over from the previous run or newly read: with nothing newly
        // read and as many entries, the file already holds exactly this.
        if (file == null || (!readAny && current.size() == previous.size())) {
            return;
        }
        Map<String, StateTable.Value> rows = new HashMap<>(current.size() * 4 / 3 + 2);
        current.forEach((source, stored) -> rows.put(source, stored.encoded()));
        rows.put(VERSION_ROW, StateTable.Value.of(version));
        StateTable.write(file, rows);
    }

    /** The entries of {@code file} (decoded in parallel), or none when it is missing, damaged or of another version. */
    private static Map<String, Stored> read(Path file, String version) {
        if (file == null) {
            return Map.of();
        }
        Map<String, StateTable.Value> rows = StateTable.read(file);
        StateTable.Value stored = rows.remove(VERSION_ROW);
        if (stored == null || !stored.text().equals(version)) {
            return Map.of();
        }
        try {
            Map<String, Stored> out = new ConcurrentHashMap<>(rows.size() * 4 / 3 + 1);
            rows.entrySet().parallelStream().forEach(row -> {
                try {
                    out.put(row.getKey(), new Stored(JSON.readValue(row.getValue().bytes(), Entry.class), row.getValue()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            return out;
        } catch (RuntimeException e) {
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
}
