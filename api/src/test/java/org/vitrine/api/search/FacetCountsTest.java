package org.vitrine.api.search;

import org.vitrine.core.search.SearchSchema;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.facet.DrillDownQuery;
import org.apache.lucene.facet.DrillSideways;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link FacetCounts} over {@link FacetOrdinals} counts exactly what Lucene's sorted-set facet
 * counts do, drill-sideways included, on an index of several segments (index-wide ordinals) with many tied counts and
 * more values than are listed.
 */
class FacetCountsTest {

    private static final FacetsConfig CONFIG = SearchSchema.facetsConfig();
    private static final List<String> DIMS = List.of(SearchSchema.FACILITY, SearchSchema.SAMPLE, SearchSchema.KEYWORD,
            SearchSchema.YEAR, SearchSchema.LICENSE);
    private static final int TOP = 5;

    @Test
    void countsWhatLuceneCounts() throws IOException {
        Random random = new Random(7);
        try (Directory dir = new ByteBuffersDirectory();
             IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(new StandardAnalyzer()))) {
            for (int i = 0; i < 3_000; i++) {
                Document doc = new Document();
                doc.add(new StringField("group", "g" + random.nextInt(4), Field.Store.NO));
                facet(doc, SearchSchema.FACILITY, "F" + random.nextInt(9));
                facet(doc, SearchSchema.SAMPLE, "s" + random.nextInt(400));
                for (int k = random.nextInt(4); k > 0; k--) {
                    facet(doc, SearchSchema.KEYWORD, "k" + random.nextInt(30));
                }
                facet(doc, SearchSchema.YEAR, String.valueOf(2000 + random.nextInt(3)));
                writer.addDocument(CONFIG.build(doc));
                if (i % 700 == 699) {
                    writer.commit(); // several segments
                }
            }
            writer.commit();
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                assertTrue(reader.leaves().size() > 1, "the test needs index-wide ordinals over several segments");
                IndexSearcher searcher = new IndexSearcher(reader);
                SortedSetDocValuesReaderState state = new DefaultSortedSetDocValuesReaderState(reader, CONFIG);
                FacetOrdinals ordinals = new FacetOrdinals(state, reader.maxDoc(), FacetOrdinals.spellings(reader));

                compare(searcher, state, ordinals, new MatchAllDocsQuery(), Map.of());
                compare(searcher, state, ordinals, new TermQuery(new Term("group", "g1")), Map.of());
                compare(searcher, state, ordinals, new TermQuery(new Term("group", "g2")),
                        Map.of(SearchSchema.FACILITY, List.of("F1", "F4")));
                compare(searcher, state, ordinals, new MatchAllDocsQuery(),
                        Map.of(SearchSchema.FACILITY, List.of("F0"), SearchSchema.KEYWORD, List.of("k3", "k7")));
                compare(searcher, state, ordinals, new TermQuery(new Term("group", "none")), Map.of());
            }
        }
    }

    /** A value a document has itself: counted, and listed as spelled. */
    private static void facet(Document doc, String dim, String value) {
        doc.add(new SortedSetDocValuesFacetField(dim, value));
        doc.add(new SortedSetDocValuesField(SearchSchema.FACET_SPELLING, new BytesRef(dim + '\u001F' + value + '\u001F' + value)));
    }

    private static void compare(IndexSearcher searcher, SortedSetDocValuesReaderState state, FacetOrdinals ordinals,
                                Query base, Map<String, List<String>> filters) throws IOException {
        DrillDownQuery query = new DrillDownQuery(CONFIG, base);
        filters.forEach((dim, values) -> values.forEach(v -> query.add(dim, v)));

        Facets lucene = new DrillSideways(searcher, CONFIG, state).search(query, 10).facets;
        Map<String, List<SearchResult.FacetValue>> expected = new LinkedHashMap<>();
        for (String dim : DIMS) {
            List<SearchResult.FacetValue> values = new ArrayList<>();
            if (state.getOrdRange(dim) != null) {
                FacetResult r = lucene.getTopChildren(TOP, dim);
                if (r != null) {
                    for (LabelAndValue lv : r.labelValues) {
                        values.add(new SearchResult.FacetValue(lv.label, lv.value.longValue()));
                    }
                }
            }
            values.sort(Comparator.comparingLong(SearchResult.FacetValue::count).reversed()
                    .thenComparing(SearchResult.FacetValue::value));
            expected.put(dim, values);
        }

        Map<String, Query> filterQueries = new LinkedHashMap<>();
        filters.forEach((dim, values) -> {
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            values.forEach(v -> any.add(new TermQuery(DrillDownQuery.term(FacetsConfig.DEFAULT_INDEX_FIELD_NAME, dim, v)),
                    BooleanClause.Occur.SHOULD));
            filterQueries.put(dim, any.build());
        });
        // Ranks in reverse document order: the page holds the last matching documents.
        int maxDoc = searcher.getIndexReader().maxDoc();
        int[] ranks = new int[maxDoc];
        java.util.Arrays.setAll(ranks, doc -> maxDoc - 1 - doc);
        FacetCounts counts = FacetCounts.count(searcher, ordinals, base, filterQueries, ranks, 7);
        assertEquals(expected, counts.top(DIMS, TOP, java.util.Set.of()).values(), base + " with " + filters);
        assertEquals(searcher.count(query), counts.total(), "matches of " + base + " with " + filters);
        int[] firstRanks = java.util.Arrays.stream(searcher.search(query, maxDoc).scoreDocs)
                .mapToInt(hit -> ranks[hit.doc]).sorted().limit(7).toArray();
        assertEquals(java.util.Arrays.toString(firstRanks), java.util.Arrays.toString(counts.topRanks()), "page of " + base);
    }
}
