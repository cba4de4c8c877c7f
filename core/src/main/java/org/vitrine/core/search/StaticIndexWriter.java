package org.vitrine.core.search;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.vitrine.core.model.Collection;
import org.vitrine.core.model.Dataset;
import org.vitrine.core.units.UnitTable;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Writes the compact static search index that {@code site-assets/js/search.js} searches in the
 * browser when the site has no API: the schema (fields, boosts, exact fields, facets, BM25
 * parameters, units) and, per public dataset in id order, its searchable text, facet values,
 * technique path and parameters in SI. The browser builds its inverted index from this on load,
 * with the same analysis and scoring as the Lucene index, so both rank alike.
 *
 * <p>Deterministic: the same datasets give byte-identical output.
 */
public final class StaticIndexWriter {

    /** File name the generator writes next to the site's pages. */
    public static final String DEFAULT_FILE = "search-index.json";
    /** Format version, raised when the layout changes. */
    public static final int VERSION = 2;

    private static final JsonFactory JSON = new JsonFactory();

    private StaticIndexWriter() {
    }

    /** Writes the index of {@code collection.publicDatasets()} to {@code file}. */
    public static void write(Collection collection, Path file, DatasetLinks links) throws IOException {
        write(collection.publicDatasets(), file, links);
    }

    /** Writes the index of datasets already established to be public. */
    public static void write(List<Dataset> publicDatasets, Path file, DatasetLinks links) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            write(publicDatasets, d -> docJson(d, links), out);
        }
    }

    /** The index as JSON text. */
    public static String toJson(List<Dataset> publicDatasets, DatasetLinks links) {
        return new String(toJson(publicDatasets, d -> docJson(d, links)), StandardCharsets.UTF_8);
    }

    /**
     * The index as UTF-8 JSON, with each dataset's entry taken from {@code docs} (which may
     * remember entries of unchanged datasets from an earlier build; it must give what
     * {@link #docJson} gives). Entries are copied as bytes: a site of ten thousand datasets
     * has an index of some 15 MB, and a rebuild after one edit should not decode and encode it.
     */
    public static byte[] toJson(List<Dataset> publicDatasets, Function<Dataset, byte[]> docs) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(publicDatasets.size() * 2048 + 8192);
        try {
            write(publicDatasets, docs, out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /** One dataset's entry of the index: a JSON object, in UTF-8. */
    public static byte[] docJson(Dataset dataset, DatasetLinks links) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(2048);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            writeDoc(g, SearchableDataset.of(dataset, links));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private static void write(List<Dataset> publicDatasets, Function<Dataset, byte[]> docs, OutputStream out) throws IOException {
        // The generator writes the schema and opens the docs array; the entries, already JSON,
        // follow as bytes, and the array and object are closed by hand.
        try (JsonGenerator g = JSON.createGenerator(out)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT)) {
            g.writeStartObject();
            g.writeNumberField("version", VERSION);
            g.writeArrayFieldStart("fields");
            for (String f : SearchSchema.FIELDS) {
                g.writeString(f);
            }
            g.writeEndArray();
            g.writeStringField("all", SearchSchema.ALL);
            g.writeObjectFieldStart("boosts");
            for (Map.Entry<String, Float> b : SearchSchema.BOOSTS.entrySet()) {
                g.writeNumberField(b.getKey(), b.getValue());
            }
            g.writeEndObject();
            g.writeArrayFieldStart("exact");
            for (String f : new TreeSet<>(SearchSchema.EXACT_FIELDS)) {
                g.writeString(f);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("facets");
            for (String f : SearchSchema.FACETS) {
                g.writeString(f);
            }
            g.writeEndArray();
            g.writeNumberField("facetValues", SearchSchema.FACET_VALUES);
            g.writeNumberField("maxExpansions", SearchSchema.MAX_EXPANSIONS);
            g.writeNumberField("maxSize", SearchSchema.MAX_PAGE_SIZE);
            g.writeObjectFieldStart("bm25");
            g.writeNumberField("k1", SearchSchema.BM25_K1);
            g.writeNumberField("b", SearchSchema.BM25_B);
            g.writeEndObject();
            g.writeObjectFieldStart("units");
            for (Map.Entry<String, UnitTable.Unit> e : UnitTable.units().entrySet()) {
                g.writeArrayFieldStart(e.getKey());
                g.writeNumber(e.getValue().factor().doubleValue());
                g.writeNumber(e.getValue().offset().doubleValue());
                g.writeString(e.getValue().quantity().siUnit());
                g.writeEndArray();
            }
            g.writeEndObject();
            // What the well-known parameters measure, so a range in another unit is refused as by the API.
            g.writeObjectFieldStart("measures");
            for (Map.Entry<String, UnitTable.Quantity> e : UnitTable.parameterQuantities().entrySet()) {
                g.writeArrayFieldStart(e.getKey());
                g.writeString(e.getValue().siUnit());
                g.writeString(e.getValue().noun());
                g.writeString(String.join(", ", UnitTable.symbolsOf(e.getValue())));
                g.writeEndArray();
            }
            g.writeEndObject();
            g.writeArrayFieldStart("docs");
            g.flush();
        }
        List<Dataset> sorted = publicDatasets.stream().sorted(Comparator.comparing(Dataset::id)).toList();
        for (int i = 0; i < sorted.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(docs.apply(sorted.get(i)));
        }
        out.write(']');
        out.write('}');
    }

    private static void writeDoc(JsonGenerator g, SearchableDataset s) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", s.id());
        g.writeStringField("title", s.title());
        g.writeStringField("url", s.url());
        writeIfSet(g, "thumbnail", s.thumbnail());
        writeIfSet(g, "technique", s.technique());
        writeIfSet(g, "facility", s.facility());
        writeIfSet(g, "released", s.released());
        writeLists(g, "text", s.text());
        writeLists(g, "facets", s.facets());
        g.writeArrayFieldStart("path");
        for (String p : s.techniquePath()) {
            g.writeString(p);
        }
        g.writeEndArray();
        g.writeObjectFieldStart("params");
        for (Map.Entry<String, List<Double>> e : s.parameters().entrySet()) {
            g.writeArrayFieldStart(e.getKey());
            for (double v : e.getValue()) {
                g.writeNumber(v);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writeLists(JsonGenerator g, String name, Map<String, List<String>> lists) throws IOException {
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, List<String>> e : lists.entrySet()) {
            g.writeArrayFieldStart(e.getKey());
            for (String v : e.getValue()) {
                g.writeString(v);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void writeIfSet(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }
}
