package org.vitrine.generator.site;

import org.vitrine.core.content.StateTable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The output folder of a build. Writes only files whose bytes changed (so unchanged pages keep
 * their modification time and deploys stay small), remembers what each build produced, and at
 * the end deletes what the previous build produced and this one did not (or, with no record of a
 * finished previous build, every file in the folder this one did not produce) — a dataset that
 * became embargoed or draft loses its page, thumbnails and files on the next build. A folder is
 * only ever cleaned once a build has claimed it, starting from empty: one that already holds
 * files of unknown origin is refused.
 *
 * <p>Pages can be skipped when their inputs did not change: {@link #isFresh} compares a key of the
 * inputs with the one recorded by the previous build in the cache folder.
 */
public final class OutputTree {

    /** Every path the last build produced, with the input key of those that have one. */
    private static final String MANIFEST = "outputs.state";
    private static final String MEMO = "memo.state";
    /** Written before a build first changes the folder: from then on the folder is Vitrine's to clean. */
    private static final String OWNED = "owns-output";

    private final Path root;
    private final Path cache;
    private final Map<String, StateTable.Value> previousKeys;
    private final Map<String, StateTable.Value> keys;
    private final Set<String> produced;
    private final Map<String, StateTable.Value> previousMemo;
    private final Map<String, StateTable.Value> memo;
    /** Folders that new files were written into: made, or found there, by this build. */
    private final Set<Path> folders = ConcurrentHashMap.newKeySet();
    /** Whether the folder held anything when this build began; if not, all it holds at the end is this build's. */
    private final boolean startedWithFiles;
    private volatile boolean changed;

    /**
     * Reads what the previous build left; changes nothing until something is written.
     *
     * @param root  the output folder (created if missing)
     * @param cache a folder outside {@code root} for build state (never published)
     * @throws IllegalArgumentException when {@code root} holds files that no build recorded
     *                                  making: a build would delete them
     */
    public OutputTree(Path root, Path cache) {
        this.root = root.toAbsolutePath().normalize();
        this.cache = cache.toAbsolutePath().normalize();
        checkClaimable(this.root, this.cache);
        this.startedWithFiles = holdsAnything(this.root);
        this.previousKeys = StateTable.read(this.cache.resolve(MANIFEST));
        this.previousMemo = StateTable.read(this.cache.resolve(MEMO));
        // Sized for a build like the previous one, or a large first one, so tens of thousands
        // of entries do not rehash (a table grows by copying, while writers wait).
        int outputs = Math.max(previousKeys.size() * 4 / 3 + 16, 1 << 16);
        this.keys = new ConcurrentHashMap<>(outputs);
        this.produced = ConcurrentHashMap.newKeySet(outputs);
        this.memo = new ConcurrentHashMap<>(Math.max(previousMemo.size() * 4 / 3 + 16, 1 << 16));
    }

    /**
     * Refuses an output folder that holds files no build recorded making, such as {@code --out}
     * pointing at a folder of one's own documents: a build deletes every file it does not make.
     * A few lookups, so a build asks before it writes anything, its caches beside the folder too.
     *
     * @throws IllegalArgumentException when {@code root} holds such files
     */
    public static void checkClaimable(Path root, Path cache) {
        if (Files.exists(cache.resolve(OWNED)) || Files.exists(cache.resolve(MANIFEST)) || !holdsAnything(root)) {
            return;
        }
        throw new IllegalArgumentException("the output folder " + root + " already holds files that no build"
                + " recorded making, and a build deletes every file it does not make: build into a new or empty folder,"
                + " or empty this one first");
    }

    /**
     * Called before each change to the tree. Until this build finishes, what it writes is in no
     * manifest: should it stop half-way, the next build finds no manifest and walks the tree, so
     * nothing it wrote can linger (such as the page of a dataset that has since been embargoed).
     * A build that changes nothing (or never starts, its content having errors) keeps the manifest.
     */
    private void changing() {
        if (changed) {
            return;
        }
        // Every writer waits until the manifest is gone: no file may be written while it stands.
        synchronized (this) {
            if (!changed) {
                try {
                    if (!Files.exists(cache.resolve(OWNED))) {
                        Files.createDirectories(cache);
                        Files.writeString(cache.resolve(OWNED), root + "\n");
                    }
                    Files.deleteIfExists(cache.resolve(MANIFEST));
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot update build state in " + cache, e);
                }
                changed = true;
            }
        }
    }

    /**
     * A value derived from inputs whose digest is {@code key} (such as a dataset's summary from its
     * body): computed once, then remembered by later builds.
     */
    public String memo(String key, java.util.function.Supplier<String> compute) {
        return memoValue(key, () -> StateTable.Value.of(compute.get())).text();
    }

    /** As {@link #memo}, for a value kept as bytes (such as a dataset's entry of a JSON index). */
    public byte[] memoBytes(String key, java.util.function.Supplier<byte[]> compute) {
        return memoValue(key, () -> StateTable.Value.of(compute.get())).bytes();
    }

    private StateTable.Value memoValue(String key, java.util.function.Supplier<StateTable.Value> compute) {
        StateTable.Value v = previousMemo.get(key);
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
        return isFresh(path, key, true);
    }

    /**
     * As {@link #isFresh}, for a file written together with one that {@code isFresh} just found
     * (such as a page's citation downloads beside it): its key is compared, and it is not looked
     * for again on disk, which on a large site saves tens of thousands of file lookups.
     */
    public boolean isFreshBeside(String path, String key) {
        return isFresh(path, key, false);
    }

    private boolean isFresh(String path, String key, boolean look) {
        StateTable.Value previous = previousKeys.get(path);
        if (previous != null && previous.is(key) && (!look || Files.isRegularFile(root.resolve(path)))) {
            keys.put(path, previous);
            produced.add(path);
            return true;
        }
        keys.put(path, StateTable.Value.of(key));
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
            // In a folder that began empty, a file is there only if this build wrote it: no need to look first.
            BasicFileAttributes present = startedWithFiles ? attributes(target) : null;
            if (present != null && present.isRegularFile() && present.size() == bytes.length
                    && Arrays.equals(Files.readAllBytes(target), bytes)) {
                return;
            }
            changing();
            if (present == null && writeNew(target, bytes)) {
                return;
            }
            // A file that is there is replaced in one step: a running server never sends half a page.
            Path tmp = tmpBeside(target);
            Files.write(tmp, bytes);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target, e);
        }
    }

    /**
     * Writes a file that is not there yet straight to its place, which on a first build of a
     * large site saves tens of thousands of renames (and their file system journal). Should the
     * build stop half-way, no manifest lists the file, so the next build compares it with what it
     * makes. False when the file turned up meanwhile.
     */
    private boolean writeNew(Path target, byte[] bytes) throws IOException {
        // Each folder is made before its first file, rather than after that file's write failed:
        // on a first build that saves a failed open and its exception per dataset.
        if (folders.add(target.getParent())) {
            Files.createDirectories(target.getParent());
        }
        try {
            try {
                Files.write(target, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (NoSuchFileException noFolder) {
                // Another thread claimed the folder and is still making it.
                Files.createDirectories(target.getParent());
                Files.write(target, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            }
            return true;
        } catch (FileAlreadyExistsException raced) {
            return false;
        }
    }

    /**
     * Gives {@code path} the bytes of {@code from}, a file this build already wrote (such as the
     * volume chunks of a data file that several datasets share): a hard link where the file
     * system allows, else a copy. Files in the tree are only ever replaced, never changed in
     * place, so the two paths stay independent.
     */
    public void share(String from, String path) {
        Path source = resolve(from);
        Path target = resolve(path);
        produced.add(path);
        try {
            if (Files.exists(target) && Files.isSameFile(source, target)) {
                return;
            }
            changing();
            Files.createDirectories(target.getParent());
            Path tmp = tmpBeside(target);
            Files.deleteIfExists(tmp);
            try {
                Files.createLink(tmp, source);
            } catch (IOException | UnsupportedOperationException noLinks) {
                Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target, e);
        }
    }

    private static Path tmpBeside(Path target) {
        return target.resolveSibling("." + target.getFileName() + ".tmp");
    }

    private static BasicFileAttributes attributes(Path p) throws IOException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class);
        } catch (NoSuchFileException missing) {
            return null;
        }
    }

    /**
     * Copies a file into the tree unless an identical copy (same size and modification time) is
     * there. The copy keeps the source's modification time, not its permissions: it gets those of
     * every other file the build writes, so a source readable by its owner only (such as a cached
     * thumbnail, made as a private temporary file) is published readable, as web servers need.
     */
    public void copy(Path source, String path) {
        Path target = resolve(path);
        produced.add(path);
        try {
            BasicFileAttributes present = attributes(target);
            BasicFileAttributes from = Files.readAttributes(source, BasicFileAttributes.class);
            if (present != null && present.isRegularFile() && present.size() == from.size()
                    && present.lastModifiedTime().equals(from.lastModifiedTime())) {
                return;
            }
            changing();
            Files.createDirectories(target.getParent());
            // A copy made by Files.copy would take the source's permissions, even without COPY_ATTRIBUTES.
            Path tmp = tmpBeside(target);
            try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
                 FileChannel to = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                         StandardOpenOption.TRUNCATE_EXISTING)) {
                for (long done = 0, size = in.size(); done < size; ) {
                    long n = in.transferTo(done, size - done, to);
                    if (n <= 0) {
                        throw new IOException(source + " became shorter while it was copied");
                    }
                    done += n;
                }
            }
            Files.setLastModifiedTime(tmp, from.lastModifiedTime());
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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

    /**
     * Ends the build: deletes what it did not produce and records the input keys. Returns the
     * deleted paths. Stale files are found from the previous build's manifest, so a rebuild does
     * not walk the whole tree; without a manifest (first build, or a damaged one) it walks the
     * tree and removes every file this build did not produce.
     */
    public List<String> finish() {
        List<String> deleted = new ArrayList<>();
        try {
            Files.createDirectories(root);
            if (previousKeys.isEmpty()) {
                // A first build into a new or empty folder has nothing to look for: on a large
                // site, the walk would open every folder and look up every file it just wrote.
                if (startedWithFiles) {
                    deleteUnproducedByWalking(deleted);
                }
            } else {
                for (String path : previousKeys.keySet()) {
                    if (produced.contains(path)) {
                        continue;
                    }
                    Path target = root.resolve(path).normalize();
                    // A damaged manifest never deletes anything outside the output folder.
                    if (target.startsWith(root) && !target.equals(root) && Files.deleteIfExists(target)) {
                        deleted.add(path);
                        deleteEmptyParents(target.getParent());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clean " + root, e);
        }
        java.util.Collections.sort(deleted);
        writeManifest();
        return deleted;
    }

    private void deleteUnproducedByWalking(List<String> deleted) throws IOException {
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
                    deleteIfEmpty(dir);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static boolean holdsAnything(Path dir) {
        try {
            return Files.isDirectory(dir) && !isEmptyFolder(dir);
        } catch (IOException e) {
            return true; // unreadable now: the walk at the end will say what is there
        }
    }

    private void deleteEmptyParents(Path dir) throws IOException {
        while (dir != null && !dir.equals(root) && dir.startsWith(root) && deleteIfEmpty(dir)) {
            dir = dir.getParent();
        }
    }

    private static boolean deleteIfEmpty(Path dir) throws IOException {
        if (!Files.isDirectory(dir) || !isEmptyFolder(dir)) {
            return false;
        }
        Files.delete(dir);
        return true;
    }

    private static boolean isEmptyFolder(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private Path resolve(String path) {
        Path target = root.resolve(path).normalize();
        if (!target.startsWith(root) || target.equals(root)) {
            throw new IllegalArgumentException("output path leaves the site folder: " + path);
        }
        return target;
    }

    private void writeManifest() {
        StateTable.Value none = StateTable.Value.of("");
        Map<String, StateTable.Value> outputs = new HashMap<>(produced.size() * 4 / 3 + 1);
        produced.forEach(p -> outputs.put(p, keys.getOrDefault(p, none)));
        // Tens of megabytes on a large site: the two tables are written side by side.
        Aside<Void> memoWritten = Aside.start("vitrine-memo", () -> {
            StateTable.write(cache.resolve(MEMO), memo);
            return null;
        });
        StateTable.write(cache.resolve(MANIFEST), outputs);
        memoWritten.join();
    }
}
