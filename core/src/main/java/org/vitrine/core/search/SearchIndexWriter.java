package org.vitrine.core.search;

import org.apache.lucene.analysis.CachingTokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.vitrine.core.model.Collection;
import org.vitrine.core.model.Dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Writes the Lucene index of a collection's public datasets (never a draft or embargoed one).
 *
 * <p>The index is rewritten in place as a new commit of the same directory, so a running
 * {@link SearchIndex} on that directory picks the new content up at its next refresh while
 * in-flight queries finish on the old one.
 */
public final class SearchIndexWriter {

    /** Name of the index folder the generator writes next to the site. */
    public static final String DEFAULT_DIRECTORY = "search-index";

    private SearchIndexWriter() {
    }

    /** Indexes {@code collection.publicDatasets()} into {@code directory}, replacing what it held. */
    public static void write(Collection collection, Path directory, DatasetLinks links) throws IOException {
        write(collection.publicDatasets(), directory, links);
    }

    /**
     * Indexes datasets that the caller has already established are public (as
     * {@link Collection#publicDatasets()} returns them).
     */
    public static void write(List<Dataset> publicDatasets, Path directory, DatasetLinks links) throws IOException {
        Files.createDirectories(directory);
        FacetsConfig facets = SearchSchema.facetsConfig();
        IndexWriterConfig config = config(IndexWriterConfig.OpenMode.CREATE);
        List<Dataset> sorted = publicDatasets.stream().sorted(Comparator.comparing(Dataset::id, SearchSchema.TERM_ORDER)).toList();
        try (Directory dir = FSDirectory.open(directory); IndexWriter writer = new IndexWriter(dir, config)) {
            for (Dataset d : sorted) {
                writer.addDocument(facets.build(document(d, links)));
            }
            writer.forceMerge(1);
            writer.commit();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The settings both writers open an index with: an update must keep the index sort it was written with. */
    private static IndexWriterConfig config(IndexWriterConfig.OpenMode mode) {
        return new IndexWriterConfig(SearchSchema.analyzer())
                .setOpenMode(mode)
                // Index order is id order, so equal scores rank by id in Lucene and in the browser.
                .setIndexSort(new Sort(new SortField(SearchSchema.ID, SortField.Type.STRING)))
                .setRAMBufferSizeMB(64)
                .setCommitOnClose(false);
    }

    /**
     * Brings an index written by {@link #write} up to date after some datasets changed: their
     * documents are replaced and removed ones deleted. Analysis runs only for the changed
     * datasets. When a dataset left the index (withdrawn, back to draft, embargoed), the index
     * is merged back into one segment so that no term of it survives in the files (a deleted
     * document's words would otherwise still be there for suggestions and term expansions until
     * Lucene merges); an edit of a public dataset only adds a small segment, merged later by
     * Lucene's merge policy, so a rebuild after one edit stays cheap. Until then the replaced
     * version still counts in term statistics, which moves scores by a hair, not the order.
     *
     * @param changed    public datasets that are new or whose record changed
     * @param removedIds ids that are no longer public
     */
    public static void update(Path directory, DatasetLinks links, List<Dataset> changed, java.util.Collection<String> removedIds)
            throws IOException {
        FacetsConfig facets = SearchSchema.facetsConfig();
        IndexWriterConfig config = config(IndexWriterConfig.OpenMode.APPEND);
        try (Directory dir = FSDirectory.open(directory); IndexWriter writer = new IndexWriter(dir, config)) {
            for (String id : removedIds) {
                writer.deleteDocuments(new Term(SearchSchema.ID_KEY, id));
            }
            for (Dataset d : changed) {
                writer.updateDocument(new Term(SearchSchema.ID_KEY, d.id()), facets.build(document(d, links)));
            }
            if (!removedIds.isEmpty()) {
                writer.forceMerge(1);
            }
            writer.commit();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    static Document document(Dataset dataset, DatasetLinks links) {
        SearchableDataset s = SearchableDataset.of(dataset, links);
        Document doc = new Document();
        doc.add(new StringField(SearchSchema.ID_KEY, s.id(), Field.Store.NO));
        doc.add(new SortedDocValuesField(SearchSchema.ID, new BytesRef(s.id())));
        for (Map.Entry<String, List<String>> e : s.text().entrySet()) {
            String field = e.getKey();
            boolean words = !SearchSchema.EXACT_FIELDS.contains(field);
            for (String value : e.getValue()) {
                // The same values in the same order as search.js reads them: positions and lengths agree.
                if (words) {
                    // A field of words and the catch-all analyse a value alike: once is enough.
                    TokenStream tokens = analysedOnce(field, value);
                    doc.add(new TextField(field, tokens));
                    doc.add(new TextField(SearchSchema.ALL, tokens));
                } else {
                    doc.add(new TextField(field, value, Field.Store.NO));
                    doc.add(new TextField(SearchSchema.ALL, value, Field.Store.NO));
                }
            }
        }
        for (Map.Entry<String, List<Facet.Value>> e : s.facets().entrySet()) {
            String dim = e.getKey();
            // Counted by key (and broader keys), filtered by key or alias, listed as spelled.
            for (String key : Facet.countedKeys(e.getValue())) {
                doc.add(new SortedSetDocValuesFacetField(dim, key));
            }
            for (String key : Facet.filterKeys(e.getValue())) {
                doc.add(new StringField(SearchSchema.FILTER_PREFIX + dim, key, Field.Store.NO));
            }
            for (Facet.Value v : e.getValue()) {
                doc.add(new SortedSetDocValuesField(SearchSchema.FACET_SPELLING,
                        new BytesRef(dim + '\u001F' + Facet.key(v.text()) + '\u001F' + v.text())));
            }
        }
        for (Map.Entry<String, List<Double>> e : s.parameters().entrySet()) {
            for (double v : e.getValue()) {
                doc.add(new DoublePoint(SearchSchema.PARAM_PREFIX + e.getKey(), v));
            }
        }
        long epochDay = dataset.released() == null ? LocalDate.MIN.toEpochDay() : dataset.released().toEpochDay();
        doc.add(new NumericDocValuesField(SearchSchema.RELEASED, epochDay));
        doc.add(new BinaryDocValuesField(SearchSchema.HIT, HitFields.of(s).encode()));
        // Stored as the bytes Jackson writes: as a string, Lucene would encode it once more.
        doc.add(new StoredField(SearchSchema.RECORD, new BytesRef(DatasetJson.toJson(dataset, links))));
        for (String source : Suggestions.sources(dataset)) {
            doc.add(new SortedSetDocValuesField(SearchSchema.SUGGEST, new BytesRef(source)));
        }
        return doc;
    }

    /**
     * The tokens of {@code value}, read now and replayed to each field that takes them. They are
     * read at once because the analyser reuses its stream for the field's next value.
     */
    private static TokenStream analysedOnce(String field, String value) {
        CachingTokenFilter tokens = new CachingTokenFilter(SearchSchema.ANALYZER.tokenStream(field, value));
        try (tokens) {
            tokens.reset();
            while (tokens.incrementToken()) {
                // filling the cache
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a string is never unreadable
        }
        return tokens;
    }
}
