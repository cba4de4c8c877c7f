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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

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
 * in index order (ids in {@link SearchSchema#ID_ORDER}), as numbers 0, 1, 2, …
 */
final class InvertedFields {

    /** One field's postings and statistics. */
    static final class Field {
        /** Postings of each term: per document the gap from the previous document, the frequency and the length norm. */
        final Map<String, Postings> terms = new HashMap<>();
        int docCount;
        long sumTotalTermFreq;
    }

    /** The documents of one term of one field, as variable-length ints. */
    static final class Postings {
        final IntBuffer docs = new IntBuffer();
        /** Per document, the gaps between the positions of the term. */
        final IntBuffer positions = new IntBuffer();
        int docFreq;
        private int lastDoc;
    }

    private final Map<String, Field> fields = new LinkedHashMap<>();
    /** Surface word key to indexed term, where they differ. */
    private final Map<String, String> surfaces = new TreeMap<>();

    /** The fields in the order they were first seen. */
    Map<String, Field> fields() {
        return fields;
    }

    /** Lower-case surface words whose indexed term is another string, with that term. */
    Map<String, String> surfaces() {
        return surfaces;
    }

    /** Adds dataset number {@code doc}, which must be one more than the last. */
    void add(int doc, SearchableDataset s) {
        Map<String, DocField> inDoc = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : s.text().entrySet()) {
            String field = e.getKey();
            boolean words = !SearchSchema.EXACT_FIELDS.contains(field);
            for (String value : e.getValue()) {
                // As SearchIndexWriter.document: each value under its field, then under ALL.
                List<Token> tokens = analyse(field, value, words);
                inDoc.computeIfAbsent(field, f -> new DocField()).add(tokens);
                inDoc.computeIfAbsent(SearchSchema.ALL, f -> new DocField()).add(words ? tokens : analyse(SearchSchema.ALL, value, true));
            }
        }
        for (Map.Entry<String, DocField> e : inDoc.entrySet()) {
            DocField d = e.getValue();
            if (d.length == 0) {
                continue;
            }
            Field field = fields.computeIfAbsent(e.getKey(), f -> new Field());
            field.docCount++;
            field.sumTotalTermFreq += d.length;
            // BM25Similarity.computeNorm: no token of ours overlaps another, so the length is the token count.
            int norm = SmallFloat.intToByte4(d.length) & 0xFF;
            for (Map.Entry<String, int[]> t : d.positions.entrySet()) {
                Postings p = field.terms.computeIfAbsent(t.getKey(), k -> new Postings());
                int[] positions = t.getValue();
                int freq = positions[0];
                p.docs.add(p.docFreq == 0 ? doc : doc - p.lastDoc);
                p.docs.add(freq);
                p.docs.add(norm);
                int last = 0;
                for (int i = 1; i <= freq; i++) {
                    p.positions.add(positions[i] - last);
                    last = positions[i];
                }
                p.lastDoc = doc;
                p.docFreq++;
            }
        }
    }

    /**
     * Adds to the surface words the plurals of the catch-all field's English words that the
     * collection does not write ("detectors" where only "detector" occurs), each checked by the
     * analyzer: the API finds such a word through its stemmer, and the static index through this.
     */
    void addPlurals() {
        Field all = fields.get(SearchSchema.ALL);
        if (all == null) {
            return;
        }
        for (String term : new TreeMap<>(all.terms).keySet()) {
            if (!ENGLISH_WORD.matcher(term).matches()) {
                continue;
            }
            List<String> forms = new ArrayList<>(List.of(term + "s", term + "es"));
            if (term.endsWith("y")) {
                forms.add(term.substring(0, term.length() - 1) + "ies");
            }
            for (String form : forms) {
                if (surfaces.containsKey(form) || all.terms.containsKey(form)) {
                    continue;
                }
                List<Token> tokens = tokens(SearchSchema.ALL, form);
                if (tokens.size() == 1 && tokens.get(0).term().equals(term)) {
                    surfaces.put(form, term);
                }
            }
        }
    }

    private static final java.util.regex.Pattern ENGLISH_WORD = java.util.regex.Pattern.compile("[a-z]{3,}");

    /** A token: its term, position increment and where it is in the value. */
    record Token(String term, int increment, int start, int end) {
    }

    /**
     * The tokens of {@code value} analysed for {@code field}; for words, the surface forms whose
     * term differs from their lower case are recorded.
     */
    private List<Token> analyse(String field, String value, boolean words) {
        List<Token> tokens = tokens(field, value);
        if (words) {
            for (Token t : tokens) {
                String key = value.substring(t.start(), t.end()).toLowerCase(Locale.ROOT);
                if (!key.equals(t.term())) {
                    // One key, two terms ("ΟΔΟΣ" and "οδος" lower-case alike but fold apart): the smaller, always.
                    surfaces.merge(key, t.term(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
                }
            }
        }
        return tokens;
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

    /** One field of the document being added: positions of each term, and the length so far. */
    private static final class DocField {
        /** Per term, the count of its positions then the positions. */
        final Map<String, int[]> positions = new LinkedHashMap<>();
        /** Position of the last token; values of a field follow one another without a gap, as in Lucene. */
        int position = -1;
        int length;

        void add(List<Token> tokens) {
            for (Token t : tokens) {
                position += t.increment();
                length++;
                int[] p = positions.getOrDefault(t.term(), new int[2]);
                p = ArrayUtil.grow(p, p[0] + 2);
                p[++p[0]] = position;
                positions.put(t.term(), p);
            }
        }
    }

    /** A growable list of non-negative ints kept as variable-length bytes: postings of a large collection are many. */
    static final class IntBuffer {
        private byte[] bytes = new byte[8];
        private int length;
        private int size;

        void add(int v) {
            bytes = ArrayUtil.grow(bytes, length + 5);
            while ((v & ~0x7F) != 0) {
                bytes[length++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            bytes[length++] = (byte) v;
            size++;
        }

        int size() {
            return size;
        }

        /** The ints in order (decoded on each call: read them once). */
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
