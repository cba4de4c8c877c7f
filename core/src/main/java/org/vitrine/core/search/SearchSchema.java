package org.vitrine.core.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.facet.FacetsConfig;

import java.text.Normalizer;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The search schema, shared by both index writers and the API's searcher: field names, the
 * boosts, facet dimensions and analyzers.
 */
public final class SearchSchema {

    public static final String ID = "id";
    public static final String TITLE = "title";
    public static final String DESCRIPTION = "description";
    public static final String AUTHOR = "author";
    public static final String ORCID = "orcid";
    public static final String DOI = "doi";
    public static final String KEYWORD = "keyword";
    public static final String TECHNIQUE = "technique";
    public static final String FACILITY = "facility";
    public static final String INSTRUMENT = "instrument";
    public static final String SAMPLE = "sample";
    public static final String LICENSE = "license";
    public static final String YEAR = "year";
    public static final String FORMAT = "format";

    /** The id as one exact, stored token, for look-ups by id. */
    public static final String ID_KEY = "id_key";
    /**
     * Prefix of the fields a facet filter matches: {@code filter.technique} holds the keys
     * ({@link Facet#filterKeys}) of a dataset's techniques, their ancestors and PaNET ids.
     */
    public static final String FILTER_PREFIX = "filter.";
    /**
     * How facet values are spelled: sorted-set doc values "dimension\u001Fkey\u001Fspelling" of
     * each value a dataset has itself (not the broader ones it also counts under).
     */
    public static final String FACET_SPELLING = "facet_spelling";
    /** Release date as epoch day, for sorting. */
    public static final String RELEASED = "released";
    /** What a hit shows ({@link HitFields}), a binary doc value. */
    public static final String HIT = "hit";
    /** The dataset's JSON record ({@link DatasetJson}), stored. */
    public static final String RECORD = "record";
    /** Suggestion sources: "kind\u001Ftext" sorted-set doc values. */
    public static final String SUGGEST = "suggest";
    /** Prefix of the point fields holding parameters in SI: {@code param.photon_energy}. */
    public static final String PARAM_PREFIX = "param.";

    /**
     * Every searchable text of a dataset, analysed as words (identifiers too): what each word of
     * a query that names no field must match. One field to match instead of one per kind of text
     * keeps a word one term look-up and one list of documents.
     */
    public static final String ALL = "all";

    /**
     * Fields whose matches add to the score of a word that names no field, with their weights:
     * a match in a title or keyword says more than one in a description. (Every match already
     * counts once through {@link #ALL}.)
     */
    public static final Map<String, Float> BOOSTS;

    static {
        Map<String, Float> m = new LinkedHashMap<>();
        m.put(ID, 5f);
        m.put(TITLE, 4f);
        m.put(KEYWORD, 2f);
        BOOSTS = Collections.unmodifiableMap(m);
    }

    /** Every field a query may name ({@code title:ptychography}), in a stable order. */
    public static final List<String> FIELDS = List.of(ID, TITLE, KEYWORD, TECHNIQUE, SAMPLE, DESCRIPTION, AUTHOR,
            FACILITY, INSTRUMENT, YEAR, DOI, ORCID, LICENSE, FORMAT);

    /** Fields indexed as one lower-cased token rather than words. */
    public static final Set<String> EXACT_FIELDS = Set.of(ID, ORCID, DOI, YEAR);

    /** The facets, in the order results list them; their names are the filter parameters. */
    public static final List<Facet> FACETS = List.of(
            new Facet(TECHNIQUE, "Technique", d -> d.technique() == null ? List.of()
                    : List.of(new Facet.Value(d.technique().label(), d.technique().ancestors(),
                    Stream.concat(Stream.of(d.technique().id()), d.technique().ancestorIds().stream()).toList()))),
            Facet.of(FACILITY, "Facility", d -> Collections.singletonList(d.facility())),
            Facet.of(INSTRUMENT, "Instrument", d -> Collections.singletonList(d.instrument())),
            Facet.of(SAMPLE, "Sample", d -> Collections.singletonList(d.sample() == null ? null : d.sample().name())),
            Facet.of(KEYWORD, "Keyword", d -> List.copyOf(new TreeSet<>(d.keywords()))),
            Facet.of(LICENSE, "Licence", d -> Collections.singletonList(d.license())),
            Facet.of(YEAR, "Year", d -> Collections.singletonList(d.released() == null ? null : Integer.toString(d.released().getYear()))));

    /** The facet names, in {@link #FACETS} order. */
    public static final List<String> FACET_NAMES = FACETS.stream().map(Facet::name).toList();

    /** How many values of one facet a result lists unless asked for all of them. */
    public static final int FACET_VALUES = 20;

    /** Most index terms one prefix, wildcard or fuzzy term expands to (the first ones in term order). */
    public static final int MAX_EXPANSIONS = 64;

    /** Largest page of hits a search answers. */
    public static final int MAX_PAGE_SIZE = 100;

    /** BM25 parameters (Lucene's defaults, repeated for the browser search). */
    public static final float BM25_K1 = 1.2f;
    public static final float BM25_B = 0.75f;

    /**
     * The order of index terms and of ids in the index: by code point, as Lucene compares UTF-8
     * bytes (String's own order puts a character above U+FFFF before U+E000…U+FFFF).
     */
    public static final Comparator<String> TERM_ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    };

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private SearchSchema() {
    }

    /**
     * What completions compare: lower case, accents removed. Suggestions match a typed prefix
     * against titles, samples and techniques folded so.
     */
    public static String fold(String s) {
        return MARKS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("").toLowerCase(Locale.ROOT);
    }

    /** The facets configuration: a dataset may count under several values of any facet (broader ones too). */
    public static FacetsConfig facetsConfig() {
        FacetsConfig config = new FacetsConfig();
        FACET_NAMES.forEach(name -> config.setMultiValued(name, true));
        return config;
    }

    /** {@link #analyzer()}, shared: analyzers are thread-safe and keep per-thread token streams. */
    public static final Analyzer ANALYZER = analyzer();

    /** The analyzer of every field: words for text fields, one token for {@link #EXACT_FIELDS}. */
    public static Analyzer analyzer() {
        Map<String, Analyzer> exact = new LinkedHashMap<>();
        Analyzer keyword = new ExactAnalyzer();
        for (String f : EXACT_FIELDS) {
            exact.put(f, keyword);
        }
        return new PerFieldAnalyzerWrapper(new TextAnalyzer(), exact);
    }

    /** Unicode words, lower case, accents folded, English plurals reduced. */
    static final class TextAnalyzer extends Analyzer {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            StandardTokenizer tokenizer = new StandardTokenizer();
            TokenStream stream = new LowerCaseFilter(tokenizer);
            stream = new ASCIIFoldingFilter(stream);
            stream = new EnglishMinimalStemFilter(stream);
            return new TokenStreamComponents(tokenizer, stream);
        }

        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
            return new ASCIIFoldingFilter(new LowerCaseFilter(in));
        }
    }

    /** The whole value as one lower-cased token. */
    static final class ExactAnalyzer extends Analyzer {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            KeywordTokenizer tokenizer = new KeywordTokenizer();
            return new TokenStreamComponents(tokenizer, new LowerCaseFilter(tokenizer));
        }

        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
            return new LowerCaseFilter(in);
        }
    }
}
