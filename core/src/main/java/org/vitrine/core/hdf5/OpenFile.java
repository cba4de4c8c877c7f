package org.vitrine.core.hdf5;

import io.jhdf.Superblock;
import io.jhdf.SymbolTableEntry;
import io.jhdf.storage.HdfBackingStorage;
import io.jhdf.storage.HdfFileChannel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One opened HDF5 file: its bytes, jHDF's readers over them, the objects read so far, and the
 * size and modification time it had when opened. Shared by every handle on it; closed when it
 * has been retired from the cache and its last handle is closed.
 */
final class OpenFile {

    /** Opens other files (external links, virtual dataset sources) through the same door. */
    interface Opener {
        Hdf5File open(Path path);
    }

    private static final AtomicLong NEXT_ID = new AtomicLong();
    private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private final long id = NEXT_ID.incrementAndGet();
    private final Path path;
    private final long size;
    private final long modified;
    private final ByteSource source;
    private final HdfBackingStorage storage;
    private final FileBytes bytes;
    private final long rootAddress;
    private final SlabReader reader;
    private final Opener opener;
    private final Map<Long, StoredObject> objects = new ConcurrentHashMap<>();
    /** Datasets already described, by their header's address: a file does not change while open. */
    private final Map<Long, Hdf5Dataset> datasets = new ConcurrentHashMap<>();
    private int handles;
    private boolean retired;

    private OpenFile(Path path, Stamp stamp, ByteSource source, HdfBackingStorage storage, FileBytes bytes, long rootAddress,
                     SlabReader reader, Opener opener) {
        this.path = path;
        this.size = stamp.size();
        this.modified = stamp.modified();
        this.source = source;
        this.storage = storage;
        this.bytes = bytes;
        this.rootAddress = rootAddress;
        this.reader = reader;
        this.opener = opener;
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

    static OpenFile open(Path path, Stamp stamp, SlabReader reader, Opener opener) {
        String name = String.valueOf(path.getFileName());
        if (stamp.size() == 0) {
            throw new Hdf5Exception(Hdf5Exception.Kind.NOT_READABLE, name + " is empty, not an HDF5 file");
        }
        ByteSource source;
        try {
            source = new LocalFile(path);
        } catch (IOException e) {
            throw new Hdf5Exception(Hdf5Exception.Kind.FILE_NOT_FOUND, "File not found: " + name + " cannot be read ("
                    + Hdf5Errors.oneLine(e) + ")", e);
        }
        try {
            return open(path, stamp, source, reader, opener);
        } catch (RuntimeException | OutOfMemoryError e) {
            try {
                source.close();
            } catch (IOException ignored) {
                // Closing a read-only file cannot lose data.
            }
            if (e instanceof Hdf5Exception h) {
                throw h;
            }
            throw new Hdf5Exception(Hdf5Exception.Kind.NOT_READABLE, name + " is not a readable HDF5 file: " + Hdf5Errors.oneLine(e), e);
        }
    }

    /**
     * Finds the superblock where the HDF5 library looks for it (at 0, 512, 1024, 2048, …: a
     * user block may precede it) and reads the file from there. When the superblock says its
     * base address is other than where it was found (bytes were put in front of the file
     * afterwards), addresses count from where it was found, as the library reads them.
     */
    private static OpenFile open(Path path, Stamp stamp, ByteSource source, SlabReader reader, Opener opener) {
        String name = source.name();
        long at = superblockOffset(source);
        if (at < 0) {
            throw new Hdf5Exception(Hdf5Exception.Kind.NOT_READABLE, name + " is not an HDF5 file (no HDF5 signature found)");
        }
        Superblock found = Superblock.readSuperblock(new SourceChannel(source, 0), at);
        long storedBase = found.getBaseAddressByte();
        if (storedBase > at) {
            throw new Hdf5Exception(Hdf5Exception.Kind.NOT_READABLE, name + " is not a readable HDF5 file: its superblock at byte "
                    + at + " says HDF5 data start at byte " + storedBase);
        }
        long shift = at - storedBase;
        long declaredEnd = found.getEndOfFileAddress() + shift;
        if (declaredEnd > source.size()) {
            throw new Hdf5Exception(Hdf5Exception.Kind.NOT_READABLE, name + " is truncated: it has " + source.size()
                    + " bytes, its superblock says " + declaredEnd);
        }
        HdfBackingStorage storage = new HdfFileChannel(new SourceChannel(source, shift), found);
        long root;
        if (found instanceof Superblock.SuperblockV0V1 v0) {
            // The root group's entry sits in the superblock; jHDF gives its position in the file.
            root = new SymbolTableEntry(storage, v0.getRootGroupSymbolTableAddress() - at).getObjectHeaderAddress();
        } else {
            root = ((Superblock.SuperblockV2V3) found).getRootGroupObjectHeaderAddress();
        }
        OpenFile file = new OpenFile(path, stamp, source, storage, new FileBytes(source, at), root, reader, opener);
        // Reading the root group's links here makes a corrupt file fail at open, not later.
        file.object(root).links();
        return file;
    }

    private static long superblockOffset(ByteSource source) {
        byte[] b = new byte[SIGNATURE.length];
        for (long at = 0; at + SIGNATURE.length <= source.size(); at = at == 0 ? 512 : at * 2) {
            try {
                source.readFully(at, ByteBuffer.wrap(b));
            } catch (IOException e) {
                throw new Hdf5Exception(Hdf5Exception.Kind.NOT_READABLE, "Cannot read " + source.name() + ": " + Hdf5Errors.oneLine(e), e);
            }
            if (java.util.Arrays.equals(b, SIGNATURE)) {
                return at;
            }
        }
        return -1;
    }

    long id() {
        return id;
    }

    Path path() {
        return path;
    }

    String name() {
        return source.name();
    }

    boolean matches(Stamp stamp) {
        return stamp.size() == size && stamp.modified() == modified;
    }

    HdfBackingStorage storage() {
        return storage;
    }

    FileBytes bytes() {
        return bytes;
    }

    long rootAddress() {
        return rootAddress;
    }

    Opener opener() {
        return opener;
    }

    /** The object whose header is at {@code address}, read once per opened file. */
    StoredObject object(long address) {
        StoredObject o = objects.get(address);
        if (o == null) {
            o = new StoredObject(storage, ObjectMessages.read(storage, address));
            StoredObject raced = objects.putIfAbsent(address, o);
            o = raced != null ? raced : o;
        }
        return o;
    }

    /**
     * The dataset {@code object}, described once per opened file (messages name it by the path
     * it was first asked by).
     */
    Hdf5Dataset dataset(StoredObject object, String path) {
        Hdf5Dataset d = datasets.get(object.address());
        if (d == null) {
            d = new Hdf5Dataset(this, object, path);
            Hdf5Dataset raced = datasets.putIfAbsent(object.address(), d);
            d = raced != null ? raced : d;
        }
        return d;
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
                source.close();
            } catch (IOException ignored) {
                // Closing a read-only file cannot lose data.
            }
        }
    }
}
