package org.vitrine.core.hdf5;

import io.jhdf.HdfFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One opened HDF5 file: jHDF's view of its objects, a channel for positional data reads, and the
 * size and modification time it had when opened. Shared by every handle on it; closed when it has
 * been retired from the cache and its last handle is closed.
 */
final class OpenFile {

    private static final AtomicLong NEXT_ID = new AtomicLong();

    private final long id = NEXT_ID.incrementAndGet();
    private final Path path;
    private final long size;
    private final long modified;
    private final HdfFile jhdf;
    private final FileBytes bytes;
    private final SlabReader reader;
    /** Datasets already described, by the path they were asked for: a file does not change while open. */
    private final java.util.Map<String, Hdf5Dataset> datasets = new java.util.concurrent.ConcurrentHashMap<>();
    private int handles;
    private boolean retired;

    private OpenFile(Path path, long size, long modified, HdfFile jhdf, FileBytes bytes, SlabReader reader) {
        this.path = path;
        this.size = size;
        this.modified = modified;
        this.jhdf = jhdf;
        this.bytes = bytes;
        this.reader = reader;
    }

    /** Size and modification time, to tell whether a file was rewritten. */
    record Stamp(long size, long modified) {
        static Stamp of(Path path) {
            try {
                BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
                if (!a.isRegularFile()) {
                    throw new Hdf5Exception(Hdf5Exception.Kind.FILE_NOT_FOUND, "File not found: " + path.getFileName() + " is not a regular file");
                }
                return new Stamp(a.size(), a.lastModifiedTime().toMillis());
            } catch (NoSuchFileException e) {
                throw new Hdf5Exception(Hdf5Exception.Kind.FILE_NOT_FOUND, "File not found: " + path.getFileName());
            } catch (IOException e) {
                throw new Hdf5Exception(Hdf5Exception.Kind.FILE_NOT_FOUND, "File not found: " + path.getFileName() + " cannot be read (" + e.getMessage() + ")");
            }
        }
    }

    static OpenFile open(Path path, Stamp stamp, SlabReader reader) {
        String name = String.valueOf(path.getFileName());
        if (stamp.size() == 0) {
            throw new Hdf5Exception(Hdf5Exception.Kind.NOT_READABLE, name + " is empty, not an HDF5 file");
        }
        HdfFile jhdf;
        try {
            jhdf = new HdfFile(path);
        } catch (RuntimeException | OutOfMemoryError e) {
            String reason = Hdf5Errors.oneLine(e);
            if (reason.toLowerCase(java.util.Locale.ROOT).contains("signature")) {
                throw new Hdf5Exception(Hdf5Exception.Kind.NOT_READABLE, name + " is not an HDF5 file (no HDF5 signature found)", e);
            }
            throw new Hdf5Exception(Hdf5Exception.Kind.NOT_READABLE, name + " is not a readable HDF5 file: " + reason, e);
        }
        try {
            long declaredEnd = jhdf.getHdfBackingStorage().getSuperblock().getEndOfFileAddress() + jhdf.getUserBlockSize();
            if (declaredEnd > stamp.size()) {
                throw new Hdf5Exception(Hdf5Exception.Kind.NOT_READABLE, name + " is truncated: it has " + stamp.size()
                        + " bytes, its superblock says " + declaredEnd);
            }
            // Reading the root group's links here makes a corrupt file fail at open, not later.
            jhdf.getChildren();
            FileBytes bytes = new FileBytes(path, jhdf.getUserBlockSize());
            return new OpenFile(path, stamp.size(), stamp.modified(), jhdf, bytes, reader);
        } catch (Hdf5Exception e) {
            jhdf.close();
            throw e;
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            jhdf.close();
            throw new Hdf5Exception(Hdf5Exception.Kind.NOT_READABLE, name + " is not a readable HDF5 file: " + Hdf5Errors.oneLine(e), e);
        }
    }

    long id() {
        return id;
    }

    Path path() {
        return path;
    }

    String name() {
        return String.valueOf(path.getFileName());
    }

    boolean matches(Stamp stamp) {
        return stamp.size() == size && stamp.modified() == modified;
    }

    HdfFile jhdf() {
        return jhdf;
    }

    FileBytes bytes() {
        return bytes;
    }

    /** The dataset at {@code path}, described once per opened file. */
    Hdf5Dataset dataset(String path, java.util.function.Function<String, Hdf5Dataset> describe) {
        return datasets.computeIfAbsent(path, describe);
    }

    SlabReader reader() {
        return reader;
    }

    synchronized void acquire() {
        handles++;
    }

    synchronized void release() {
        handles--;
        closeIfDone();
    }

    /** No new handles will be given out; closes once the current ones are closed. */
    synchronized void retire() {
        retired = true;
        closeIfDone();
    }

    private void closeIfDone() {
        if (retired && handles <= 0) {
            try {
                bytes.close();
            } catch (IOException ignored) {
                // Closing a read-only channel cannot lose data.
            }
            jhdf.close();
        }
    }
}
