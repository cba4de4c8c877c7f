package org.vitrine.api.search;

import org.vitrine.core.search.Facet;
import org.vitrine.core.search.SearchSchema;
import org.vitrine.core.search.Suggestions;
import org.vitrine.core.search.HitFields;
import org.vitrine.core.search.DatasetJson;
import org.vitrine.core.search.SearchIndexWriter;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StandardDirectoryReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.StringHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.stream.IntStream;

/**
 * Searches the Lucene index that {@link SearchIndexWriter} wrote. Thread-safe.
 *
 * <p>When the index on disk is rebuilt, {@link #refresh()} (called by whoever rebuilt it) opens
 * the new commit and swaps it in; queries already running keep the searcher they started with,
 * which is closed once the last of them releases it. No restart, no failed in-flight query.
 * Until an index exists at the path, searches answer no hits.
 */
public final class SearchIndex implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(SearchIndex.class);
    private static final FacetsConfig FACETS = SearchSchema.facetsConfig();
    /** Recent answers kept per index version by default: small next to the index. */
    public static final int CACHED_RESULTS = 1024;

    private final Path path;
    private final Directory directory;
    private final Object swapLock = new Object();
    private volatile SearcherManager manager;
    private final int cachedResults;

    private SearchIndex(Path path, int cachedResults) throws IOException {
        this.path = path;
        this.cachedResults = cachedResults;
        this.directory = FSDirectory.open(path);
        refresh();
    }

    /** Opens the index at {@code path} (which may not exist yet). */
    public static SearchIndex open(Path path) throws IOException {
        return open(path, CACHED_RESULTS);
    }

    /**
     * Opens the index at {@code path} (which may not exist yet), keeping the answers to up to
     * {@code cachedResults} recent searches of the current index version (0: none). The cache is
     * dropped with its version when a rebuilt index is swapped in.
     */
    public static SearchIndex open(Path path, int cachedResults) throws IOException {
        if (cachedResults < 0) {
            throw new IllegalArgumentException("cachedResults must be 0 or more, not " + cachedResults);
        }
        return new SearchIndex(path, cachedResults);
    }

    /** The folder this index reads. */
    public Path path() {
        return path;
    }

    /**
     * Swaps in the newest commit on disk, if it changed. Safe to call while queries run.
     *
     * @return true when a new searcher was swapped in
     */
    public boolean refresh() throws IOException {
        synchronized (swapLock) {
            if (!DirectoryReader.indexExists(directory)) {
                return false;
            }
            SearcherManager current = manager;
            if (current != null) {
                String onDisk = commitKey(SegmentInfos.readLatestCommit(directory));
                IndexSearcher searcher = current.acquire();
                try {
                    if (((CollectionSearcher) searcher).commit.equals(onDisk)) {
                        return false;
                    }
                } finally {
                    current.release(searcher);
                }
            }
            // Every build writes a new index (new segments, and after the folder was deleted even
            // the same generation number), so open it afresh rather than incrementally. Queries
            // holding the old searcher finish on it; it closes when the last one releases it.
            manager = new SearcherManager(directory, new CollectionSearcherFactory(cachedResults));
            if (current != null) {
                current.close();
            }
            return true;
        }
    }

    /** What identifies a commit: its generation and the unique ids of its segments. */
    private static String commitKey(SegmentInfos infos) {
        StringBuilder key = new StringBuilder().append(infos.getGeneration());
        for (SegmentCommitInfo segment : infos) {
            key.append(':').append(StringHelper.idToString(segment.info.getId()));
        }
        return key.toString();
    }

    /** Number of datasets in the index. */
    public int size() {
        return withSearcher(s -> s.getIndexReader().numDocs(), 0);
    }

    /**
     * Runs a search.
     *
     * @throws InvalidQueryException when the query cannot be parsed or is too expensive
     */
    public SearchResult search(SearchRequest request) {
        SearchResult result = withSearcher(s -> {
            // Only answers are cached, so a hit is a request that parsed and ran on this version.
            SearchResult cached = s.results.get(request);
            if (cached != null) {
                return cached;
            }
            Query text = new DatasetQueryParser().parseQuery(request.query());
            // Every indexed dataset has facet values (a licence at least), so an index without any is empty.
            SearchResult answer = s.facetState == null ? empty(request) : run(s, request, text);
            s.results.put(request, answer);
            return answer;
        }, null);
        if (result == null) {
            // No index yet: still refuse a query that is not valid.
            new DatasetQueryParser().parseQuery(request.query());
            return empty(request);
        }
        return result;
    }

    private static SearchResult empty(SearchRequest request) {
        return new SearchResult(0, request.page(), request.size(), List.of(), emptyFacets(), Map.of());
    }

    /** How many answers the current index version has cached. */
    int cachedResults() {
        return withSearcher(s -> s.results.size(), 0);
    }

    private SearchResult run(CollectionSearcher s, SearchRequest request, Query text) throws IOException {
        Query base = text;
        if (!request.parameters().isEmpty()) {
            BooleanQuery.Builder b = new BooleanQuery.Builder().add(text, BooleanClause.Occur.MUST);
            for (ParameterRange p : request.parameters()) {
                b.add(DoublePoint.newRangeQuery(SearchSchema.PARAM_PREFIX + p.name(), p.min(), p.max()),
                        BooleanClause.Occur.FILTER);
            }
            base = b.build();
        }
        Map<String, Query> filters = new LinkedHashMap<>();
        for (String dim : SearchSchema.FACET_NAMES) {
            List<String> values = request.filters().get(dim);
            if (values != null) {
                filters.put(dim, filter(dim, values));
            }
        }
        int topN = request.page() * request.size();
        SearchRequest.Sort order = order(request);
        FacetCounts counts;
        ScoreDoc[] all;
        try {
            // Counting every match needs no scores; a page in field order is kept while counting,
            // and a page by score is a second pass, in which Lucene skips most matches.
            Query rewritten = s.rewrite(base);
            boolean everything = rewritten instanceof MatchAllDocsQuery && filters.isEmpty() && s.everything != null;
            counts = everything ? s.everything : FacetCounts.count(s, s.facetOrdinals, rewritten, filters,
                    order == null ? null : s.docOrder.ranks(order), topN);
            if (order == null) {
                // Counted already: Lucene may skip every hit that cannot make the page from the start.
                all = s.search(filtered(rewritten, filters), new TopScoreDocCollectorManager(topN, null, topN)).scoreDocs;
            } else {
                // When every document passes, the page is the first ranks of the order.
                int[] docs = s.docOrder.docs(order, everything
                        ? IntStream.range(0, Math.min(topN, s.getIndexReader().maxDoc())).toArray() : counts.topRanks());
                all = new ScoreDoc[docs.length];
                for (int i = 0; i < docs.length; i++) {
                    all[i] = new ScoreDoc(docs[i], 0f);
                }
            }
        } catch (IndexSearcher.TooManyClauses e) {
            throw new InvalidQueryException("Query expands to too many terms; make it more specific", e);
        }
        int from = Math.min(all.length, (request.page() - 1) * request.size());
        ScoreDoc[] page = Arrays.copyOfRange(all, from, all.length);
        // The snippet marks the description terms of the query already parsed, not of a second parse.
        Snippets snippets = new Snippets(text);
        List<SearchResult.Hit> hits = new ArrayList<>(page.length);
        List<LeafReaderContext> leaves = s.getIndexReader().leaves();
        for (ScoreDoc hit : page) {
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(hit.doc, leaves));
            BinaryDocValues values = leaf.reader().getBinaryDocValues(SearchSchema.HIT);
            if (values == null || !values.advanceExact(hit.doc - leaf.docBase)) {
                throw new IllegalStateException("Search index " + path + " has no hit fields for document " + hit.doc);
            }
            HitFields f = HitFields.decode(values.binaryValue());
            hits.add(new SearchResult.Hit(f.id(), f.title(), f.url(), f.thumbnail(), snippets.of(f.description()),
                    f.technique(), f.facility(), f.released(), order == null ? hit.score : 0f));
        }
        // Immutable: a cached answer is shared by every request that asks the same.
        return new SearchResult(counts.total(), request.page(), request.size(), List.copyOf(hits),
                counts.top(SearchSchema.FACET_NAMES, SearchSchema.FACET_VALUES, request.allValues()));
    }

    /**
     * What a filter on {@code dim} matches: any of {@code values}, in any case, or a value they
     * name (a PaNET id), or one narrower (a broad technique selects its descendants too, as the
     * PaNOSC portal does).
     */
    private static Query filter(String dim, List<String> values) {
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        for (String v : values) {
            any.add(new TermQuery(new Term(SearchSchema.FILTER_PREFIX + dim, Facet.key(v))), BooleanClause.Occur.SHOULD);
        }
        return any.build();
    }

    /** Null for relevance order with a query; otherwise the field order (newest first without a query). */
    private static SearchRequest.Sort order(SearchRequest request) {
        return request.sort() == SearchRequest.Sort.RELEVANCE && !request.query().isEmpty() ? null
                : request.sort() == SearchRequest.Sort.ID ? SearchRequest.Sort.ID : SearchRequest.Sort.RELEASED;
    }

    /** {@code base} limited to the documents that pass every filter. */
    private static Query filtered(Query base, Map<String, Query> filters) {
        if (filters.isEmpty()) {
            return base;
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder().add(base, BooleanClause.Occur.MUST);
        filters.values().forEach(f -> b.add(f, BooleanClause.Occur.FILTER));
        return b.build();
    }

    private static Map<String, List<SearchResult.FacetValue>> emptyFacets() {
        Map<String, List<SearchResult.FacetValue>> out = new LinkedHashMap<>();
        SearchSchema.FACET_NAMES.forEach(d -> out.put(d, List.of()));
        return Collections.unmodifiableMap(out);
    }

    /**
     * Completions for what a user has typed: titles, sample names and technique labels with a
     * word starting with {@code prefix} (case and accents ignored), those starting with it first.
     */
    public List<SearchResult.Suggestion> suggest(String prefix, int limit) {
        String p = SearchSchema.fold(prefix == null ? "" : prefix.strip());
        if (p.isEmpty()) {
            return List.of();
        }
        return withSearcher(s -> {
            List<SearchResult.Suggestion> starts = new ArrayList<>();
            List<SearchResult.Suggestion> inner = new ArrayList<>();
            for (Candidate c : s.suggestions) {
                if (c.folded.startsWith(p)) {
                    starts.add(c.suggestion);
                } else if (c.folded.contains(" " + p) || c.folded.contains("-" + p)) {
                    inner.add(c.suggestion);
                }
                if (starts.size() >= limit) {
                    break;
                }
            }
            starts.addAll(inner);
            return List.copyOf(starts.subList(0, Math.min(limit, starts.size())));
        }, List.of());
    }

    /** The dataset's JSON record ({@link DatasetJson}), if the dataset is in the index. */
    public Optional<String> datasetJson(String id) {
        return withSearcher(s -> {
            TopDocs top = s.search(new TermQuery(new Term(SearchSchema.ID_KEY, id)), 1);
            if (top.scoreDocs.length == 0) {
                return Optional.<String>empty();
            }
            return Optional.of(record(s.storedFields(), top.scoreDocs[0].doc));
        }, Optional.empty());
    }

    /** The JSON record stored with a document. */
    private static String record(StoredFields stored, int doc) throws IOException {
        return stored.document(doc).getBinaryValue(SearchSchema.RECORD).utf8ToString();
    }

    /** A page of dataset records in id order. */
    public RecordPage list(int page, int size) {
        SearchRequest checked = new SearchRequest("", Map.of(), List.of(), SearchRequest.Sort.ID, page, size);
        return withSearcher(s -> {
            TopDocs top = s.search(new MatchAllDocsQuery(), checked.page() * checked.size(),
                    new Sort(new SortField(SearchSchema.ID, SortField.Type.STRING)));
            List<String> records = new ArrayList<>();
            StoredFields stored = s.storedFields();
            for (int i = (page - 1) * size; i < top.scoreDocs.length; i++) {
                records.add(record(stored, top.scoreDocs[i].doc));
            }
            return new RecordPage(s.getIndexReader().numDocs(), page, size, records);
        }, new RecordPage(0, page, size, List.of()));
    }

    /**
     * A page of dataset records.
     *
     * @param records JSON text of each record ({@link DatasetJson})
     */
    public record RecordPage(long total, int page, int size, List<String> records) {
    }

    private interface SearcherWork<T> {
        T apply(CollectionSearcher searcher) throws IOException;
    }

    private <T> T withSearcher(SearcherWork<T> work, T whenNoIndex) {
        SearcherManager m = manager;
        if (m == null) {
            return whenNoIndex;
        }
        IndexSearcher s;
        try {
            s = m.acquire();
        } catch (org.apache.lucene.store.AlreadyClosedException e) {
            // Swapped out between reading the field and acquiring: the new one is in place.
            return withSearcher(work, whenNoIndex);
        } catch (IOException e) {
            throw new UncheckedIOException("Opening search index " + path + " failed", e);
        }
        try {
            return work.apply((CollectionSearcher) s);
        } catch (IOException e) {
            throw new UncheckedIOException("Reading search index " + path + " failed", e);
        } finally {
            try {
                m.release(s);
            } catch (IOException e) {
                LOG.warn("Releasing a searcher of {} failed", path, e);
            }
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (swapLock) {
            if (manager != null) {
                manager.close();
                manager = null;
            }
        }
        directory.close();
    }

    private record Candidate(SearchResult.Suggestion suggestion, String folded) {
    }

    /**
     * A searcher with what is derived once per index version: facet ordinals and labels,
     * suggestions, and the recent answers.
     */
    private static final class CollectionSearcher extends IndexSearcher {
        final SortedSetDocValuesReaderState facetState;
        final FacetOrdinals facetOrdinals;
        final DocOrder docOrder;
        /**
         * The facets of the whole collection (what a search page shows before anything is typed),
         * counted once; null when the index has deleted documents, which the orders hold.
         */
        final FacetCounts everything;
        final List<Candidate> suggestions;
        final String commit;
        final ResultCache results;

        CollectionSearcher(IndexReader reader, int cachedResults) throws IOException {
            super(reader);
            results = new ResultCache(cachedResults);
            commit = commitKey(((StandardDirectoryReader) reader).getSegmentInfos());
            facetState = hasFacets(reader) ? new DefaultSortedSetDocValuesReaderState(reader, FACETS) : null;
            facetOrdinals = facetState == null ? null : new FacetOrdinals(facetState, reader.maxDoc(), FacetOrdinals.spellings(reader));
            docOrder = facetState == null ? null : new DocOrder(reader);
            everything = facetState == null || reader.hasDeletions() ? null
                    : FacetCounts.count(this, facetOrdinals, new MatchAllDocsQuery(), Map.of(), null, 0);
            suggestions = suggestions(reader);
        }

        private static boolean hasFacets(IndexReader reader) {
            String field = FacetsConfig.DEFAULT_INDEX_FIELD_NAME;
            return reader.leaves().stream().anyMatch(l -> l.reader().getFieldInfos().fieldInfo(field) != null);
        }

        private static List<Candidate> suggestions(IndexReader reader) throws IOException {
            SortedSet<String> values = FacetOrdinals.docValueTerms(reader, SearchSchema.SUGGEST);
            return Suggestions.ordered(values).stream()
                    .map(c -> new Candidate(new SearchResult.Suggestion(c.text(), c.kind()), c.folded())).toList();
        }
    }

    private static final class CollectionSearcherFactory extends SearcherFactory {
        private final int cachedResults;

        CollectionSearcherFactory(int cachedResults) {
            this.cachedResults = cachedResults;
        }

        @Override
        public IndexSearcher newSearcher(IndexReader reader, IndexReader previousReader) throws IOException {
            return new CollectionSearcher(reader, cachedResults);
        }
    }
}
