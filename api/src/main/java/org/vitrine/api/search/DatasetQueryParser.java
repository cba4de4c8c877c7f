package org.vitrine.api.search;

import org.vitrine.core.search.SearchSchema;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.automaton.CompiledAutomaton;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;


/**
 * Reads the query syntax users type: words (all must match), "quoted phrases", {@code field:value},
 * {@code prefix*}, {@code fuzzy~}. A word without a field must match {@link SearchSchema#ALL},
 * and scores more where it also matches a {@link SearchSchema#BOOSTS boosted field}. Leading wildcards and
 * regular expressions are refused, and multi-term expansions are bounded, so no query can make
 * the server enumerate the whole term dictionary.
 *
 * <p>Not thread-safe (Lucene's parser keeps state): make one per query.
 */
final class DatasetQueryParser extends QueryParser {


    private static final String ANY_FIELD = "\u0000any";
    /** Characters a fuzzy term shares exactly with what it matches. */
    private static final int FUZZY_PREFIX = 1;
    /** Recently used fuzzy automata (immutable, so shared by every thread), least recent dropped. */
    private static final Map<String, CompiledAutomaton> FUZZY_AUTOMATA = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompiledAutomaton> eldest) {
            return size() > 256;
        }
    };

    /** A parser for one query. */
    DatasetQueryParser() {
        super(ANY_FIELD, SearchSchema.ANALYZER);
        setDefaultOperator(Operator.AND);
        setAllowLeadingWildcard(false);
        setAutoGeneratePhraseQueries(false);
        setSplitOnWhitespace(true);
        setFuzzyPrefixLength(FUZZY_PREFIX);
        setMultiTermRewriteMethod(new MultiTermQuery.TopTermsScoringBooleanQueryRewrite(SearchSchema.MAX_EXPANSIONS));
    }

    /**
     * Parses {@code text}; "" matches everything.
     *
     * @throws InvalidQueryException with a message saying what is wrong
     */
    Query parseQuery(String text) {
        if (text.isBlank()) {
            return new MatchAllDocsQuery();
        }
        try {
            Query q = parse(withQuotedDois(text));
            return q == null ? new MatchAllDocsQuery() : q;
        } catch (ParseException e) {
            throw new InvalidQueryException("Invalid query: " + firstLine(e), e);
        } catch (IndexSearcher.TooManyClauses e) {
            throw new InvalidQueryException("Query has too many terms; the limit is " + IndexSearcher.getMaxClauseCount(), e);
        }
    }

    /**
     * A DOI (or its doi.org address) as a user pastes it, outside quotes: a phrase, which finds
     * it in any text ({@code doi:} before it keeps the field). The query syntax would otherwise
     * read its '/' as the start of a regular expression and "https:" as a field.
     * {@code search.js} quotes DOIs alike.
     */
    static String withQuotedDois(String text) {
        if (!text.contains("10.")) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        int at = 0;
        boolean quoted = false;
        Matcher m = DOI.matcher(text);
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == '"' && (at == 0 || text.charAt(at - 1) != '\\')) {
                quoted = !quoted;
            } else if (!quoted && m.find(at) && m.start() == at) {
                String doi = m.group(3);
                // Closing punctuation of a sentence or of a bracket around the DOI is not part of it.
                while (!doi.isEmpty() && ".,;:".indexOf(doi.charAt(doi.length() - 1)) >= 0
                        || doi.endsWith(")") && !doi.contains("(")) {
                    doi = doi.substring(0, doi.length() - 1);
                }
                out.append(m.group(1) == null ? "" : "doi:").append('"').append(doi).append('"');
                at = m.start(3) + doi.length();
                continue;
            }
            out.append(c);
            at++;
        }
        return out.toString();
    }

    /** A DOI, with "doi:" (group 1) or a doi.org address (group 2) before it; the DOI is group 3. */
    private static final Pattern DOI = Pattern.compile(
            "(?<![\\w./:-])(?i:(doi:)|(https?://(?:dx\\.)?doi\\.org/))?(10\\.\\d{4,9}/[^\\s\"]+)");

    private interface FieldQuery {
        Query build(String field) throws ParseException;
    }

    /**
     * A query part without a field: it must match {@link SearchSchema#ALL}, and its matches in
     * the {@link SearchSchema#BOOSTS boosted fields} add to the score. Null when the text has no
     * word to search.
     */
    private Query anyField(FieldQuery perField) throws ParseException {
        Query all = perField.build(SearchSchema.ALL);
        if (all == null) {
            return null;
        }
        BooleanQuery.Builder any = new BooleanQuery.Builder().add(all, BooleanClause.Occur.MUST);
        for (Map.Entry<String, Float> boost : SearchSchema.BOOSTS.entrySet()) {
            Query q = perField.build(boost.getKey());
            if (q != null) {
                any.add(new BoostQuery(q, boost.getValue()), BooleanClause.Occur.SHOULD);
            }
        }
        return any.build();
    }

    private static String known(String field) throws ParseException {
        // ALL may be named too (and a quoted phrase without a field is parsed again on it).
        if (!SearchSchema.FIELDS.contains(field) && !SearchSchema.ALL.equals(field)) {
            throw new ParseException("unknown field '" + field + "'; searchable fields are "
                    + String.join(", ", SearchSchema.FIELDS) + ", " + SearchSchema.ALL);
        }
        return field;
    }

    @Override
    protected Query getFieldQuery(String field, String queryText, boolean quoted) throws ParseException {
        if (ANY_FIELD.equals(field)) {
            return anyField(f -> super.getFieldQuery(f, queryText, quoted));
        }
        return super.getFieldQuery(known(field), queryText, quoted);
    }

    @Override
    protected Query getFieldQuery(String field, String queryText, int slop) throws ParseException {
        if (ANY_FIELD.equals(field)) {
            return anyField(f -> super.getFieldQuery(f, queryText, slop));
        }
        return super.getFieldQuery(known(field), queryText, slop);
    }

    @Override
    protected Query getPrefixQuery(String field, String termStr) throws ParseException {
        if (termStr.length() < 2) {
            throw new ParseException("a prefix needs at least 2 characters before '*'");
        }
        if (ANY_FIELD.equals(field)) {
            return anyField(f -> super.getPrefixQuery(f, termStr));
        }
        return super.getPrefixQuery(known(field), termStr);
    }

    @Override
    protected Query getWildcardQuery(String field, String termStr) throws ParseException {
        if (termStr.equals("*")) {
            return field.equals(ANY_FIELD) ? new MatchAllDocsQuery() : super.getWildcardQuery(known(field), termStr);
        }
        if (ANY_FIELD.equals(field)) {
            return anyField(f -> super.getWildcardQuery(f, termStr));
        }
        return super.getWildcardQuery(known(field), termStr);
    }

    @Override
    protected Query getFuzzyQuery(String field, String termStr, float minSimilarity) throws ParseException {
        if (ANY_FIELD.equals(field)) {
            return anyField(f -> fuzzy(f, termStr, minSimilarity));
        }
        return fuzzy(known(field), termStr, minSimilarity);
    }

    /**
     * As the classic parser's fuzzy term, with one automaton per normalised word and number of
     * edits, not per field, kept for the next queries: building it is the expensive part.
     */
    private Query fuzzy(String field, String termStr, float minSimilarity) {
        String text = getAnalyzer().normalize(field, termStr).utf8ToString();
        int edits = FuzzyQuery.floatToEdits(minSimilarity, text.codePointCount(0, text.length()));
        CompiledAutomaton automaton;
        synchronized (FUZZY_AUTOMATA) {
            automaton = FUZZY_AUTOMATA.computeIfAbsent(edits + ":" + text,
                    k -> FuzzyQuery.getFuzzyAutomaton(text, edits, FUZZY_PREFIX, FuzzyQuery.defaultTranspositions));
        }
        return new FuzzyTermsQuery(field, text, automaton, getMultiTermRewriteMethod());
    }

    @Override
    protected Query getRangeQuery(String field, String part1, String part2, boolean startInclusive,
                                  boolean endInclusive) throws ParseException {
        if (ANY_FIELD.equals(field)) {
            throw new ParseException("a range [a TO b] needs a field, such as year:[2020 TO 2024]");
        }
        return super.getRangeQuery(known(field), part1, part2, startInclusive, endInclusive);
    }

    @Override
    protected Query getRegexpQuery(String field, String termStr) throws ParseException {
        throw new ParseException("regular expressions (/…/) are not supported; use prefix* or fuzzy~");
    }

    /** Lucene's parse errors list every expected token; the first line says what went wrong. */
    private static String firstLine(ParseException e) {
        String m = e.getMessage() == null ? "syntax error" : e.getMessage();
        int expecting = m.indexOf("Was expecting");
        if (expecting > 0) {
            m = m.substring(0, expecting);
        }
        m = m.replace(ANY_FIELD, "");
        int nl = m.indexOf('\n');
        String first = (nl > 0 ? m.substring(0, nl) : m).strip();
        // "Cannot parse 'x': Encountered ..." — keep the cause, which says where.
        String rest = nl > 0 ? m.substring(nl).strip().replaceAll("\\s+", " ") : "";
        return rest.isEmpty() ? first : first + " " + rest;
    }

}
