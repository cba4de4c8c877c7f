package org.vitrine.generator.site;

import org.vitrine.core.content.CodeStamp;
import org.vitrine.core.model.Dataset;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A digest of each public dataset's whole record, computed once per build. Every output that is
 * skipped when its datasets did not change (dataset pages, listings, search indexes) keys on
 * these, so a rebuild after one change compares short strings instead of re-reading records.
 */
public final class DatasetDigests {

    private final Map<String, String> byId;
    private final String all;

    private DatasetDigests(Map<String, String> byId) {
        this.byId = byId;
        StringBuilder sb = new StringBuilder(byId.size() * 80);
        new TreeMap<>(byId).forEach((id, digest) -> sb.append(id).append('\t').append(digest).append('\n'));
        this.all = SiteBuilder.sha256(sb.toString());
    }

    /**
     * Digests of {@code datasets}: each of its {@link Dataset#digest() record} (taken from
     * {@code known}, as remembered by the content cache, or computed) and of the code that
     * makes the outputs, so that a new build of Vitrine makes everything again.
     */
    public static DatasetDigests of(List<Dataset> datasets, Map<String, String> known) {
        String code = CodeStamp.of(DatasetDigests.class) + "|" + CodeStamp.of(Dataset.class);
        Map<String, String> byId = new ConcurrentHashMap<>();
        datasets.parallelStream().forEach(d -> {
            String record = known.get(d.id());
            byId.put(d.id(), SiteBuilder.sha256(code + '\n' + (record != null ? record : d.digest())));
        });
        return new DatasetDigests(Map.copyOf(byId));
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
