package org.vitrine.core.hdf5;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChunkCacheTest {

    @Test
    void staysWithinItsBoundEvictingLeastRecentlyUsed() {
        ChunkCache cache = new ChunkCache(3000);
        for (int i = 0; i < 10; i++) {
            cache.get(new ChunkCache.Key(1, 1, i), () -> new byte[1000]);
            assertTrue(cache.sizeInBytes() <= 3000);
        }
        AtomicInteger loads = new AtomicInteger();
        cache.get(new ChunkCache.Key(1, 1, 9), () -> {
            loads.incrementAndGet();
            return new byte[1000];
        });
        assertEquals(0, loads.get(), "the most recent chunk is still there");
        cache.get(new ChunkCache.Key(1, 1, 0), () -> {
            loads.incrementAndGet();
            return new byte[1000];
        });
        assertEquals(1, loads.get(), "the oldest was evicted");
    }

    @Test
    void concurrentRequestsForOneChunkDecodeItOnce() throws Exception {
        ChunkCache cache = new ChunkCache(1 << 20);
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            java.util.List<Future<byte[]>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return cache.get(new ChunkCache.Key(7, 7, 7), () -> {
                        loads.incrementAndGet();
                        try {
                            Thread.sleep(100);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return new byte[10];
                    });
                }));
            }
            start.countDown();
            byte[] first = results.get(0).get();
            for (Future<byte[]> f : results) {
                assertSame(first, f.get());
            }
            assertEquals(1, loads.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void failuresAreNotCached() {
        ChunkCache cache = new ChunkCache(1 << 20);
        ChunkCache.Key key = new ChunkCache.Key(1, 2, 3);
        assertThrows(IllegalStateException.class, () -> cache.get(key, () -> {
            throw new IllegalStateException("corrupt");
        }));
        assertEquals(5, cache.get(key, () -> new byte[5]).length);
    }
}
