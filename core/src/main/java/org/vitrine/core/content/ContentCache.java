package org.vitrine.core.content;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import com.fasterxml.jackson.dataformat.smile.SmileGenerator;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.vitrine.core.model.Dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
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
    // Paths are kept as plain strings: Jackson's default (a file: URI) costs a URI parse each.
    // A record's bytes are kept as they are, not spread over 7-bit bytes: nothing here scans for
    // Smile's end marker.
    private static final ObjectMapper JSON = new ObjectMapper(new SmileFactory().disable(SmileGenerator.Feature.ENCODE_BINARY_AS_7BIT))
            .registerModule(new JavaTimeModule())
            .registerModule(new com.fasterxml.jackson.databind.module.SimpleModule()
                    .addSerializer(Path.class, new com.fasterxml.jackson.databind.ser.std.ToStringSerializerBase(Path.class) {
                        @Override
                        public String valueToString(Object value) {
                            return value.toString();
                        }
                    })
                    .addDeserializer(Path.class, new com.fasterxml.jackson.databind.deser.std.FromStringDeserializer<>(Path.class) {
                        @Override
                        protected Path _deserialize(String value, com.fasterxml.jackson.databind.DeserializationContext context) {
                            return Path.of(value);
                        }
                    }))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final com.fasterxml.jackson.databind.ObjectReader STORED = JSON.readerFor(Stored.class);
    private static final com.fasterxml.jackson.databind.ObjectReader DATASET = JSON.readerFor(Dataset.class);

    /** One remembered file: its stamp, the stamps of the data files it references, the result and its digest. */
    record Entry(String stamp, Map<String, String> files, Dataset dataset, String digest, List<CachedProblem> problems) {
    }

    /**
     * An entry as kept: the dataset as the bytes its digest was taken of, so that remembering a
     * dataset encodes it once.
     */
    private record Stored(String stamp, Map<String, String> files, byte[] record, String digest, List<CachedProblem> problems) {
    }

    /** A problem without its file (the entry's file). */
    record CachedProblem(int line, ContentProblem.Severity severity, String message) {
    }

    /** The row that holds the version (no source file has an empty path). */
    private static final String VERSION_ROW = "";

    private final Path file;
    private final String version;
    /** Encoded entries of the previous run, each decoded when its file is looked up. */
    private final Map<String, StateTable.Value> previous;
    /** Encoded entries of this run: those carried over are written back as they were read. */
    private final Map<String, StateTable.Value> current;
    private volatile boolean readAny;

    /** Sets up the codec (its class), which in a new JVM takes a tenth of a second. */
    static void prepare() {
        // Initialising this class makes the mapper and its readers, whose deserializers are made up front.
    }

    /**
     * @param file    where the cache lives (outside any published folder), or null for none
     * @param version what every entry depends on besides its own files (site settings)
     */
    ContentCache(Path file, String version) {
        this.file = file;
        // A new build of Vitrine may read content differently.
        this.version = version + "|" + CodeStamp.of(ContentCache.class);
        this.previous = read(file, this.version);
        this.current = new ConcurrentHashMap<>(previous.size() * 4 / 3 + 16);
    }

    /**
     * The remembered result for {@code source}, or null when it or a file it references changed.
     *
     * @param stamp the source's {@link #stamp} as found now
     */
    Entry lookup(Path source, String stamp, Path dataRoot) {
        StateTable.Value encoded = previous.get(source.toString());
        if (encoded == null) {
            return null;
        }
        Entry e;
        try {
            // Decoded here, on the loader's threads, rather than all up front: a changed file
            // is read meanwhile instead of after ten thousand entries.
            Stored stored = STORED.readValue(encoded.stream());
            if (!stored.stamp().equals(stamp)) {
                return null;
            }
            for (Map.Entry<String, String> f : stored.files().entrySet()) {
                if (!f.getValue().equals(stamp(dataRoot.resolve(f.getKey())))) {
                    return null;
                }
            }
            e = new Entry(stored.stamp(), stored.files(), stored.record() == null ? null : DATASET.readValue(stored.record()),
                    stored.digest(), stored.problems());
        } catch (IOException | RuntimeException damaged) {
            return null; // A damaged entry only costs reading its file again.
        }
        current.put(source.toString(), encoded);
        return e;
    }

    /**
     * Remembers what reading {@code source} gave; returns the entry, or null when there is no cache.
     *
     * @param stamp the source's {@link #stamp} taken before it was read, so an edit made meanwhile is read next time
     */
    Entry remember(Path source, String stamp, Path dataRoot, Dataset dataset, List<ContentProblem> problems) {
        if (file == null) {
            return null;
        }
        Map<String, String> files = new TreeMap<>();
        if (dataset != null) {
            dataset.files().stream().filter(f -> f.isLocal()).forEach(f -> files.put(f.path(), stamp(dataRoot.resolve(f.path()))));
        }
        List<CachedProblem> own = problems.stream().map(p -> new CachedProblem(p.line(), p.severity(), p.message())).toList();
        readAny = true;
        try {
            byte[] record = dataset == null ? null : JSON.writeValueAsBytes(dataset);
            String digest = record == null ? null : digest(record);
            current.put(source.toString(), StateTable.Value.of(JSON.writeValueAsBytes(new Stored(stamp, files, record, digest, own))));
            return new Entry(stamp, files, dataset, digest, own);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remember " + source + " in the content cache", e);
        }
    }

    /**
     * The {@link ContentHash} of the whole record, the same in every run for the same content:
     * outputs made from a dataset are skipped on a rebuild while its digest is unchanged. It
     * digests the record's binary JSON, which names every component.
     */
    private static String digest(byte[] record) {
        return ContentHash.of(record);
    }

    /** Writes what this run read, dropping entries of files that are gone; nothing when all was remembered. */
    void save() {
        // Every entry is either taken over from the previous run or newly read: with nothing newly
        // read and as many entries, the file already holds exactly this.
        if (file == null || (!readAny && current.size() == previous.size())) {
            return;
        }
        Map<String, StateTable.Value> rows = new HashMap<>(current);
        rows.put(VERSION_ROW, StateTable.Value.of(version));
        StateTable.write(file, rows);
    }

    /** The encoded entries of {@code file}, or none when it is missing, damaged or of another version. */
    private static Map<String, StateTable.Value> read(Path file, String version) {
        if (file == null) {
            return Map.of();
        }
        Map<String, StateTable.Value> rows = StateTable.read(file);
        StateTable.Value stored = rows.remove(VERSION_ROW);
        if (stored == null || !stored.text().equals(version)) {
            return Map.of();
        }
        return rows;
    }

    /** Size and modification time: what tells a changed file without reading it. */
    static String stamp(Path p) {
        try {
            return stamp(Files.readAttributes(p, BasicFileAttributes.class));
        } catch (IOException e) {
            return "missing";
        }
    }

    /** The stamp of a file whose attributes were just read (one lookup where ten thousand files are checked). */
    static String stamp(BasicFileAttributes attributes) {
        return attributes.size() + ":" + attributes.lastModifiedTime().toMillis();
    }
}
