package org.vitrine.generator.site;

import org.vitrine.core.content.CodeStamp;
import org.vitrine.core.content.ContentHash;
import org.vitrine.core.model.Dataset;

import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A digest of each public dataset's whole record, computed once per build. Every output that is
 * skipped when its datasets did not change (dataset pages, listings, search indexes) keys on
 * these, so a rebuild after one change compares short strings instead of re-reading records.
 */
public final class DatasetDigests {

    private final Map<String, String> byId;
    private final String all;

    private DatasetDigests(Map<String, String> byId, String all) {
        this.byId = byId;
        this.all = all;
    }

    /**
     * Digests of {@code datasets}: the digest of each one's record, as the loader gave them
     * ({@code known}), followed by a digest of the code that makes the outputs, so that a new
     * build of Vitrine makes everything again. The two are joined, not hashed together: ten
     * thousand hashes are a good part of a rebuild when only the quick compiler runs.
     *
     * @throws IllegalArgumentException when {@code known} lacks a dataset
     */
    public static DatasetDigests of(List<Dataset> datasets, Map<String, String> known) {
        String code = ContentHash.of(CodeStamp.of(DatasetDigests.class) + "|" + CodeStamp.of(Dataset.class)).substring(0, 16);
        Map<String, String> byId = new HashMap<>(datasets.size() * 4 / 3 + 1);
        ContentHash all = new ContentHash();
        for (Dataset d : datasets.stream().sorted(Comparator.comparing(Dataset::id)).toList()) {
            String record = known.get(d.id());
            if (record == null) {
                throw new IllegalArgumentException("no digest of dataset " + d.id() + ": it was loaded without a cache file");
            }
            String digest = record + "-" + code;
            byId.put(d.id(), digest);
            all.add(d.id() + '\t' + digest + '\n');
        }
        return new DatasetDigests(Collections.unmodifiableMap(byId), all.hex());
    }

    /** The digest of the dataset with this id; a dataset that is not in the build has none. */
    public String of(String id) {
        String d = byId.get(id);
        if (d == null) {
            throw new IllegalArgumentException("no dataset " + id + " in this build");
        }
        return d;
    }

    /** The ids and digests of every dataset. */
    public Map<String, String> byId() {
        return byId;
    }

    /** One digest of the whole set, for outputs that show every dataset. */
    public String all() {
        return all;
    }
}
