package org.vitrine.core.hdf5;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads a hyperslab from a {@link ChunkSource}: finds the blocks the selection touches, fetches
 * them through the shared {@link ChunkCache} (decoding the missing ones in parallel) and copies
 * each block's part of the selection into the result. Never reads blocks the selection misses.
 */
final class SlabReader {

    private final ChunkCache cache;
    private final Executor executor;
    private final int parallelism;

    /** @param parallelism how many threads of {@code executor} one read may use besides its own */
    SlabReader(ChunkCache cache, Executor executor, int parallelism) {
        this.cache = cache;
        this.executor = executor;
        this.parallelism = parallelism;
    }

    /**
     * @param fileId    the opened file's number, for cache keys
     * @param datasetId the dataset's object address, for cache keys
     * @param dims      the dataset's shape
     * @param elementSize bytes per element
     * @return the selected elements in row-major order of the selection's counts, as stored
     */
    byte[] read(long fileId, long datasetId, ChunkSource source, long[] dims, int elementSize, Selection sel) {
        int rank = dims.length;
        long total = sel.size() * elementSize;
        if (total > Integer.MAX_VALUE - 8) {
            throw new Hdf5Exception(Hdf5Exception.Kind.BAD_SELECTION,
                    "Selection " + sel + " holds " + total + " bytes, more than one read can return");
        }
        byte[] out = new byte[(int) total];
        if (total == 0) {
            return out;
        }
        int[] block = source.blockShape();
        long[] grid = new long[rank];
        for (int d = 0; d < rank; d++) {
            grid[d] = (dims[d] + block[d] - 1) / block[d];
        }
        List<long[]> perDim = new ArrayList<>();
        for (int d = 0; d < rank; d++) {
            perDim.add(touched(sel.start(d), sel.count(d), sel.step(d), block[d]));
        }
        long[] outStride = new long[rank];
        long[] blockStride = new long[rank];
        for (int d = rank - 1; d >= 0; d--) {
            outStride[d] = d == rank - 1 ? 1 : outStride[d + 1] * sel.count(d + 1);
            blockStride[d] = d == rank - 1 ? 1 : blockStride[d + 1] * block[d + 1];
        }

        List<long[]> origins = new ArrayList<>();
        cartesian(perDim, 0, new long[rank], origins);
        if (origins.size() == 1 && !cache.keeps(out.length)) {
            long[] origin = new long[rank];
            for (int d = 0; d < rank; d++) {
                origin[d] = origins.get(0)[d] * block[d];
            }
            if (isLeadingPart(origin, block, sel)) {
                // A whole chunk, such as one frame of a stack: decoded straight into the answer.
                cache.countMiss();
                source.readInto(origin, out);
                return out;
            }
        }
        // Cached blocks are copied right away; only the missing ones are worth other threads.
        List<Runnable> misses = new ArrayList<>();
        Thread caller = Thread.currentThread();
        for (long[] index : origins) {
            long[] origin = new long[rank];
            long linear = 0;
            for (int d = 0; d < rank; d++) {
                origin[d] = index[d] * block[d];
                linear = linear * grid[d] + index[d];
            }
            int needed = neededBytes(origin, block, blockStride, dims, sel, elementSize);
            if (needed == 0) {
                continue;
            }
            ChunkCache.Key key = new ChunkCache.Key(fileId, datasetId, linear);
            byte[] cached = cache.peek(key, needed);
            if (cached != null) {
                copy(cached, origin, block, blockStride, dims, sel, out, outStride, elementSize);
                continue;
            }
            boolean kept = cache.keeps(needed);
            misses.add(() -> {
                if (caller.isInterrupted()) {
                    // The request was abandoned (it timed out): decode nothing more for it.
                    throw new java.util.concurrent.CancellationException("read abandoned");
                }
                if (kept) {
                    byte[] bytes = cache.get(key, needed, n -> source.block(origin, n));
                    copy(bytes, origin, block, blockStride, dims, sel, out, outStride, elementSize);
                } else {
                    // Nothing would be kept: decode into the thread's reused buffer and copy out.
                    cache.countMiss();
                    source.visit(origin, needed, bytes -> copy(bytes, origin, block, blockStride, dims, sel, out, outStride, elementSize));
                }
            });
        }
        decodeAll(misses);
        return out;
    }

