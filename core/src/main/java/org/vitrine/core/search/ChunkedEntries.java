package org.vitrine.core.search;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Entries written in key order into files of about {@code target} bytes each, as JSON arrays
 * ({@code [entry,entry,…]}), so a reader fetches only the file that holds the key it looks for.
 * Each file's first key is kept for the directory a reader searches ({@link #finish}). An entry
 * is never split: one larger than the target fills a file of its own.
 *
 * <p>An entry may have a companion (a term's positions beside its postings), written to a second
 * series of files numbered alike, which a reader fetches only when it needs them.
 */
final class ChunkedEntries {

    private final String prefix;
    private final String companionPrefix;
    private final int target;
    private final BiConsumer<String, byte[]> out;
    private final List<String> firstKeys = new ArrayList<>();
    private ByteArrayOutputStream chunk;
    private ByteArrayOutputStream companion;

    /**
     * @param prefix          path of the files, numbered from 0: {@code prefix + n + ".json"}
     * @param companionPrefix path of the companion files, or null when entries have none
     * @param out             receives each finished file's path and bytes
     */
    ChunkedEntries(String prefix, String companionPrefix, int target, BiConsumer<String, byte[]> out) {
        this.prefix = prefix;
        this.companionPrefix = companionPrefix;
        this.target = target;
        this.out = out;
    }

    /** Appends an entry (JSON) with the key it is found by; keys must come in the reader's order. */
    void add(String key, byte[] entry) {
        add(key, entry, null);
    }

    /** As {@link #add(String, byte[])}, with the entry's companion (JSON), or null when it has none. */
    void add(String key, byte[] entry, byte[] companionEntry) {
        if (chunk != null && chunk.size() + entry.length > target) {
            flush();
        }
        if (chunk == null) {
            chunk = open(Math.max(target, entry.length));
            companion = companionPrefix == null ? null : open(1024);
            firstKeys.add(key);
        } else {
            chunk.write(',');
        }
        chunk.writeBytes(entry);
        if (companionEntry != null) {
            companion.write(companion.size() > 1 ? ',' : ' ');
            companion.writeBytes(companionEntry);
        }
    }

    private static ByteArrayOutputStream open(int size) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(size + 2);
        b.write('[');
        return b;
    }

    /** Files begun so far. */
    int fileCount() {
        return firstKeys.size();
    }

    /** Writes the last file; returns the first key of every file, in order. */
    List<String> finish() {
        if (chunk != null) {
            flush();
        }
        return List.copyOf(firstKeys);
    }

    private void flush() {
        String name = (firstKeys.size() - 1) + ".json";
        chunk.write(']');
        out.accept(prefix + name, chunk.toByteArray());
        if (companion != null) {
            companion.write(']');
            out.accept(companionPrefix + name, companion.toByteArray());
        }
        chunk = null;
        companion = null;
    }
}
