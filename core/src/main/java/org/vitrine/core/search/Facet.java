package org.vitrine.core.search;

import org.vitrine.core.model.Dataset;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * A dimension that search results are counted and filtered by, such as the facility. Both
 * indexes and both searchers take the list of facets from {@link SearchSchema#FACETS}, so a facet
 * is added, relabelled or reordered in that one place.
 *
 * <p>Values match case-insensitively: a filter {@code instrument=bm18} selects what {@code BM18}
 * selects, and spellings that differ only in case are counted as one value, listed as the first
 * of them in code point order. A value may stand for broader ones too (a technique and every
 * technique above it in PaNET): a dataset counts under each, so the count next to a value is what
 * selecting it finds; only values some dataset has itself are listed.
 *
 * @param name   the filter parameter and the key of the facet in answers
 * @param label  what a page calls it
 * @param values a dataset's values of this facet
 */
public record Facet(String name, String label, Function<Dataset, List<Value>> values) {

    /**
     * One value of a dataset.
     *
     * @param text    as the curator wrote it (as listed)
     * @param broader values it counts under too, such as a technique's ancestors
     * @param aliases other names a filter may give it, such as a PaNET id
     */
    public record Value(String text, List<String> broader, List<String> aliases) {

        /** A value with nothing broader and no other name. */
        public static Value of(String text) {
            return new Value(text, List.of(), List.of());
        }
    }

    /** A facet whose values are one text each, read from the dataset by {@code texts} (nulls and blanks skipped). */
    public static Facet of(String name, String label, Function<Dataset, List<String>> texts) {
        return new Facet(name, label, d -> {
            List<Value> out = new ArrayList<>();
            for (String t : texts.apply(d)) {
                if (t != null && !t.isBlank()) {
                    out.add(Value.of(t.strip()));
                }
            }
            return out;
        });
    }

    /** What values and filters are compared by: the text in lower case. */
    public static String key(String text) {
        return text.strip().toLowerCase(Locale.ROOT);
    }

    /** The keys a dataset with {@code values} counts under: theirs and their broader ones', each once. */
    public static List<String> countedKeys(List<Value> values) {
        Set<String> keys = new LinkedHashSet<>();
        for (Value v : values) {
            keys.add(key(v.text()));
            v.broader().forEach(b -> keys.add(key(b)));
        }
        return List.copyOf(keys);
    }

    /** The keys a filter finds a dataset with {@code values} by: the counted keys and every alias. */
    public static List<String> filterKeys(List<Value> values) {
        Set<String> keys = new LinkedHashSet<>(countedKeys(values));
        for (Value v : values) {
            v.aliases().forEach(a -> keys.add(key(a)));
        }
        return List.copyOf(keys);
    }
}
