package org.vitrine.api.search;

import org.vitrine.core.search.SearchSchema;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.automaton.ByteRunAutomaton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Makes the snippet of a hit: about {@value #LENGTH} characters of its description around the
 * first word the query matches there (from the start of that sentence when it is near), HTML
 * escaped, with matched words in {@code <mark>}; the description's opening when nothing matches.
 * {@code search.js} cuts snippets from the static index the same way.
 *
 * <p>Lucene's UnifiedHighlighter scores every sentence of every hit, which cost more than the
 * search itself here; a hit list needs one passage, found by one pass over the text.
 */
final class Snippets {

    static final int LENGTH = 200;

    private final Set<String> terms = new HashSet<>();
    private final List<ByteRunAutomaton> patterns = new ArrayList<>();

    /** @param query the parsed query; only its terms on the description (or on every text) are marked */
    Snippets(Query query) {
        query.visit(new QueryVisitor() {
            @Override
            public boolean acceptField(String field) {
                // Words without a field are matched in ALL, which holds the description.
                return SearchSchema.DESCRIPTION.equals(field) || SearchSchema.ALL.equals(field);
            }

            @Override
            public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
                return occur == BooleanClause.Occur.MUST_NOT ? EMPTY_VISITOR : this;
            }

            @Override
            public void consumeTerms(Query query, Term... queryTerms) {
                for (Term t : queryTerms) {
                    terms.add(t.text());
                }
            }

            @Override
            public void consumeTermsMatching(Query query, String field, Supplier<ByteRunAutomaton> automaton) {
                patterns.add(automaton.get());
            }
        });
    }

    private boolean matches(String term) {
        if (terms.contains(term)) {
            return true;
        }
        if (!patterns.isEmpty()) {
            BytesRef b = new BytesRef(term);
            for (ByteRunAutomaton a : patterns) {
                if (a.run(b.bytes, b.offset, b.length)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * False only when no word of {@code text} can match: with plain terms only and ASCII text,
     * every matching word holds its term, less the last letter (plurals are reduced: "batteries"
     * to "battery"), in lower case. Most hits then skip the analysis.
     */
    private boolean mayMatch(String text) {
        if (!patterns.isEmpty()) {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return true;
            }
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (String t : terms) {
            if (lower.contains(t.length() > 1 ? t.substring(0, t.length() - 1) : t)) {
                return true;
            }
        }
        return false;
    }

    /** The snippet of {@code text} as HTML. */
    String of(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        List<int[]> marks = new ArrayList<>();
        if ((!terms.isEmpty() || !patterns.isEmpty()) && mayMatch(text)) {
            try (TokenStream ts = SearchSchema.ANALYZER.tokenStream(SearchSchema.DESCRIPTION, text)) {
                CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
                OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
                ts.reset();
                while (ts.incrementToken()) {
                    // The snippet ends at most LENGTH characters after the first match: stop there.
                    if (!marks.isEmpty() && offset.startOffset() >= marks.get(0)[0] + LENGTH) {
                        break;
                    }
                    if (matches(term.toString())) {
                        marks.add(new int[]{offset.startOffset(), offset.endOffset()});
                    }
                }
                ts.end();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        int start = 0;
        if (!marks.isEmpty()) {
            int first = marks.get(0)[0];
            int stop = text.lastIndexOf(". ", first);
            int sentence = stop < 0 ? 0 : stop + 2;
            if (first - sentence > LENGTH / 2) {
                // Far into a long sentence: start half a snippet before the match, at a word.
                start = first - LENGTH / 2;
                int space = text.indexOf(' ', start);
                start = space >= 0 && space < first ? space + 1 : start;
            } else {
                start = sentence;
            }
        }
        int end = Math.min(text.length(), start + LENGTH);
        if (end < text.length()) {
            int space = text.lastIndexOf(' ', end);
            end = space > start ? space : end;
        }
        StringBuilder html = new StringBuilder(end - start + 32);
        int at = start;
        for (int[] m : marks) {
            if (m[0] < start || m[1] > end) {
                continue;
            }
            escape(text, at, m[0], html);
            html.append("<mark>");
            escape(text, m[0], m[1], html);
            html.append("</mark>");
            at = m[1];
        }
        escape(text, at, end, html);
        return end < text.length() ? html.append('…').toString() : html.toString();
    }

    private static void escape(String s, int from, int to, StringBuilder out) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#x27;");
                case '/' -> out.append("&#x2F;");
                default -> out.append(c);
            }
        }
    }
}
