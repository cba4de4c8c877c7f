package org.vitrine.core.hdf5;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opened HDF5 files shared between requests, at most {@code maxOpen} at a time (least recently
 * used closed first), and one {@link ChunkCache} of decoded chunks shared by all of them. A file
 * is reopened when its size or modification time has changed since it was opened, so a file
 * rewritten under the same name is never served stale.
 */
public final class Hdf5Files implements AutoCloseable {

    private static final int DECODER_COUNT = Math.max(2, Runtime.getRuntime().availableProcessors());
    private static final ExecutorService DECODERS = Executors.newFixedThreadPool(DECODER_COUNT, new java.util.concurrent.ThreadFactory() {
                private final AtomicInteger n = new AtomicInteger();

                @Override
                public Thread newThread(Runnable r) {
                    Thread t = new Thread(r, "hdf5-decoder-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }
            });

    private final int maxOpen;
    private final ChunkCache chunks;
    private final SlabReader reader;
    private final LinkedHashMap<Path, OpenFile> open = new LinkedHashMap<>(16, 0.75f, true);

    /**
     * @param maxOpen         how many files to keep open
     * @param chunkCacheBytes how many bytes of decoded chunks to keep
     */
    public Hdf5Files(int maxOpen, long chunkCacheBytes) {
        if (maxOpen < 1) {
            throw new IllegalArgumentException("maxOpen must be at least 1: " + maxOpen);
        }
        this.maxOpen = maxOpen;
        this.chunks = new ChunkCache(chunkCacheBytes);
        this.reader = new SlabReader(chunks, DECODERS, DECODER_COUNT);
    }

    /** A reader through {@code cache} that decodes on the threads shared by the whole process, one per core. */
    static SlabReader reader(ChunkCache cache) {
        return new SlabReader(cache, DECODERS, DECODER_COUNT);
    }

    /**
     * Opens {@code path}, or reuses it when it is open and unchanged. Close the returned handle
     * when done (the file itself stays open for the next request).
     *
     * @throws Hdf5Exception FILE_NOT_FOUND, or NOT_READABLE for an empty, truncated, corrupt or non-HDF5 file
     */
    public Hdf5File open(Path path) {
        Path key = path.toAbsolutePath().normalize();
        OpenFile.Stamp stamp = OpenFile.Stamp.of(key);
        OpenFile file;
        List<OpenFile> retired = new ArrayList<>();
        synchronized (this) {
            file = open.get(key);
            if (file != null && !file.matches(stamp)) {
                open.remove(key);
                retired.add(file);
                file = null;
            }
            if (file != null) {
                file.acquire();
            }
        }
        retired.forEach(OpenFile::retire);
        if (file == null) {
            // Opened outside the lock: a slow open must not hold up requests for other files.
            OpenFile fresh = OpenFile.open(key, stamp, reader, this::open);
            fresh.acquire();
            synchronized (this) {
                OpenFile raced = open.put(key, fresh);
                if (raced != null) {
                    retired.add(raced);
                }
                Iterator<Map.Entry<Path, OpenFile>> it = open.entrySet().iterator();
                while (open.size() > maxOpen && it.hasNext()) {
                    retired.add(it.next().getValue());
                    it.remove();
                }
            }
            retired.forEach(OpenFile::retire);
            file = fresh;
        }
        OpenFile f = file;
        return new Hdf5File(f, f::release);
    }

    /** The decoded-chunk cache shared by every file. */
    public ChunkCache chunkCache() {
        return chunks;
    }

    /** Number of files currently open. */
    public synchronized int openCount() {
        return open.size();
    }

    /** Closes every file once its handles are closed. */
    @Override
    public void close() {
        List<OpenFile> all;
        synchronized (this) {
            all = new ArrayList<>(open.values());
            open.clear();
        }
        all.forEach(OpenFile::retire);
        chunks.clear();
    }
}
