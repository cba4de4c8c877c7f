package org.vitrine.core.hdf5;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Decoded chunks shared by every request, bounded by their total size in bytes and evicted least
 * recently used first. A chunk that several requests want at once is decoded once: later
 * requests wait for the first one's result.
 */
public final class ChunkCache {

    /**
     * Identifies a chunk: the opened file (a new number each time a file is opened, so a
     * rewritten file never sees its old chunks), the dataset's object address and the chunk's
     * index in the dataset's chunk grid.
     */
    record Key(long file, long dataset, long chunk) {
    }

    private final long maxBytes;
    private final LinkedHashMap<Key, byte[]> entries = new LinkedHashMap<>(256, 0.75f, true);
    private final Map<Key, CompletableFuture<byte[]>> loading = new ConcurrentHashMap<>();
    private long bytes;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    /** @param maxBytes the most decoded bytes to keep; 0 keeps nothing */
    public ChunkCache(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must not be negative: " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** The cached chunk, or the loader's result (cached when it fits). Loader failures propagate and are not cached. */
    byte[] get(Key key, Supplier<byte[]> loader) {
        return get(key, 0, needed -> loader.get());
    }

    /**
     * As {@link #get(Key, Supplier)}, for callers that need only the first {@code needed} bytes:
     * a cached prefix at least that long is a hit. The loader is asked for {@code needed} bytes
     * the first time; when a cached prefix proves too short it is asked for the whole chunk
     * ({@link Integer#MAX_VALUE}), so a chunk is decoded at most twice.
     */
    byte[] get(Key key, int needed, IntFunction<byte[]> loader) {
        byte[] cached = lookup(key);
        if (cached != null && cached.length >= needed) {
            hits.incrementAndGet();
            return cached;
        }
        int ask = cached == null ? needed : Integer.MAX_VALUE;
        misses.incrementAndGet();
        CompletableFuture<byte[]> mine = new CompletableFuture<>();
        CompletableFuture<byte[]> theirs = loading.putIfAbsent(key, mine);
        if (theirs != null) {
            try {
                byte[] value = theirs.join();
                if (value.length < needed) {
                    return loader.apply(Integer.MAX_VALUE);
                }
                return value;
            } catch (java.util.concurrent.CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw e;
            }
        }
        try {
            byte[] value = loader.apply(ask);
            store(key, value);
            mine.complete(value);
            return value;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            loading.remove(key);
        }
    }

    /** False when a decoded block of {@code bytes} would never be kept (the cache is off or smaller). */
    boolean keeps(int bytes) {
        return bytes <= maxBytes;
    }

    /** Counts a block decoded without going through the cache, for {@link #misses()}. */
    void countMiss() {
        misses.incrementAndGet();
    }

    /** The cached chunk when it holds at least {@code needed} bytes, else null (nothing is loaded). */
    byte[] peek(Key key, int needed) {
        byte[] cached = lookup(key);
        if (cached != null && cached.length >= needed) {
            hits.incrementAndGet();
            return cached;
        }
        return null;
    }

    private synchronized byte[] lookup(Key key) {
        return entries.get(key);
    }

    private synchronized void store(Key key, byte[] value) {
        if (value.length > maxBytes) {
            return;
        }
        byte[] current = entries.get(key);
        if (current != null && current.length >= value.length) {
            return;
        }
        byte[] old = entries.put(key, value);
        bytes += value.length - (old == null ? 0 : old.length);
        Iterator<byte[]> it = entries.values().iterator();
        while (bytes > maxBytes && it.hasNext()) {
            bytes -= it.next().length;
            it.remove();
        }
    }

    /** Decoded bytes currently held. */
    public synchronized long sizeInBytes() {
        return bytes;
    }

    /** The bound given at construction. */
    public long maxBytes() {
        return maxBytes;
    }

    /** Requests answered from the cache. */
    public long hits() {
        return hits.get();
    }

    /** Requests that had to read and decode. */
    public long misses() {
        return misses.get();
    }

    /** Drops every chunk. */
    public synchronized void clear() {
        entries.clear();
        bytes = 0;
    }
}
