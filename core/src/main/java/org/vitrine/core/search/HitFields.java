package org.vitrine.core.search;

import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.store.ByteArrayDataOutput;
import org.apache.lucene.util.ArrayUtil;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * What a hit shows, kept as one binary doc value per dataset: reading it costs one lookup,
 * where stored fields would decompress a block of neighbouring records for every hit.
 */
public record HitFields(String id, String title, String url, String thumbnail, String technique, String facility,
                 String released, String description) {

    /** Longest description kept for snippets; a snippet comes from its first match. */
    public static final int DESCRIPTION_LIMIT = 8_000;

    public static HitFields of(SearchableDataset s) {
        String description = s.description();
        if (description.length() > DESCRIPTION_LIMIT) {
            description = description.substring(0, DESCRIPTION_LIMIT);
        }
        return new HitFields(s.id(), s.title(), s.url(), s.thumbnail(), s.technique(), s.facility(), s.released(), description);
    }

    public BytesRef encode() {
        String[] values = {id, title, url, thumbnail, technique, facility, released, description};
        int size = 0;
        for (String v : values) {
            size += 5 + (v == null ? 0 : v.length() * 3);
        }
        byte[] bytes = new byte[size];
        ByteArrayDataOutput out = new ByteArrayDataOutput(bytes);
        try {
            for (String v : values) {
                if (v == null) {
                    out.writeVInt(0);
                } else {
                    byte[] utf8 = v.getBytes(StandardCharsets.UTF_8);
                    out.writeVInt(utf8.length + 1);
                    out.writeBytes(utf8, 0, utf8.length);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to an array cannot fail", e);
        }
        return new BytesRef(ArrayUtil.copyOfSubArray(bytes, 0, out.getPosition()));
    }

    public static HitFields decode(BytesRef ref) {
        ByteArrayDataInput in = new ByteArrayDataInput(ref.bytes, ref.offset, ref.length);
        String[] v = new String[8];
        for (int i = 0; i < v.length; i++) {
            int n = in.readVInt();
            if (n > 0) {
                v[i] = new String(ref.bytes, in.getPosition(), n - 1, StandardCharsets.UTF_8);
                in.skipBytes(n - 1);
            }
        }
        return new HitFields(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
    }
}
