package org.vitrine.generator.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The output folder of a build. Writes only files whose bytes changed (so unchanged pages keep
 * their modification time and deploys stay small), remembers what each build produced, and at
 * the end deletes everything the build did not produce — a dataset that became embargoed or
 * draft loses its page, thumbnails and files on the next build.
 *
 * <p>Pages can be skipped when their inputs did not change: {@link #isFresh} compares a key of the
 * inputs with the one recorded by the previous build in the cache folder.
 */
public final class OutputTree {

    private static final String MANIFEST = "outputs.properties";
    private static final String MEMO = "memo.properties";

    private final Path root;
    private final Path cache;
    private final Map<String, String> previousKeys;
    private final Map<String, String> keys = new ConcurrentHashMap<>();
    private final Set<String> produced = ConcurrentHashMap.newKeySet();
    private final Map<String, String> previousMemo;
    private final Map<String, String> memo = new ConcurrentHashMap<>();

    /**
     * @param root  the output folder (created if missing)
     * @param cache a folder outside {@code root} for build state (never published)
     */
    public OutputTree(Path root, Path cache) {
        this.root = root.toAbsolutePath().normalize();
        this.cache = cache.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
            Files.createDirectories(this.cache);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create output folder " + root, e);
        }
        this.previousKeys = readProperties(MANIFEST);
        this.previousMemo = readProperties(MEMO);
    }

    /**
     * A value derived from inputs whose digest is {@code key} (such as a dataset's summary from its
     * body): computed once, then remembered by later builds.
     */
    public String memo(String key, java.util.function.Supplier<String> compute) {
        String v = previousMemo.get(key);
        if (v == null) {
            v = compute.get();
        }
        memo.put(key, v);
        return v;
    }

    public Path root() {
        return root;
    }

    public Path cache() {
        return cache;
    }

    /**
     * True when {@code path} was produced by the previous build from inputs with the same key and
     * is still there; the path is then kept as produced. Otherwise remembers the key for the write
     * that follows.
     */
    public boolean isFresh(String path, String key) {
        keys.put(path, key);
        if (key.equals(previousKeys.get(path)) && Files.isRegularFile(root.resolve(path))) {
            produced.add(path);
            return true;
        }
        return false;
    }

    public void write(String path, String text) {
        write(path, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code bytes} to {@code path} (relative, '/'-separated) unless the file already holds them. */
    public void write(String path, byte[] bytes) {
        Path target = resolve(path);
        produced.add(path);
        try {
            if (Files.isRegularFile(target) && Files.size(target) == bytes.length
                    && Arrays.equals(Files.readAllBytes(target), bytes)) {
                return;
            }
            Files.createDirectories(target.getParent());
            Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target, e);
        }
    }

    /** Copies a file into the tree unless an identical copy (same size and modification time) is there. */
    public void copy(Path source, String path) {
        Path target = resolve(path);
        produced.add(path);
        try {
            if (Files.isRegularFile(target) && Files.size(target) == Files.size(source)
                    && Files.getLastModifiedTime(target).equals(Files.getLastModifiedTime(source))) {
                return;
            }
            Files.createDirectories(target.getParent());
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy " + source + " to " + target, e);
        }
    }

    /** Copies every file under {@code dir} to {@code prefix} in the tree. */
    public void copyTree(Path dir, String prefix) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                copy(f, prefix + dir.relativize(f).toString().replace('\\', '/'));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy " + dir, e);
        }
    }

    /** Ends the build: deletes what it did not produce and records the input keys. Returns the deleted paths. */
    public List<String> finish() {
        List<String> deleted = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    String rel = root.relativize(file).toString().replace('\\', '/');
                    if (!produced.contains(rel)) {
                        Files.delete(file);
                        deleted.add(rel);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                    if (failure != null) {
                        throw failure;
                    }
                    if (!dir.equals(root)) {
                        try (Stream<Path> s = Files.list(dir)) {
                            if (s.findAny().isEmpty()) {
                                Files.delete(dir);
                            }
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clean " + root, e);
        }
        java.util.Collections.sort(deleted);
        writeManifest();
        return deleted;
    }

    private Path resolve(String path) {
        Path target = root.resolve(path).normalize();
        if (!target.startsWith(root) || target.equals(root)) {
            throw new IllegalArgumentException("output path leaves the site folder: " + path);
        }
        return target;
    }

    private Map<String, String> readProperties(String name) {
        Path f = cache.resolve(name);
        Map<String, String> out = new HashMap<>();
        if (Files.isRegularFile(f)) {
            Properties p = new Properties();
            try (var in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                p.load(in);
            } catch (IOException | IllegalArgumentException e) {
                return out; // A damaged manifest only costs a full rebuild.
            }
            p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
        }
        return out;
    }

    private void writeManifest() {
        Properties outputs = new Properties();
        keys.forEach((k, v) -> {
            if (produced.contains(k)) {
                outputs.setProperty(k, v);
            }
        });
        Properties memos = new Properties();
        memos.putAll(memo);
        try (var out = Files.newBufferedWriter(cache.resolve(MANIFEST), StandardCharsets.UTF_8);
             var memoOut = Files.newBufferedWriter(cache.resolve(MEMO), StandardCharsets.UTF_8)) {
            outputs.store(out, "Input keys of the pages the last build produced");
            memos.store(memoOut, "Values derived from content, by digest of their input");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write build state in " + cache, e);
        }
    }
}
