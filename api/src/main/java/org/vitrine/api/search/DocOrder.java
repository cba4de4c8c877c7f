package org.vitrine.api.search;

import org.vitrine.core.search.SearchSchema;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The place of every document of one index version in each field order a search can ask for
 * (by id; newest first, then by id), decoded once: the page of a sorted search is then the
 * smallest ranks among its matches, kept while they are counted, rather than a second pass
 * that compares doc values. The orders are those of Lucene's sort on the same fields. Immutable.
 */
final class DocOrder {

    /** Index-wide document id to rank, and rank to document id, by id. */
    private final int[] idRank;
    private final int[] byId;
    /** The same, newest first, then by id. */
    private final int[] newestRank;
    private final int[] byNewest;

    DocOrder(IndexReader reader) throws IOException {
        int maxDoc = reader.maxDoc();
        BytesRef[] ids = new BytesRef[maxDoc];
        long[] released = new long[maxDoc];
        for (LeafReaderContext leaf : reader.leaves()) {
            SortedDocValues id = DocValues.getSorted(leaf.reader(), SearchSchema.ID);
            NumericDocValues day = DocValues.getNumeric(leaf.reader(), SearchSchema.RELEASED);
            for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
                ids[leaf.docBase + doc] = id.advanceExact(doc) ? BytesRef.deepCopyOf(id.lookupOrd(id.ordValue())) : new BytesRef();
                released[leaf.docBase + doc] = day.advanceExact(doc) ? day.longValue() : 0L;
            }
        }
        // Unsigned byte order, as Lucene compares string sort values; missing ids sort first, as there.
        Comparator<Integer> byIdOrder = (a, b) -> ids[a].compareTo(ids[b]);
        byId = order(maxDoc, byIdOrder);
        byNewest = order(maxDoc, Comparator.comparingLong((Integer d) -> released[d]).reversed().thenComparing(byIdOrder));
        idRank = ranks(byId);
        newestRank = ranks(byNewest);
    }

    private static int[] order(int maxDoc, Comparator<Integer> comparator) {
        Integer[] docs = new Integer[maxDoc];
        Arrays.setAll(docs, i -> i);
        Arrays.sort(docs, comparator);
        return Arrays.stream(docs).mapToInt(Integer::intValue).toArray();
    }

    private static int[] ranks(int[] order) {
        int[] rank = new int[order.length];
        for (int r = 0; r < order.length; r++) {
            rank[order[r]] = r;
        }
        return rank;
    }

    /** Rank of each document (index-wide id) in {@code sort}. */
    int[] ranks(SearchRequest.Sort sort) {
        return sort == SearchRequest.Sort.ID ? idRank : newestRank;
    }

    /** The documents at {@code ranks} of {@code sort}. */
    int[] docs(SearchRequest.Sort sort, int[] ranks) {
        int[] order = sort == SearchRequest.Sort.ID ? byId : byNewest;
        int[] docs = new int[ranks.length];
        for (int i = 0; i < ranks.length; i++) {
            docs[i] = order[ranks[i]];
        }
        return docs;
    }
}
