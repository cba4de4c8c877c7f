package org.vitrine.core.search;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.apache.lucene.util.SmallFloat;
import org.vitrine.core.model.Dataset;
import org.vitrine.core.model.Parameter;
import org.vitrine.core.units.UnitTable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Writes the static search index that {@code site-assets/js/search.js} searches in the browser
 * when the site has no API: the Lucene index's content, analysed by the schema's analyzers
 * ({@link InvertedFields}), cut into small JSON files that a query fetches as it needs them:
 *
 * <ul>
 *   <li>{@code schema.json}: fields, facets, units and well-known parameters (the page reads it
 *       over the API too);</li>
 *   <li>{@code index.json}: the collection's statistics, where each chunk series starts, and the
 *       answer to the empty search;</li>
 *   <li>{@code t/<dictionary>/<n>.json}: term ranges with postings (document gaps, frequencies,
 *       length norms) and, in the dictionary {@code any}, the map from a word as written to its
 *       indexed term; {@code p/…} their positions, for phrases;</li>
 *   <li>{@code facets.json}, {@code v/<n>.json}: facet values and parameter values of every dataset;</li>
 *   <li>{@code r/<n>.json}: what hits show, with the description's tokens for snippets;
 *       {@code o/<n>.json}: datasets newest first;</li>
 *   <li>{@code w/<n>.json}, {@code c/<n>.json}: completions by word, and their texts.</li>
 * </ul>
 *
 * <p>The browser segments a query into words, looks them up and scores with these statistics: it
 * analyses no text itself. Deterministic: the same datasets give byte-identical files.
 */
public final class StaticIndexWriter {

    /** The folder the generator writes the index into, in the site. */
    public static final String FOLDER = "search-index";
    /** Format version, raised when the layout changes. */
    public static final int VERSION = 3;

    /** The dictionary holding what a word without a field is searched in. */
    static final String ANY = "any";
    /** Fields of {@link #ANY}: the catch-all and the boosted fields. */
    static final List<String> ANY_FIELDS;

    static {
        List<String> any = new ArrayList<>(List.of(SearchSchema.ALL));
        any.addAll(SearchSchema.BOOSTS.keySet());
        ANY_FIELDS = List.copyOf(any);
    }

    /** About how large a file of terms grows (bytes, before compression); a query fetches one per word. */
    static final int TERM_CHUNK = 48 * 1024;
    /** About how large a file of hit records grows; a page of hits fetches up to one per hit. */
    static final int RECORD_CHUNK = 6 * 1024;
    /** Datasets per file of the newest-first order. */
    static final int ORDER_CHUNK = 4096;
    /** Completions per file of texts. */
    static final int CANDIDATE_CHUNK = 512;
    static final int WORD_CHUNK = 24 * 1024;

    private static final JsonFactory JSON = new JsonFactory();

    private StaticIndexWriter() {
    }

