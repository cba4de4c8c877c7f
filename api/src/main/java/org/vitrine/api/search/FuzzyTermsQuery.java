package org.vitrine.api.search;

import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.util.AttributeSource;
import org.apache.lucene.util.automaton.CompiledAutomaton;

import java.io.IOException;
import java.util.Objects;

/**
 * The terms of one field within a few edits of a word, through an automaton built once and
 * shared by every field the word is looked for in. (Lucene's FuzzyQuery builds its automata
 * again for each field, which made a fuzzy word cost more than the rest of a search.) Matching
 * terms are scored as a plain disjunction, the first ones in term order when there are many,
 * which the browser search reproduces.
 */
final class FuzzyTermsQuery extends MultiTermQuery {

    private final String text;
    private final CompiledAutomaton automaton;

    FuzzyTermsQuery(String field, String text, CompiledAutomaton automaton, RewriteMethod rewrite) {
        super(field, rewrite);
        this.text = text;
        this.automaton = automaton;
    }

    @Override
    protected TermsEnum getTermsEnum(Terms terms, AttributeSource atts) throws IOException {
        return automaton.getTermsEnum(terms);
    }

    @Override
    public void visit(QueryVisitor visitor) {
        if (visitor.acceptField(field)) {
            automaton.visit(visitor, this, field);
        }
    }

    @Override
    public String toString(String defaultField) {
        return (field.equals(defaultField) ? "" : field + ":") + text + "~";
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && text.equals(((FuzzyTermsQuery) o).text)
                && automaton.equals(((FuzzyTermsQuery) o).automaton);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), text);
    }
}
