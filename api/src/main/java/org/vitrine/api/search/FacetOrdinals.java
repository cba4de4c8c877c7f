package org.vitrine.api.search;

import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.BytesRef;
import org.vitrine.core.search.Facet;
import org.vitrine.core.search.SearchSchema;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * The facet values of every document of one index version, decoded once into arrays, and their
 * labels: counting a result's facets is then a pass over plain ints ({@link FacetCounts}). Lucene's
 * {@code SortedSetDocValuesFacetCounts} decodes the doc values of every hit and looks up (and
 * decompresses) each listed label again on every request, which was most of a search's cost.
 *
 * <p>Ordinals are the index-wide ordinals of {@link SortedSetDocValuesReaderState}, so each
 * dimension is one range. The facet values are keys ({@link Facet#key}); a key is listed, under
 * its spelling, when some document has it itself ({@link SearchSchema#FACET_SPELLING}) rather than
 * only as a broader value. Values are listed by count, then spelling, as the static search lists
 * them. Immutable, so shared by every query on the version.
 */
final class FacetOrdinals {

    private final SortedSetDocValuesReaderState state;
    /** Where each document's ordinals start in {@link #ords}; one more entry than documents. */
    private final int[] docStart;
    private final int[] ords;
    /** The listed spelling of each ordinal's value, or null for a value only counted as broader. */
    private final String[] labels;
    /** Each ordinal's place in the order of labels, for ties. */
    private final int[] labelRank;

    /**
     * @param spellings the listed spelling of each key, by dimension ({@link #spellings})
     */
    FacetOrdinals(SortedSetDocValuesReaderState state, int maxDoc, Map<String, Map<String, String>> spellings) throws IOException {
        this.state = state;
        SortedSetDocValues values = state.getDocValues();
        int valueCount = Math.toIntExact(values.getValueCount());
        labels = new String[valueCount];
        for (int ord = 0; ord < valueCount; ord++) {
            String[] path = FacetsConfig.stringToPath(values.lookupOrd(ord).utf8ToString());
            labels[ord] = path.length > 1 ? spellings.getOrDefault(path[0], Map.of()).get(path[1]) : null;
        }
        Integer[] byLabel = IntStream.range(0, valueCount).boxed().filter(o -> labels[o] != null)
                .sorted(Comparator.comparing((Integer o) -> labels[o])).toArray(Integer[]::new);
        labelRank = new int[valueCount];
        for (int r = 0; r < byLabel.length; r++) {
            labelRank[byLabel[r]] = r;
        }
        docStart = new int[maxDoc + 1];
        int[] all = new int[Math.max(16, maxDoc * 4)];
        int size = 0;
        int next = 0;
        values = state.getDocValues();
        for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
            while (next <= doc) {
                docStart[next++] = size;
            }
            for (int i = 0, n = values.docValueCount(); i < n; i++) {
                if (size == all.length) {
                    all = Arrays.copyOf(all, all.length * 2);
                }
                all[size++] = Math.toIntExact(values.nextOrd());
            }
        }
        while (next <= maxDoc) {
            docStart[next++] = size;
        }
        ords = Arrays.copyOf(all, size);
    }

    /**
     * The spelling each key is listed under, by dimension, from the index: of the spellings
     * documents have for a key, the first in code point order.
     */
    static Map<String, Map<String, String>> spellings(IndexReader reader) throws IOException {
        Map<String, Map<String, String>> out = new HashMap<>();
        for (String value : docValueTerms(reader, SearchSchema.FACET_SPELLING)) {
            String[] parts = value.split("\u001F", 3);
            out.computeIfAbsent(parts[0], d -> new HashMap<>())
                    .merge(parts[1], parts[2], (x, y) -> SearchSchema.TERM_ORDER.compare(x, y) <= 0 ? x : y);
        }
        return out;
    }

    /** Every value of a sorted-set doc values field, over all segments, in String order. */
    static SortedSet<String> docValueTerms(IndexReader reader, String field) throws IOException {
        SortedSet<String> values = new TreeSet<>();
        for (LeafReaderContext leaf : reader.leaves()) {
            SortedSetDocValues dv = leaf.reader().getSortedSetDocValues(field);
            if (dv == null) {
                continue;
            }
            TermsEnum terms = dv.termsEnum();
            for (BytesRef b = terms.next(); b != null; b = terms.next()) {
                values.add(b.utf8ToString());
            }
        }
        return values;
    }

    /** A zeroed count per ordinal, for {@link #countAll} and {@link #countRange}. */
    int[] newCounts() {
        return new int[labels.length];
    }

    /** The ordinals of {@code dim}, or null when no document has a value of it. */
    SortedSetDocValuesReaderState.OrdRange range(String dim) {
        return state.getOrdRange(dim);
    }

    /** Adds one to the count of each value of document {@code doc} (index-wide id). */
    void countAll(int doc, int[] counts) {
        for (int i = docStart[doc], end = docStart[doc + 1]; i < end; i++) {
            counts[ords[i]]++;
        }
    }

    /** Adds one to the count of each value of {@code doc} with an ordinal in [from, to]. */
    void countRange(int doc, int[] counts, int from, int to) {
        for (int i = docStart[doc], end = docStart[doc + 1]; i < end; i++) {
            int ord = ords[i];
            if (ord >= from && ord <= to) {
                counts[ord]++;
            }
        }
    }

    /**
     * The values of each dimension in {@code counts} by count, then spelling: the first {@code n},
     * or all of them for the dimensions in {@code all}, in {@code dims} order.
     */
    SearchResult.Facets top(List<String> dims, int[] counts, int n, Set<String> all) {
        Map<String, List<SearchResult.FacetValue>> out = new LinkedHashMap<>();
        Map<String, Integer> more = new LinkedHashMap<>();
        for (String dim : dims) {
            SortedSetDocValuesReaderState.OrdRange range = state.getOrdRange(dim);
            if (range == null) {
                out.put(dim, List.of());
                continue;
            }
            int listed = 0;
            for (int ord = range.start; ord <= range.end; ord++) {
                if (counts[ord] > 0 && labels[ord] != null) {
                    listed++;
                }
            }
            int shown = all.contains(dim) ? listed : Math.min(n, listed);
            out.put(dim, top(counts, range.start, range.end, shown));
            if (listed > shown) {
                more.put(dim, listed - shown);
            }
        }
        return new SearchResult.Facets(Collections.unmodifiableMap(out), Collections.unmodifiableMap(more));
    }

    /** Whether {@code a} comes after {@code b}: a smaller count, or the same count and a later spelling. */
    private boolean weaker(int a, int b, int[] counts) {
        return counts[a] < counts[b] || (counts[a] == counts[b] && labelRank[a] > labelRank[b]);
    }

    private void siftUp(int[] heap, int i, int[] counts) {
        int ord = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!weaker(ord, heap[parent], counts)) {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = ord;
    }

    private void siftDown(int[] heap, int size, int[] counts) {
        int ord = heap[0];
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && weaker(heap[child + 1], heap[child], counts)) {
                child++;
            }
            if (!weaker(heap[child], ord, counts)) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = ord;
    }

    /**
     * The {@code n} listed values of [from, to] with the largest non-zero counts (ties to the
     * earlier spelling), in that order.
     */
    private List<SearchResult.FacetValue> top(int[] counts, int from, int to, int n) {
        if (n == 0) {
            return List.of();
        }
        // A min-heap of ordinals whose head is the weakest kept. Plain ints: this runs over every
        // value of a dimension.
        int[] heap = new int[n];
        int size = 0;
        for (int ord = from; ord <= to; ord++) {
            if (counts[ord] == 0 || labels[ord] == null) {
                continue;
            }
            if (size < n) {
                heap[size] = ord;
                siftUp(heap, size++, counts);
            } else if (weaker(heap[0], ord, counts)) {
                heap[0] = ord;
                siftDown(heap, size, counts);
            }
        }
        Integer[] kept = new Integer[size];
        for (int i = 0; i < size; i++) {
            kept[i] = heap[i];
        }
        Arrays.sort(kept, (a, b) -> weaker(a, b, counts) ? 1 : weaker(b, a, counts) ? -1 : 0);
        List<SearchResult.FacetValue> values = new ArrayList<>(size);
        for (int ord : kept) {
            values.add(new SearchResult.FacetValue(labels[ord], counts[ord]));
        }
        return List.copyOf(values);
    }
}