    /**
     * Writes the index of datasets already established to be public: each file's path (under
     * {@link #FOLDER}) and bytes go to {@code files}.
     */
    public static void write(List<Dataset> publicDatasets, DatasetLinks links, BiConsumer<String, byte[]> files) {
        BiConsumer<String, byte[]> out = (path, bytes) -> files.accept(FOLDER + "/" + path, bytes);
        List<Dataset> sorted = publicDatasets.stream().sorted(Comparator.comparing(Dataset::id, SearchSchema.TERM_ORDER)).toList();
        List<SearchableDataset> docs = sorted.stream().map(d -> SearchableDataset.of(d, links)).toList();
        InvertedFields inverted = new InvertedFields();
        for (int i = 0; i < docs.size(); i++) {
            inverted.add(i, docs.get(i));
        }
        inverted.addPlurals();
        Map<String, List<String>> dictionaries = dictionaries(inverted, out);
        List<Integer> recordStarts = records(docs, out);
        int orderFiles = order(sorted, out);
        List<String> parameters = parameters(docs, out);
        StaticFacets facets = new StaticFacets(docs);
        out.accept("facets.json", json(facets::write));
        List<Suggestions.Candidate> candidates = Suggestions.of(sorted);
        List<String> words = suggestions(candidates, out);

        out.accept("index.json", json(g -> {
            g.writeStartObject();
            g.writeNumberField("version", VERSION);
            g.writeNumberField("docs", docs.size());
            g.writeObjectFieldStart("bm25");
            g.writeNumberField("k1", SearchSchema.BM25_K1);
            g.writeNumberField("b", SearchSchema.BM25_B);
            g.writeEndObject();
            // BM25Similarity's table of the document lengths that a norm byte stands for.
            g.writeArrayFieldStart("lengths");
            for (int i = 0; i < 256; i++) {
                g.writeNumber(SmallFloat.byte4ToInt((byte) i));
            }
            g.writeEndArray();
            g.writeObjectFieldStart("fields");
            for (Map.Entry<String, InvertedFields.Field> f : new TreeMap<>(inverted.fields()).entrySet()) {
                g.writeArrayFieldStart(f.getKey());
                g.writeNumber(f.getValue().docCount);
                g.writeNumber(f.getValue().sumTotalTermFreq);
                g.writeEndArray();
            }
            g.writeEndObject();
            g.writeObjectFieldStart("dictionaries");
            for (Map.Entry<String, List<String>> d : dictionaries.entrySet()) {
                writeStrings(g, d.getKey(), d.getValue());
            }
            g.writeEndObject();
            g.writeArrayFieldStart("records");
            for (int start : recordStarts) {
                g.writeNumber(start);
            }
            g.writeEndArray();
            g.writeNumberField("orderChunk", ORDER_CHUNK);
            g.writeNumberField("orderFiles", orderFiles);
            writeStrings(g, "parameters", parameters);
            writeStrings(g, "words", words);
            g.writeNumberField("candidateChunk", CANDIDATE_CHUNK);
            g.writeNumberField("candidates", candidates.size());
            g.writeObjectFieldStart("everything");
            facets.writeEverything(g);
            g.writeEndObject();
            g.writeEndObject();
        }));
        out.accept("schema.json", schema(sorted));
    }

    /** Writes the index into {@code site}/{@value #FOLDER}/, as the build does into a site. */
    public static void write(List<Dataset> publicDatasets, DatasetLinks links, Path site) {
        write(publicDatasets, links, (path, bytes) -> {
            Path file = site.resolve(path);
            try {
                Files.createDirectories(file.getParent());
                Files.write(file, bytes);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write " + file, e);
            }
        });
    }

    /** Which dictionary holds a field's terms: the catch-all and the boosted fields share one. */
    static String dictionaryOf(String field) {
        return ANY_FIELDS.contains(field) ? ANY : field;
    }

    /**
     * The term files of each dictionary; returns each dictionary's first keys. An entry is
     * {@code [key, {"s": term, field: [postings]}]}, where {@code s} (in {@link #ANY} only) is the
     * indexed term of the key when the key is a surface word that is indexed as another string.
     */
    private static Map<String, List<String>> dictionaries(InvertedFields inverted, BiConsumer<String, byte[]> out) {
        // Dictionary → key → the postings of each of its fields that has the key (fields in name order).
        Map<String, Map<String, List<Map.Entry<String, InvertedFields.Postings>>>> byDictionary = new TreeMap<>();
        for (String field : new TreeSet<>(inverted.fields().keySet())) {
            Map<String, List<Map.Entry<String, InvertedFields.Postings>>> keys =
                    byDictionary.computeIfAbsent(dictionaryOf(field), d -> new HashMap<>());
            inverted.terms(field).forEach((term, postings) ->
                    keys.computeIfAbsent(term, k -> new ArrayList<>(2)).add(Map.entry(field, postings)));
        }
        Map<String, String> surfaces = inverted.surfaces();
        Map<String, List<Map.Entry<String, InvertedFields.Postings>>> any = byDictionary.computeIfAbsent(ANY, d -> new HashMap<>());
        surfaces.keySet().forEach(key -> any.computeIfAbsent(key, k -> new ArrayList<>(0)));

        JsonBytes json = new JsonBytes();
        Map<String, List<String>> firstKeys = new TreeMap<>();
        for (Map.Entry<String, Map<String, List<Map.Entry<String, InvertedFields.Postings>>>> d : byDictionary.entrySet()) {
            ChunkedEntries chunks = new ChunkedEntries("t/" + d.getKey() + "/", "p/" + d.getKey() + "/", TERM_CHUNK, out);
            Map<String, String> surfaceOf = d.getKey().equals(ANY) ? surfaces : Map.of();
            // The reader binary-searches first keys with JavaScript's string order, which is String's.
            List<String> keys = new ArrayList<>(d.getValue().keySet());
            keys.sort(null);
            for (String key : keys) {
                List<Map.Entry<String, InvertedFields.Postings>> fields = d.getValue().get(key);
                String surface = surfaceOf.get(key);
                byte[] entry = json.write(g -> termEntry(g, key, surface, fields, p -> p.docs));
                byte[] positions = fields.isEmpty() ? null : json.write(g -> termEntry(g, key, null, fields, p -> p.positions));
                chunks.add(key, entry, positions);
            }
            firstKeys.put(d.getKey(), chunks.finish());
        }
        return firstKeys;
    }

