package org.vitrine.api.h5grove;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * Encoded answers of recent requests, so a request asked again (a viewer re-fetching the tile
 * under the cursor, several viewers on one slice) is answered without reading, decoding or
 * encoding anything. Keys hold the file's size and modification time, so a rewritten file
 * never gets an old answer. Bounded by the total size of the bodies, least recently used
 * dropped first; a body larger than an eighth of the bound is not kept.
 */
final class AnswerCache {

    /**
     * One question about one version of a file.
     *
     * @param file     the resolved file
     * @param size     its size when asked
     * @param modified its modification time when asked, in milliseconds
     * @param endpoint which endpoint answered
     * @param query    the request's whole query string
     */
    record Key(Path file, long size, long modified, String endpoint, String query) {
    }

    /** A successful answer's body and headers. */
    record Answer(byte[] body, String contentType, String attachment) {
        static Answer json(byte[] body) {
            return new Answer(body, "application/json", null);
        }
    }

    private final long maxBytes;
    private final LinkedHashMap<Key, Answer> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;

    /** @param maxBytes the most body bytes to keep; 0 keeps nothing */
    AnswerCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The kept answer, or null. */
    synchronized Answer get(Key key) {
        return maxBytes == 0 ? null : entries.get(key);
    }

    /** Keeps {@code answer} when it is small enough, dropping the least recently used ones. */
    synchronized void put(Key key, Answer answer) {
        long size = answer.body().length;
        if (size > maxBytes / 8) {
            return;
        }
        Answer old = entries.put(key, answer);
        bytes += size - (old == null ? 0 : old.body().length);
        Iterator<Answer> it = entries.values().iterator();
        while (bytes > maxBytes && it.hasNext()) {
            bytes -= it.next().body().length;
            it.remove();
        }
    }

    /** Body bytes currently kept. */
    synchronized long sizeInBytes() {
        return bytes;
    }
}
