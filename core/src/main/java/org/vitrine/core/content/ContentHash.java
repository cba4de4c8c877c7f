package org.vitrine.core.content;

import net.jpountz.xxhash.StreamingXXHash64;
import net.jpountz.xxhash.XXHashFactory;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The keys that tell a build's unchanged inputs from changed ones (records, rows, listings,
 * previews): 128 bits as 32 hex digits, XXH64 with two seeds.
 *
 * <p>Not SHA-256: builds run with the quick compiler only, which has no SHA intrinsic, and there
 * hashing was 28 times as slow; a cold bake of 10,000 datasets hashes some 25 MB. A key only has
 * to change when its input does, which XXH64 gives (Hugo and webpack key their caches with it);
 * no key here stands between anyone and data. Published checksums of data files stay SHA-256.
 */
public final class ContentHash {

    // lz4-java's pure Java XXH64 (it comes with jHDF): the native one would unpack a library.
    private static final XXHashFactory XXH = XXHashFactory.fastestJavaInstance();

    private final StreamingXXHash64 high = XXH.newStreamingHash64(1);
    private final StreamingXXHash64 low = XXH.newStreamingHash64(2);

    /** A key made of the parts given to {@link #add}. */
    public ContentHash() {
    }

    /** The key of {@code bytes}. */
    public static String of(byte[] bytes) {
        return new ContentHash().add(bytes).hex();
    }

    /** The key of {@code text} (its UTF-8). */
    public static String of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    public ContentHash add(byte[] bytes) {
        high.update(bytes, 0, bytes.length);
        low.update(bytes, 0, bytes.length);
        return this;
    }

    public ContentHash add(String text) {
        return add(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The key of what was added: 32 lower-case hex digits. */
    public String hex() {
        HexFormat hex = HexFormat.of();
        return hex.toHexDigits(high.getValue()) + hex.toHexDigits(low.getValue());
    }
}