    /** {@code [key, {"s": surface, field: ints, …}]}, the ints of each field's postings that {@code part} picks. */
    private static void termEntry(JsonGenerator g, String key, String surface, List<Map.Entry<String, InvertedFields.Postings>> fields,
                                  Function<InvertedFields.Postings, InvertedFields.IntBuffer> part) throws IOException {
        g.writeStartArray();
        g.writeString(key);
        g.writeStartObject();
        if (surface != null) {
            g.writeStringField("s", surface);
        }
        for (Map.Entry<String, InvertedFields.Postings> p : fields) {
            int[] ints = part.apply(p.getValue()).toArray();
            g.writeFieldName(p.getKey());
            g.writeArray(ints, 0, ints.length);
        }
        g.writeEndObject();
        g.writeEndArray();
    }

    /**
     * What each hit shows, in files of consecutive datasets: {@code [id, title, url, thumbnail,
     * technique, facility, released, description, tokens, terms]}, where tokens are the
     * description's words as the analyzer finds them (gap from the previous word's end, length)
     * and terms their indexed terms where these are not the word in lower case, by word number:
     * snippets mark the words a query matched without analysing the text. Returns the first
     * dataset of each file.
     */
    private static List<Integer> records(List<SearchableDataset> docs, BiConsumer<String, byte[]> out) {
        ChunkedEntries chunks = new ChunkedEntries("r/", null, RECORD_CHUNK, out);
        JsonBytes json = new JsonBytes();
        List<Integer> starts = new ArrayList<>();
        int before = 0;
        for (int d = 0; d < docs.size(); d++) {
            HitFields hit = HitFields.of(docs.get(d));
            String description = hit.description();
            List<InvertedFields.Token> tokens = InvertedFields.tokens(SearchSchema.DESCRIPTION, description);
            byte[] entry = json.write(g -> {
                g.writeStartArray();
                for (String v : new String[]{hit.id(), hit.title(), hit.url(), hit.thumbnail(), hit.technique(),
                        hit.facility(), hit.released(), description}) {
                    g.writeString(v);
                }
                g.writeStartArray();
                int end = 0;
                for (InvertedFields.Token t : tokens) {
                    g.writeNumber(t.start() - end);
                    g.writeNumber(t.end() - t.start());
                    end = t.end();
                }
                g.writeEndArray();
                g.writeStartObject();
                for (int i = 0; i < tokens.size(); i++) {
                    InvertedFields.Token t = tokens.get(i);
                    if (!description.substring(t.start(), t.end()).toLowerCase(Locale.ROOT).equals(t.term())) {
                        g.writeStringField(Integer.toString(i), t.term());
                    }
                }
                g.writeEndObject();
                g.writeEndArray();
            });
            chunks.add(Integer.toString(d), entry);
            int files = chunks.fileCount();
            if (files > before) {
                starts.add(d);
                before = files;
            }
        }
        chunks.finish();
        return starts;
    }

