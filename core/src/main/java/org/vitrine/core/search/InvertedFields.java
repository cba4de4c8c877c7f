package org.vitrine.core.search;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.util.ArrayUtil;
import org.apache.lucene.util.SmallFloat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The inverted fields of a collection as the Lucene index holds them: each dataset's values
 * analysed by {@link SearchSchema#ANALYZER} under its field and under {@link SearchSchema#ALL},
 * in the order and with the positions, frequencies, length norms and statistics that
 * {@link SearchIndexWriter}'s documents give Lucene. The static index is written from this, so
 * the browser scores with Lucene's statistics and never analyses text itself.
 *
 * <p>It also records how each word of the collection, as written, is indexed: the key of a
 * surface word is its lower-case form, and where the indexed term differs from it ("Detectors":
 * "detector", "Résumé": "resume") the static index maps one to the other. Datasets must be added
 * in index order (ids in {@link SearchSchema#TERM_ORDER}), as numbers 0, 1, 2, …
 */
final class InvertedFields {

    /** Values up to this long are analysed once however many datasets repeat them (techniques, names, keywords). */
    private static final int CACHED_VALUE = 256;
    private static final int CACHE_SIZE = 50_000;
    private static final Pattern ENGLISH_WORD = Pattern.compile("[a-z]{3,}");

    /** One field's postings and statistics. */
    static final class Field {
        /** Postings by term number; null for a term the field does not have. */
        private Postings[] postings = new Postings[256];
        int docCount;
        long sumTotalTermFreq;
    }

    /** The documents of one term of one field, as variable-length ints. */
    static final class Postings {
        /** Per document the gap from the previous document, the frequency and the length norm. */
        final IntBuffer docs = new IntBuffer();
        /** Per document, the gaps between the positions of the term. */
        final IntBuffer positions = new IntBuffer();
        int docFreq;
        private int lastDoc;
    }

    /** A value's analysis: term numbers and position increments. */
    private record Analysed(int[] terms, int[] increments) {
    }

    /** Every field a dataset's text is indexed under: the query fields and the catch-all. */
    private static final List<String> FIELD_NAMES;
    private static final int ALL;

    static {
        List<String> names = new ArrayList<>(SearchSchema.FIELDS);
        names.add(SearchSchema.ALL);
        FIELD_NAMES = List.copyOf(names);
        ALL = names.indexOf(SearchSchema.ALL);
    }

    private final Map<String, Integer> termNumbers = new HashMap<>();
    private final List<String> terms = new ArrayList<>();
    private final Field[] fields = new Field[FIELD_NAMES.size()];
    /** Surface word key to indexed term, where they differ. */
    private final Map<String, String> surfaces = new TreeMap<>();
    private final Map<String, Analysed> wordsCache = new HashMap<>();
    private final Map<String, Analysed> exactCache = new HashMap<>();
    /** The document being added: per field, (term number, position) pairs packed in longs, their count and the last position. */
    private final long[][] pairs = new long[FIELD_NAMES.size()][16];
    private final int[] tokens = new int[FIELD_NAMES.size()];
    private final int[] position = new int[FIELD_NAMES.size()];

    /** The fields some dataset has, by name. */
    Map<String, Field> fields() {
        Map<String, Field> out = new LinkedHashMap<>();
        for (int f = 0; f < fields.length; f++) {
            if (fields[f] != null) {
                out.put(FIELD_NAMES.get(f), fields[f]);
            }
        }
        return out;
    }

    /** A field's terms with their postings. */
    Map<String, Postings> terms(String field) {
        Map<String, Postings> out = new HashMap<>();
        Postings[] all = fields[FIELD_NAMES.indexOf(field)].postings;
        for (int t = 0; t < all.length; t++) {
            if (all[t] != null) {
                out.put(terms.get(t), all[t]);
            }
        }
        return out;
    }

    /** Lower-case surface words whose indexed term is another string, with that term. */
    Map<String, String> surfaces() {
        return surfaces;
    }

    /** Adds dataset number {@code doc}, which must be one more than the last. */
    void add(int doc, SearchableDataset s) {
        Arrays.fill(tokens, 0);
        Arrays.fill(position, -1);
        for (Map.Entry<String, List<String>> e : s.text().entrySet()) {
            int field = FIELD_NAMES.indexOf(e.getKey());
            boolean words = !SearchSchema.EXACT_FIELDS.contains(e.getKey());
            for (String value : e.getValue()) {
                // As SearchIndexWriter.document: each value under its field, then under ALL.
                Analysed a = analyse(e.getKey(), value, words);
                append(field, a);
                append(ALL, words ? a : analyse(SearchSchema.ALL, value, true));
            }
        }
        for (int f = 0; f < fields.length; f++) {
            int length = tokens[f];
            if (length == 0) {
                continue;
            }
            Field field = fields[f] == null ? fields[f] = new Field() : fields[f];
            field.docCount++;
            field.sumTotalTermFreq += length;
            // BM25Similarity.computeNorm: no token of ours overlaps another, so the length is the token count.
            int norm = SmallFloat.intToByte4(length) & 0xFF;
            long[] p = pairs[f];
            Arrays.sort(p, 0, length); // by term, then position
            for (int i = 0; i < length; ) {
                int term = (int) (p[i] >>> 32);
                int end = i + 1;
                while (end < length && (int) (p[end] >>> 32) == term) {
                    end++;
                }
                if (term >= field.postings.length) {
                    field.postings = Arrays.copyOf(field.postings, ArrayUtil.oversize(term + 1, 8));
                }
                Postings postings = field.postings[term];
                if (postings == null) {
                    postings = field.postings[term] = new Postings();
                }
                postings.docs.add(postings.docFreq == 0 ? doc : doc - postings.lastDoc);
                postings.docs.add(end - i);
                postings.docs.add(norm);
                int last = 0;
                for (int k = i; k < end; k++) {
                    int at = (int) p[k];
                    postings.positions.add(at - last);
                    last = at;
                }
                postings.lastDoc = doc;
                postings.docFreq++;
                i = end;
            }
        }
    }

    /** Appends a value's tokens to the document's field; values of a field follow one another without a gap, as in Lucene. */
    private void append(int field, Analysed a) {
        int[] numbers = a.terms();
        if (tokens[field] + numbers.length > pairs[field].length) {
            pairs[field] = Arrays.copyOf(pairs[field], ArrayUtil.oversize(tokens[field] + numbers.length, 8));
        }
        long[] p = pairs[field];
        for (int i = 0; i < numbers.length; i++) {
            position[field] += a.increments()[i];
            p[tokens[field]++] = ((long) numbers[i] << 32) | position[field];
        }
    }

    /** A value analysed for a field (as words, or as one exact token), recording its surface words. */
    private Analysed analyse(String field, String value, boolean words) {
        Map<String, Analysed> cache = words ? wordsCache : exactCache;
        boolean cached = value.length() <= CACHED_VALUE;
        Analysed a = cached ? cache.get(value) : null;
        if (a == null) {
            List<Token> tokens = tokens(field, value);
            int[] numbers = new int[tokens.size()];
            int[] increments = new int[tokens.size()];
            for (int i = 0; i < numbers.length; i++) {
                Token t = tokens.get(i);
                numbers[i] = number(t.term());
                increments[i] = t.increment();
                if (words) {
                    surface(value, t);
                }
            }
            a = new Analysed(numbers, increments);
            if (cached) {
                if (cache.size() >= CACHE_SIZE) {
                    cache.clear();
                }
                cache.put(value, a);
            }
        }
        return a;
    }

    private int number(String term) {
        Integer n = termNumbers.get(term);
        if (n == null) {
            n = terms.size();
            termNumbers.put(term, n);
            terms.add(term);
        }
        return n;
    }

    /** Records the word as written where its lower case is not its term. */
    private void surface(String value, Token t) {
        int length = t.end() - t.start();
        if (length == t.term().length() && value.regionMatches(t.start(), t.term(), 0, length)) {
            return; // written in lower case as indexed
        }
        String key = value.substring(t.start(), t.end()).toLowerCase(Locale.ROOT);
        if (!key.equals(t.term())) {
            // One key, two terms ("ΟΔΟΣ" and "οδος" lower-case alike but fold apart): the smaller, always.
            surfaces.merge(key, t.term(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
        }
    }

    /**
     * Adds to the surface words the plurals of the catch-all field's English words that the
     * collection does not write ("detectors" where only "detector" occurs), each checked by the
     * analyzer: the API finds such a word through its stemmer, and the static index through this.
     */
    void addPlurals() {
        Field all = fields[ALL];
        if (all == null) {
            return;
        }
        for (int n = 0; n < all.postings.length; n++) {
            if (all.postings[n] == null || !ENGLISH_WORD.matcher(terms.get(n)).matches()) {
                continue;
            }
            String term = terms.get(n);
            List<String> forms = new ArrayList<>(List.of(term + "s", term + "es"));
            if (term.endsWith("y")) {
                forms.add(term.substring(0, term.length() - 1) + "ies");
            }
            for (String form : forms) {
                Integer existing = termNumbers.get(form);
                if (surfaces.containsKey(form) || (existing != null && existing < all.postings.length && all.postings[existing] != null)) {
                    continue;
                }
                List<Token> tokens = tokens(SearchSchema.ALL, form);
                if (tokens.size() == 1 && tokens.get(0).term().equals(term)) {
                    surfaces.put(form, term);
                }
            }
        }
    }

    /** A token: its term, position increment and where it is in the value. */
    record Token(String term, int increment, int start, int end) {
    }

    /** The tokens the schema's analyzer gives {@code value} in {@code field}. */
    static List<Token> tokens(String field, String value) {
        List<Token> out = new ArrayList<>();
        try (TokenStream ts = SearchSchema.ANALYZER.tokenStream(field, value)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = ts.addAttribute(PositionIncrementAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(new Token(term.toString(), increment.getPositionIncrement(), offset.startOffset(), offset.endOffset()));
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a string is never unreadable
        }
        return out;
    }

    /** A growable list of non-negative ints kept as variable-length bytes: postings of a large collection are many. */
    static final class IntBuffer {
        private byte[] bytes = new byte[6];
        private int length;
        private int size;

        void add(int v) {
            if (length + 5 > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + 5));
            }
            while ((v & ~0x7F) != 0) {
                bytes[length++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            bytes[length++] = (byte) v;
            size++;
        }

        /** The ints in order. */
        int[] toArray() {
            int[] out = new int[size];
            int at = 0;
            for (int i = 0; i < size; i++) {
                int v = 0;
                int shift = 0;
                byte b;
                do {
                    b = bytes[at++];
                    v |= (b & 0x7F) << shift;
                    shift += 7;
                } while (b < 0);
                out[i] = v;
            }
            return out;
        }
    }
}
