package org.vitrine.api.search;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Counts, in one pass over the documents of a query without scoring them, how many pass every
 * facet filter and the facet values of those, each filtered dimension counted drill-sideways (as
 * if its own filter were off, so that a user can widen it): what Lucene's {@code DrillSideways}
 * with sorted-set facet counts answers, without its per-dimension hit sets.
 *
 * <p>A document that fails exactly one filter counts only towards that filter's dimension; one
 * that fails two counts nowhere. One array of counts per ordinal holds both kinds, since each
 * filtered dimension is a range of ordinals of its own.
 */
final class FacetCounts implements Collector {

    private final FacetOrdinals ordinals;
    private final Weight[] filters;
    private final int[] from;
    private final int[] to;
    private final int[] counts;
    private long total;
    /** Rank of each document in the requested order, or null when the page is found by score. */
    private final int[] ranks;
    /** A max-heap of the smallest ranks of passing documents: its head is the worst kept. */
    private final int[] top;
    private int topSize;

    private FacetCounts(FacetOrdinals ordinals, Weight[] filters, int[] from, int[] to, int[] ranks, int topN) {
        this.ordinals = ordinals;
        this.filters = filters;
        this.from = from;
        this.to = to;
        this.counts = ordinals.newCounts();
        this.ranks = ranks;
        this.top = new int[ranks == null ? 0 : topN];
    }

    /**
     * Runs {@code query} and counts its documents and facets.
     *
     * @param filters each filtered dimension's filter, the query its values match (any of them)
     * @param ranks   each document's rank in the order of the page, to keep the {@code topN}
     *                first passing documents ({@link #topRanks()}); null when ranked by score
     */
    static FacetCounts count(IndexSearcher searcher, FacetOrdinals ordinals, Query query, Map<String, Query> filters,
                             int[] ranks, int topN) throws IOException {
        Weight[] weights = new Weight[filters.size()];
        int[] from = new int[filters.size()];
        int[] to = new int[filters.size()];
        int i = 0;
        for (Map.Entry<String, Query> f : filters.entrySet()) {
            weights[i] = searcher.createWeight(searcher.rewrite(f.getValue()), ScoreMode.COMPLETE_NO_SCORES, 1f);
            SortedSetDocValuesReaderState.OrdRange range = ordinals.range(f.getKey());
            // A dimension without values has an empty range: nothing to count sideways.
            from[i] = range == null ? 0 : range.start;
            to[i] = range == null ? -1 : range.end;
            i++;
        }
        FacetCounts counts = new FacetCounts(ordinals, weights, from, to, ranks, topN);
        searcher.search(query, counts);
        return counts;
    }

    /** Documents of the query that pass every filter. */
    long total() {
        return total;
    }

    /** The ranks of the first passing documents, at most {@code topN}, in order. */
    int[] topRanks() {
        int[] sorted = Arrays.copyOf(top, topSize);
        Arrays.sort(sorted);
        return sorted;
    }

    /** The values of each of {@code dims} by count: the first {@code n}, or all for the dimensions in {@code all}. */
    SearchResult.Facets top(List<String> dims, int n, Set<String> all) {
        return ordinals.top(dims, counts, n, all);
    }

    private void keep(int rank) {
        if (topSize < top.length) {
            int i = topSize++;
            while (i > 0 && top[(i - 1) >>> 1] < rank) {
                top[i] = top[(i - 1) >>> 1];
                i = (i - 1) >>> 1;
            }
            top[i] = rank;
        } else if (top.length > 0 && rank < top[0]) {
            int i = 0;
            while (true) {
                int child = 2 * i + 1;
                if (child >= topSize) {
                    break;
                }
                if (child + 1 < topSize && top[child + 1] > top[child]) {
                    child++;
                }
                if (top[child] <= rank) {
                    break;
                }
                top[i] = top[child];
                i = child;
            }
            top[i] = rank;
        }
    }

    @Override
    public ScoreMode scoreMode() {
        return ScoreMode.COMPLETE_NO_SCORES;
    }

    @Override
    public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
        DocIdSetIterator[] passing = new DocIdSetIterator[filters.length];
        for (int i = 0; i < filters.length; i++) {
            Scorer scorer = filters[i].scorer(context);
            passing[i] = scorer == null ? DocIdSetIterator.empty() : scorer.iterator();
        }
        int docBase = context.docBase;
        return new LeafCollector() {
            @Override
            public void setScorer(Scorable scorer) {
            }

            @Override
            public void collect(int doc) throws IOException {
                // Documents arrive in increasing order, so each filter's iterator only moves forward.
                int failed = -1;
                for (int i = 0; i < passing.length; i++) {
                    DocIdSetIterator it = passing[i];
                    int at = it.docID() < doc ? it.advance(doc) : it.docID();
                    if (at != doc) {
                        if (failed >= 0) {
                            return;
                        }
                        failed = i;
                    }
                }
                if (failed < 0) {
                    total++;
                    ordinals.countAll(docBase + doc, counts);
                    if (ranks != null) {
                        keep(ranks[docBase + doc]);
                    }
                } else {
                    ordinals.countRange(docBase + doc, counts, from[failed], to[failed]);
                }
            }
        };
    }
}
