package org.vitrine.core.content;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.vitrine.core.model.Dataset;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
    private record Stored(Entry entry, byte[] encoded) {
    }

    private static final int MAGIC = 0x56434331; // "VCC1"

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
            current.put(source.toString(), new Stored(entry, JSON.writeValueAsBytes(entry)));
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
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
                out.writeInt(MAGIC);
                writeBytes(out, version.getBytes(StandardCharsets.UTF_8));
                out.writeInt(current.size());
                for (Map.Entry<String, Stored> e : current.entrySet()) {
                    writeBytes(out, e.getKey().getBytes(StandardCharsets.UTF_8));
                    writeBytes(out, e.getValue().encoded());
                }
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the content cache " + file, e);
        }
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    /** The entries of {@code file} (decoded in parallel), or none when it is missing, damaged or of another version. */
    private static Map<String, Stored> read(Path file, String version) {
        if (file == null || !Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file));
            if (in.getInt() != MAGIC || !version.equals(new String(bytes(in), StandardCharsets.UTF_8))) {
                return Map.of();
            }
            int count = in.getInt();
            if (count < 0 || count > in.remaining() / 8) {
                return Map.of();
            }
            List<String> keys = new java.util.ArrayList<>(count);
            List<byte[]> encoded = new java.util.ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                keys.add(new String(bytes(in), StandardCharsets.UTF_8));
                encoded.add(bytes(in));
            }
            Map<String, Stored> out = new ConcurrentHashMap<>(count * 4 / 3 + 1);
            java.util.stream.IntStream.range(0, count).parallel().forEach(i -> {
                try {
                    out.put(keys.get(i), new Stored(JSON.readValue(encoded.get(i), Entry.class), encoded.get(i)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            return out;
        } catch (IOException | RuntimeException e) {
            return Map.of(); // A damaged or older cache only costs reading everything again.
        }
    }

    private static byte[] bytes(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IllegalStateException("damaged content cache");
        }
        byte[] b = new byte[length];
        in.get(b);
        return b;
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
