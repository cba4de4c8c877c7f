package org.vitrine.api.h5grove;

import java.time.Duration;
import java.util.List;

/**
 * Limits and headers of the h5grove endpoints.
 *
 * @param maxResponseBytes largest selection served, in decoded bytes; larger ones get 413
 * @param corsOrigins      origins allowed to read the API from a browser; {@code *} for any
 * @param timeout          longest time one request may take
 * @param cacheControl     the {@code Cache-Control} header of successful answers
 * @param maxOpenFiles     HDF5 files kept open
 * @param chunkCacheBytes  decoded chunks kept in memory
 * @param answerCacheBytes encoded answers kept in memory, so a request asked again is not read again
 */
public record H5groveOptions(long maxResponseBytes, List<String> corsOrigins, Duration timeout, String cacheControl,
                             int maxOpenFiles, long chunkCacheBytes, long answerCacheBytes) {

    public H5groveOptions {
        corsOrigins = List.copyOf(corsOrigins);
        if (chunkCacheBytes < 0 || answerCacheBytes < 0) {
            throw new IllegalArgumentException("Cache sizes must not be negative: chunks " + chunkCacheBytes + ", answers " + answerCacheBytes);
        }
    }

    /**
     * 256 MiB responses, any origin, 60 s per request, revalidation with ETags, 64 open files,
     * 512 MiB of chunks, 64 MiB of answers.
     */
    public static H5groveOptions defaults() {
        return new H5groveOptions(256L << 20, List.of("*"), Duration.ofSeconds(60), "no-cache", 64, 512L << 20, 64L << 20);
    }

    public H5groveOptions withMaxResponseBytes(long bytes) {
        return new H5groveOptions(bytes, corsOrigins, timeout, cacheControl, maxOpenFiles, chunkCacheBytes, answerCacheBytes);
    }

    public H5groveOptions withChunkCacheBytes(long bytes) {
        return new H5groveOptions(maxResponseBytes, corsOrigins, timeout, cacheControl, maxOpenFiles, bytes, answerCacheBytes);
    }

    public H5groveOptions withAnswerCacheBytes(long bytes) {
        return new H5groveOptions(maxResponseBytes, corsOrigins, timeout, cacheControl, maxOpenFiles, chunkCacheBytes, bytes);
    }

    public H5groveOptions withCorsOrigins(List<String> origins) {
        return new H5groveOptions(maxResponseBytes, origins, timeout, cacheControl, maxOpenFiles, chunkCacheBytes, answerCacheBytes);
    }

    public H5groveOptions withTimeout(Duration t) {
        return new H5groveOptions(maxResponseBytes, corsOrigins, t, cacheControl, maxOpenFiles, chunkCacheBytes, answerCacheBytes);
    }
}
