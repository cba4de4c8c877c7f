package org.vitrine.core.search;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The facets of a collection for the static index: per facet, its values (key, listed spelling,
 * broader values, aliases) and each dataset's own values; counting a dataset under its own values
 * and their broader ones, and listing values by count then spelling, is what both searchers do
 * ({@link Facet}).
 */
final class StaticFacets {

    /** One facet's values, numbered in key order, and each dataset's own value numbers. */
    static final class Table {
        final List<String> keys = new ArrayList<>();
        /** The listed spelling of each value, or null for a value only counted as broader. */
        final List<String> labels = new ArrayList<>();
        final List<int[]> broader = new ArrayList<>();
        final List<List<String>> aliases = new ArrayList<>();
        final int[][] own;

        Table(int docs) {
            own = new int[docs][];
        }

        /** The values dataset {@code doc} counts under, each once. */
        int[] counted(int doc) {
            if (own[doc].length == 1 && broader.get(own[doc][0]).length == 0) {
                return own[doc];
            }
            Set<Integer> out = new LinkedHashSet<>();
            for (int o : own[doc]) {
                out.add(o);
                for (int b : broader.get(o)) {
                    out.add(b);
                }
            }
            return out.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    private final Map<String, Table> tables = new LinkedHashMap<>();
    private final int docs;

    /** The facets of {@code datasets}, in index order. */
    StaticFacets(List<SearchableDataset> datasets) {
        docs = datasets.size();
        for (Facet f : SearchSchema.FACETS) {
            tables.put(f.name(), table(f.name(), datasets));
        }
    }

    private static Table table(String name, List<SearchableDataset> datasets) {
        // Every key, with the spellings datasets have for it and the aliases that name it.
        Map<String, String> spelling = new HashMap<>();
        Map<String, Set<String>> broader = new HashMap<>();
        Map<String, Set<String>> aliases = new HashMap<>();
        for (SearchableDataset s : datasets) {
            for (Facet.Value v : s.facets().get(name)) {
                String key = Facet.key(v.text());
                String known = spelling.get(key);
                // Spellings that differ in case are one value, listed as the first in code point order.
                if (known == null || (!known.equals(v.text()) && SearchSchema.TERM_ORDER.compare(v.text(), known) < 0)) {
                    spelling.put(key, v.text());
                }
                // A value's broader values and aliases are the same wherever it occurs: read them once.
                if ((!v.broader().isEmpty() || !v.aliases().isEmpty()) && !broader.containsKey(key)) {
                    Set<String> up = broader.computeIfAbsent(key, k -> new LinkedHashSet<>());
                    v.broader().forEach(b -> up.add(Facet.key(b)));
                    Set<String> names = aliases.computeIfAbsent(key, k -> new LinkedHashSet<>());
                    v.aliases().forEach(a -> names.add(Facet.key(a)));
                }
            }
        }
        broader.values().forEach(up -> up.forEach(b -> spelling.putIfAbsent(b, null)));
        Table t = new Table(datasets.size());
        Map<String, Integer> number = new HashMap<>();
        spelling.keySet().stream().sorted(SearchSchema.TERM_ORDER).forEach(key -> {
            number.put(key, t.keys.size());
            t.keys.add(key);
            t.labels.add(spelling.get(key));
        });
        for (String key : t.keys) {
            t.broader.add(broader.getOrDefault(key, Set.of()).stream().mapToInt(number::get).toArray());
            t.aliases.add(List.copyOf(aliases.getOrDefault(key, Set.of())));
        }
        for (int d = 0; d < datasets.size(); d++) {
            List<Facet.Value> values = datasets.get(d).facets().get(name);
            int[] own = new int[values.size()];
            int n = 0;
            for (Facet.Value v : values) {
                int o = number.get(Facet.key(v.text()));
                if (!contains(own, n, o)) {
                    own[n++] = o;
                }
            }
            t.own[d] = n == own.length ? own : Arrays.copyOf(own, n);
        }
        return t;
    }

    private static boolean contains(int[] values, int size, int v) {
        for (int i = 0; i < size; i++) {
            if (values[i] == v) {
                return true;
            }
        }
        return false;
    }

    /** The facet values of the whole collection, as a search without query or filter lists them. */
    void writeEverything(JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("facets");
        Map<String, Integer> more = new LinkedHashMap<>();
        for (Map.Entry<String, Table> e : tables.entrySet()) {
            Table t = e.getValue();
            int[] counts = new int[t.keys.size()];
            for (int d = 0; d < docs; d++) {
                for (int v : t.counted(d)) {
                    counts[v]++;
                }
            }
            List<Integer> listed = new ArrayList<>();
            for (int v = 0; v < counts.length; v++) {
                if (counts[v] > 0 && t.labels.get(v) != null) {
                    listed.add(v);
                }
            }
            listed.sort(Comparator.comparingInt((Integer v) -> -counts[v]).thenComparing(t.labels::get));
            g.writeArrayFieldStart(e.getKey());
            for (int v : listed.subList(0, Math.min(listed.size(), SearchSchema.FACET_VALUES))) {
                g.writeStartObject();
                g.writeStringField("value", t.labels.get(v));
                g.writeNumberField("count", counts[v]);
                g.writeEndObject();
            }
            g.writeEndArray();
            if (listed.size() > SearchSchema.FACET_VALUES) {
                more.put(e.getKey(), listed.size() - SearchSchema.FACET_VALUES);
            }
        }
        g.writeEndObject();
        g.writeObjectFieldStart("more");
        for (Map.Entry<String, Integer> m : more.entrySet()) {
            g.writeNumberField(m.getKey(), m.getValue());
        }
        g.writeEndObject();
    }

    /**
     * Every facet's values ({@code [key, spelling or null, [broader], [aliases]]}, the key left
     * out as 0 where it is the spelling in lower case) and each dataset's own values (a number, a
     * list of numbers, or -1 for none).
     */
    void write(JsonGenerator g) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, Table> e : tables.entrySet()) {
            Table t = e.getValue();
            g.writeObjectFieldStart(e.getKey());
            g.writeArrayFieldStart("values");
            for (int v = 0; v < t.keys.size(); v++) {
                String label = t.labels.get(v);
                g.writeStartArray();
                if (label != null && Facet.key(label).equals(t.keys.get(v))) {
                    g.writeNumber(0);
                } else {
                    g.writeString(t.keys.get(v));
                }
                if (label == null) {
                    g.writeNull();
                } else {
                    g.writeString(label);
                }
                g.writeArray(t.broader.get(v), 0, t.broader.get(v).length);
                g.writeStartArray();
                for (String a : t.aliases.get(v)) {
                    g.writeString(a);
                }
                g.writeEndArray();
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("docs");
            for (int[] own : t.own) {
                if (own.length == 1) {
                    g.writeNumber(own[0]);
                } else if (own.length == 0) {
                    g.writeNumber(-1);
                } else {
                    g.writeArray(own, 0, own.length);
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndObject();
    }
}