    /**
     * The datasets newest first, then by id (the API's order without a query), as dataset
     * numbers in files of {@value #ORDER_CHUNK}; returns the number of files.
     */
    private static int order(List<Dataset> sorted, BiConsumer<String, byte[]> out) {
        long[] day = sorted.stream().mapToLong(d -> d.released() == null ? LocalDate.MIN.toEpochDay() : d.released().toEpochDay()).toArray();
        // Index order is id order, so of equal days the smaller number comes first.
        int[] newest = IntStream.range(0, sorted.size()).boxed()
                .sorted(Comparator.comparingLong((Integer d) -> -day[d]).thenComparingInt(d -> d))
                .mapToInt(Integer::intValue).toArray();
        int files = 0;
        for (int from = 0; from < newest.length; from += ORDER_CHUNK) {
            int to = Math.min(newest.length, from + ORDER_CHUNK);
            int[] part = Arrays.copyOfRange(newest, from, to);
            out.accept("o/" + files++ + ".json", json(g -> g.writeArray(part, 0, part.length)));
        }
        return files;
    }

    /**
     * Each parameter's values in SI, one file each ({@code [doc gap, value, …]}, datasets in
     * index order, a dataset with several values repeated with gap 0); returns the parameter
     * names, whose place in the list numbers their files.
     */
    private static List<String> parameters(List<SearchableDataset> docs, BiConsumer<String, byte[]> out) {
        Set<String> names = new TreeSet<>();
        docs.forEach(d -> names.addAll(d.parameters().keySet()));
        List<String> list = List.copyOf(names);
        for (int i = 0; i < list.size(); i++) {
            String name = list.get(i);
            out.accept("v/" + i + ".json", json(g -> {
                g.writeStartArray();
                int last = 0;
                for (int d = 0; d < docs.size(); d++) {
                    for (double v : docs.get(d).parameters().getOrDefault(name, List.of())) {
                        g.writeNumber(d - last);
                        g.writeNumber(v);
                        last = d;
                    }
                }
                g.writeEndArray();
            }));
        }
        return list;
    }

    /**
     * Completions: files of their texts by rank ({@code [text, kind, folded]}), and a dictionary
     * of the folded words they are made of ({@code [word, [ranks of texts that start with it],
     * [ranks of texts where it follows a space or hyphen]]}); returns the dictionary's first keys.
     */
    private static List<String> suggestions(List<Suggestions.Candidate> candidates, BiConsumer<String, byte[]> out) {
        Map<String, List<Integer>> starts = new TreeMap<>();
        Map<String, List<Integer>> inner = new TreeMap<>();
        for (int rank = 0; rank < candidates.size(); rank++) {
            String folded = candidates.get(rank).folded();
            int start = 0;
            for (int i = 0; i <= folded.length(); i++) {
                if (i == folded.length() || folded.charAt(i) == ' ' || folded.charAt(i) == '-') {
                    if (i > start) {
                        List<Integer> ranks = (start == 0 ? starts : inner).computeIfAbsent(folded.substring(start, i), k -> new ArrayList<>());
                        if (ranks.isEmpty() || ranks.get(ranks.size() - 1) != rank) {
                            ranks.add(rank);
                        }
                    }
                    start = i + 1;
                }
            }
        }
        for (int from = 0; from < candidates.size(); from += CANDIDATE_CHUNK) {
            List<Suggestions.Candidate> part = candidates.subList(from, Math.min(candidates.size(), from + CANDIDATE_CHUNK));
            out.accept("c/" + from / CANDIDATE_CHUNK + ".json", json(g -> {
                g.writeStartArray();
                for (Suggestions.Candidate c : part) {
                    g.writeStartArray();
                    g.writeString(c.text());
                    g.writeString(c.kind());
                    g.writeString(c.folded());
                    g.writeEndArray();
                }
                g.writeEndArray();
            }));
        }
        Set<String> words = new TreeSet<>(starts.keySet());
        words.addAll(inner.keySet());
        ChunkedEntries chunks = new ChunkedEntries("w/", null, WORD_CHUNK, out);
        JsonBytes json = new JsonBytes();
        for (String word : words) {
            chunks.add(word, json.write(g -> {
                g.writeStartArray();
                g.writeString(word);
                writeInts(g, starts.getOrDefault(word, List.of()));
                writeInts(g, inner.getOrDefault(word, List.of()));
                g.writeEndArray();
            }));
        }
        return chunks.finish();
    }