    /**
     * True when the selection is the block's first elements in the block's own order: it starts
     * at the block's origin, steps by one, and spans the whole block in every dimension but the
     * first.
     */
    private static boolean isLeadingPart(long[] origin, int[] block, Selection sel) {
        for (int d = 0; d < origin.length; d++) {
            boolean whole = sel.count(d) == block[d];
            if (sel.start(d) != origin[d] || (sel.step(d) != 1 && sel.count(d) != 1) || (d > 0 && !whole)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Runs the decodes on this thread and on up to {@code parallelism} pool threads, each taking
     * the next undone one until none is left. Helpers that start late, when the pool is busy with
     * other requests, find nothing left and return at once, so concurrent requests do not pile
     * work on each other.
     */
    private void decodeAll(List<Runnable> decodes) {
        if (decodes.size() <= 1) {
            decodes.forEach(Runnable::run);
            return;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean failed = new AtomicBoolean();
        Runnable drain = () -> {
            for (int i = next.getAndIncrement(); i < decodes.size() && !failed.get(); i = next.getAndIncrement()) {
                try {
                    decodes.get(i).run();
                } catch (RuntimeException | Error e) {
                    failed.set(true);
                    throw e;
                }
            }
        };
        List<CompletableFuture<Void>> helpers = new ArrayList<>();
        for (int h = Math.min(parallelism, decodes.size() - 1); h > 0; h--) {
            helpers.add(CompletableFuture.runAsync(drain, executor));
        }
        drain.run();
        for (CompletableFuture<Void> f : helpers) {
            try {
                f.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw e;
            }
        }
    }

    /** Indices of the blocks along one dimension that hold selected elements. */
    private static long[] touched(long start, long count, long step, int block) {
        long first = start / block;
        long last = (start + (count - 1) * step) / block;
        if (step < block) {
            long[] all = new long[(int) (last - first + 1)];
            for (int i = 0; i < all.length; i++) {
                all[i] = first + i;
            }
            return all;
        }
        long[] some = new long[(int) count];
        int n = 0;
        for (long k = 0; k < count; k++) {
            long b = (start + k * step) / block;
            if (n == 0 || some[n - 1] != b) {
                some[n++] = b;
            }
        }
        return java.util.Arrays.copyOf(some, n);
    }

    private static void cartesian(List<long[]> perDim, int d, long[] current, List<long[]> out) {
        if (d == perDim.size()) {
            out.add(current.clone());
            return;
        }
        for (long i : perDim.get(d)) {
            current[d] = i;
            cartesian(perDim, d + 1, current, out);
        }
    }

    /**
     * How many leading bytes of a block the selection needs: up to its last selected element.
     * Row-major order makes that the element at the highest selected index in every dimension.
     */
    private static int neededBytes(long[] origin, int[] block, long[] blockStride, long[] dims, Selection sel, int e) {
        long last = 0;
        for (int d = 0; d < dims.length; d++) {
            long start = sel.start(d);
            long step = sel.step(d);
            long hi = Math.min(origin[d] + block[d], dims[d]) - 1;
            if (hi < start) {
                return 0;
            }
            long k = Math.min(sel.count(d) - 1, (hi - start) / step);
            last += (start + k * step - origin[d]) * blockStride[d];
        }
        return (int) ((last + 1) * e);
    }

    private static void copy(byte[] src, long[] origin, int[] block, long[] blockStride, long[] dims, Selection sel,
                             byte[] out, long[] outStride, int e) {
        int rank = dims.length;
        long[] kLo = new long[rank];
        long[] kHi = new long[rank];
        for (int d = 0; d < rank; d++) {
            long start = sel.start(d);
            long step = sel.step(d);
            long lo = Math.max(origin[d], start);
            long hi = Math.min(origin[d] + block[d], dims[d]) - 1;
            kLo[d] = (lo - start + step - 1) / step;
            kHi[d] = Math.min(sel.count(d) - 1, (hi - start) / step);
            if (hi < start || kLo[d] > kHi[d]) {
                return;
            }
        }
        copyDim(0, src, 0, 0, origin, blockStride, sel, out, outStride, e, kLo, kHi);
    }

    private static void copyDim(int d, byte[] src, long srcBase, long outBase, long[] origin, long[] blockStride,
                                Selection sel, byte[] out, long[] outStride, int e, long[] kLo, long[] kHi) {
        long start = sel.start(d);
        long step = sel.step(d);
        if (d == origin.length - 1) {
            long srcFirst = srcBase + (start + kLo[d] * step - origin[d]);
            long outFirst = outBase + kLo[d];
            long n = kHi[d] - kLo[d] + 1;
            if (step == 1) {
                System.arraycopy(src, (int) (srcFirst * e), out, (int) (outFirst * e), (int) (n * e));
            } else {
                for (long k = 0; k < n; k++) {
                    System.arraycopy(src, (int) ((srcFirst + k * step) * e), out, (int) ((outFirst + k) * e), e);
                }
            }
            return;
        }
        for (long k = kLo[d]; k <= kHi[d]; k++) {
            long inBlock = start + k * step - origin[d];
            copyDim(d + 1, src, srcBase + inBlock * blockStride[d], outBase + k * outStride[d], origin, blockStride,
                    sel, out, outStride, e, kLo, kHi);
        }
    }
}
