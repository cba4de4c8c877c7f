package org.vitrine.api.search;

import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The facet values of every document of one index version, decoded once into arrays, and their
 * labels: counting a result's facets is then a pass over plain ints ({@link FacetCounts}). Lucene's
 * {@code SortedSetDocValuesFacetCounts} decodes the doc values of every hit and looks up (and
 * decompresses) each listed label again on every request, which was most of a search's cost.
 *
 * <p>Ordinals are the index-wide ordinals of {@link SortedSetDocValuesReaderState}, so values are
 * in label order and each dimension is one range. Results are those of
 * {@code SortedSetDocValuesFacetCounts#getTopChildren}: the {@code n} largest counts, ties to the
 * smaller ordinal. Immutable, so shared by every query on the version.
 */
final class FacetOrdinals {

    private final SortedSetDocValuesReaderState state;
    /** Where each document's ordinals start in {@link #ords}; one more entry than documents. */
    private final int[] docStart;
    private final int[] ords;
    /** The value of each ordinal, without its dimension. */
    private final String[] labels;

    FacetOrdinals(SortedSetDocValuesReaderState state, int maxDoc) throws IOException {
        this.state = state;
        SortedSetDocValues values = state.getDocValues();
        int valueCount = Math.toIntExact(values.getValueCount());
        labels = new String[valueCount];
        for (int ord = 0; ord < valueCount; ord++) {
            BytesRef label = values.lookupOrd(ord);
            String[] path = FacetsConfig.stringToPath(label.utf8ToString());
            labels[ord] = path.length > 1 ? path[1] : path[0];
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

    /** The {@code n} most frequent values of each dimension in {@code counts}, in {@code dims} order. */
    Map<String, List<SearchResult.FacetValue>> top(List<String> dims, int[] counts, int n) {
        Map<String, List<SearchResult.FacetValue>> out = new LinkedHashMap<>();
        for (String dim : dims) {
            SortedSetDocValuesReaderState.OrdRange range = state.getOrdRange(dim);
            out.put(dim, range == null ? List.of() : top(counts, range.start, range.end, n));
        }
        return Collections.unmodifiableMap(out);
    }

    private static boolean weaker(int a, int b, int[] counts) {
        return counts[a] < counts[b] || (counts[a] == counts[b] && a > b);
    }

    private static void siftUp(int[] heap, int i, int[] counts) {
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

    private static void siftDown(int[] heap, int size, int[] counts) {
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
     * The {@code n} values of [from, to] with the largest non-zero counts (ties to the smaller
     * ordinal, as Lucene picks them), listed by count, then value.
     */
    private List<SearchResult.FacetValue> top(int[] counts, int from, int to, int n) {
        // A min-heap of ordinals whose head is the weakest kept: the smallest count, and of equal
        // counts the larger ordinal. Plain ints: this runs over every value of a dimension.
        int[] heap = new int[n];
        int size = 0;
        // The weakest kept count, once the heap is full: most values fall below it at one compare.
        int weakest = 0;
        for (int ord = from; ord <= to; ord++) {
            int c = counts[ord];
            if (c <= weakest) {
                continue;
            }
            if (size < n) {
                heap[size] = ord;
                siftUp(heap, size++, counts);
                if (size == n) {
                    weakest = counts[heap[0]];
                }
            } else {
                // An equal count never displaces: ordinals rise, so the kept one is smaller.
                heap[0] = ord;
                siftDown(heap, size, counts);
                weakest = counts[heap[0]];
            }
        }
        List<SearchResult.FacetValue> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(new SearchResult.FacetValue(labels[heap[i]], counts[heap[i]]));
        }
        // Lucene breaks count ties by ordinal (value order); say so explicitly, since the
        // browser search must list them identically.
        values.sort(Comparator.comparingLong(SearchResult.FacetValue::count).reversed()
                .thenComparing(SearchResult.FacetValue::value));
        return List.copyOf(values);
    }
}