    /**
     * What the search page needs in any mode: the query fields, the facets with their labels, the
     * units a parameter range may use, and each well-known parameter the collection has.
     */
    private static byte[] schema(List<Dataset> datasets) {
        // Per parameter, how many datasets have it, and the unit curators write it in most.
        Map<String, Integer> present = new TreeMap<>();
        Map<String, Map<String, Integer>> units = new TreeMap<>();
        for (Dataset d : datasets) {
            Set<String> names = new TreeSet<>();
            for (Parameter p : d.parameters()) {
                String name = p.name().toLowerCase(Locale.ROOT);
                UnitTable.find(p.unit()).ifPresent(u -> {
                    names.add(name);
                    units.computeIfAbsent(name, k -> new TreeMap<>()).merge(u.symbol(), 1, Integer::sum);
                });
            }
            names.forEach(n -> present.merge(n, 1, Integer::sum));
        }
        return json(g -> {
            g.writeStartObject();
            g.writeNumberField("version", VERSION);
            writeStrings(g, "fields", SearchSchema.FIELDS);
            g.writeStringField("all", SearchSchema.ALL);
            writeStrings(g, "exact", List.copyOf(new TreeSet<>(SearchSchema.EXACT_FIELDS)));
            g.writeObjectFieldStart("boosts");
            for (Map.Entry<String, Float> b : SearchSchema.BOOSTS.entrySet()) {
                g.writeNumberField(b.getKey(), b.getValue());
            }
            g.writeEndObject();
            g.writeArrayFieldStart("facets");
            for (Facet f : SearchSchema.FACETS) {
                g.writeStartObject();
                g.writeStringField("name", f.name());
                g.writeStringField("label", f.label());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeNumberField("facetValues", SearchSchema.FACET_VALUES);
            g.writeNumberField("maxExpansions", SearchSchema.MAX_EXPANSIONS);
            g.writeNumberField("maxPageSize", SearchSchema.MAX_PAGE_SIZE);
            // Factors and offsets as decimals: a bound is converted exactly, then rounded once, as on the server.
            g.writeObjectFieldStart("units");
            for (Map.Entry<String, UnitTable.Unit> e : UnitTable.units().entrySet()) {
                g.writeArrayFieldStart(e.getKey());
                g.writeString(e.getValue().factor().toString());
                g.writeString(e.getValue().offset().toString());
                g.writeString(e.getValue().quantity().siUnit());
                g.writeEndArray();
            }
            g.writeEndObject();
            g.writeArrayFieldStart("parameters");
            for (Map.Entry<String, UnitTable.Quantity> e : UnitTable.parameterQuantities().entrySet()) {
                g.writeStartObject();
                g.writeStringField("name", e.getKey());
                g.writeStringField("measures", e.getValue().noun());
                g.writeStringField("si", e.getValue().siUnit());
                List<String> symbols = UnitTable.symbolsOf(e.getValue());
                writeStrings(g, "units", symbols);
                Map<String, Integer> used = units.getOrDefault(e.getKey(), Map.of());
                g.writeStringField("unit", used.entrySet().stream().max(Map.Entry.<String, Integer>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder()))).map(Map.Entry::getKey)
                        .filter(symbols::contains).orElse(symbols.get(0)));
                g.writeNumberField("datasets", present.getOrDefault(e.getKey(), 0));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private interface JsonWriting {
        void write(JsonGenerator g) throws IOException;
    }

    /** Writes many small JSON values with one generator: making one per value costs more than the value. */
    private static final class JsonBytes {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        private final JsonGenerator generator;

        JsonBytes() {
            try {
                generator = JSON.createGenerator(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException("writing JSON to memory cannot fail", e);
            }
            generator.setRootValueSeparator(null);
        }

        byte[] write(JsonWriting writing) {
            try {
                writing.write(generator);
                generator.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("writing JSON to memory cannot fail", e);
            }
            byte[] out = bytes.toByteArray();
            bytes.reset();
            return out;
        }
    }

    /** What {@code writing} writes, as UTF-8 JSON. */
    static byte[] json(JsonWriting writing) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(bytes)) {
            writing.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    private static void writeStrings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static void writeInts(JsonGenerator g, List<Integer> values) throws IOException {
        g.writeStartArray();
        for (int v : values) {
            g.writeNumber(v);
        }
        g.writeEndArray();
    }
}
