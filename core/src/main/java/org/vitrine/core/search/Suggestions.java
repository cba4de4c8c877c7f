package org.vitrine.core.search;

import org.vitrine.core.model.Dataset;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What completions are made of, for both searchers: titles, sample names and technique labels
 * (a dataset's and its broader ones'), each text once, short ones first. A typed prefix matches a
 * text that starts with it, then one with a word (after a space or hyphen) that starts with it.
 */
public final class Suggestions {

    /** Separates the kind from the text in a {@link #sources} entry. */
    public static final char SEPARATOR = '\u001F';

    /**
     * A completion.
     *
     * @param text   as written
     * @param kind   title, sample or technique
     * @param folded {@link SearchSchema#fold folded}, what a prefix is compared with
     */
    public record Candidate(String text, String kind, String folded) {
    }

    private Suggestions() {
    }

    /** A dataset's completions as "kind{@value #SEPARATOR}text" entries. */
    public static List<String> sources(Dataset d) {
        List<String> out = new ArrayList<>();
        add(out, "title", d.title());
        if (d.sample() != null) {
            add(out, "sample", d.sample().name());
        }
        if (d.technique() != null) {
            add(out, "technique", d.technique().label());
            d.technique().ancestors().forEach(a -> add(out, "technique", a));
        }
        return out;
    }

    private static void add(List<String> out, String kind, String text) {
        if (text != null && !text.isBlank()) {
            out.add(kind + SEPARATOR + text.strip());
        }
    }

    /**
     * The completions of a collection, from its {@link #sources} entries: each folded text once
     * (of entries that fold alike, the first in entry order), shortest first, then by folded text.
     */
    public static List<Candidate> ordered(SortedSet<String> sources) {
        List<Candidate> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String v : sources) {
            int sep = v.indexOf(SEPARATOR);
            String text = v.substring(sep + 1);
            String folded = SearchSchema.fold(text);
            if (seen.add(folded)) {
                out.add(new Candidate(text, v.substring(0, sep), folded));
            }
        }
        out.sort(Comparator.comparingInt((Candidate c) -> c.folded().length()).thenComparing(Candidate::folded));
        return List.copyOf(out);
    }

    /** The completions of these datasets. */
    public static List<Candidate> of(List<Dataset> datasets) {
        SortedSet<String> sources = new TreeSet<>();
        datasets.forEach(d -> sources.addAll(sources(d)));
        return ordered(sources);
    }
}
