package org.vitrine.core.search;

import org.vitrine.core.model.Author;
import org.vitrine.core.model.Dataset;
import org.vitrine.core.model.FileFacts;
import org.vitrine.core.model.Parameter;
import org.vitrine.core.units.UnitTable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What search knows of one dataset: its searchable text by field, facet values, technique path
 * and parameters in SI. Both the Lucene index and the static index are written from this one
 * view, so they hold the same content.
 *
 * @param id            dataset id
 * @param title         title
 * @param url           site-relative page URL
 * @param thumbnail     site-relative thumbnail URL, or null
 * @param technique     technique label, or null
 * @param facility      facility, or null
 * @param released      ISO release date, or null
 * @param text          searchable text by field ({@link SearchSchema} names), values in order
 * @param facets        each facet's values ({@link SearchSchema#FACETS}), by facet name
 * @param parameters    parameter values in SI by parameter name (lower case), in order
 */
public record SearchableDataset(
        String id,
        String title,
        String url,
        String thumbnail,
        String technique,
        String facility,
        String released,
        Map<String, List<String>> text,
        Map<String, List<Facet.Value>> facets,
        Map<String, List<Double>> parameters) {

    /** The search view of a public dataset. */
    public static SearchableDataset of(Dataset d, DatasetLinks links) {
        Map<String, List<String>> text = new LinkedHashMap<>();
        put(text, SearchSchema.ID, d.id());
        put(text, SearchSchema.TITLE, d.title());
        put(text, SearchSchema.DESCRIPTION, PlainText.of(d.body()));
        for (Author a : d.authors()) {
            put(text, SearchSchema.AUTHOR, a.name());
            put(text, SearchSchema.ORCID, a.orcid());
        }
        put(text, SearchSchema.DOI, d.doi());
        d.keywords().forEach(k -> put(text, SearchSchema.KEYWORD, k));
        if (d.technique() != null) {
            put(text, SearchSchema.TECHNIQUE, d.technique().label());
            d.technique().ancestors().forEach(a -> put(text, SearchSchema.TECHNIQUE, a));
        }
        put(text, SearchSchema.FACILITY, d.facility());
        put(text, SearchSchema.INSTRUMENT, d.instrument());
        if (d.sample() != null) {
            put(text, SearchSchema.SAMPLE, d.sample().name());
            put(text, SearchSchema.SAMPLE, d.sample().description());
        }
        put(text, SearchSchema.LICENSE, d.license());
        String year = d.released() == null ? null : Integer.toString(d.released().getYear());
        put(text, SearchSchema.YEAR, year);
        formats(d).forEach(f -> put(text, SearchSchema.FORMAT, f));

        Map<String, List<Facet.Value>> facets = new LinkedHashMap<>();
        for (Facet f : SearchSchema.FACETS) {
            facets.put(f.name(), f.values().apply(d));
        }

        Map<String, List<Double>> parameters = new TreeMap<>();
        for (Parameter p : d.parameters()) {
            // A unit the table does not know cannot be compared across units; curation checks
            // report it, and search leaves it out of range filters rather than guess.
            UnitTable.find(p.unit()).ifPresent(u -> parameters
                    .computeIfAbsent(p.name().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(UnitTable.toSi(p.value(), p.unit()).value()));
        }
        return new SearchableDataset(d.id(), d.title(), links.page(d), links.thumbnail(d),
                d.technique() == null ? null : d.technique().label(), d.facility(),
                d.released() == null ? null : d.released().toString(), text, facets, parameters);
    }

    /** The description text, "" when there is none. */
    public String description() {
        List<String> v = text.get(SearchSchema.DESCRIPTION);
        return v == null ? "" : v.get(0);
    }

    private static List<String> formats(Dataset d) {
        Set<String> formats = new TreeSet<>();
        for (FileFacts f : d.facts().values()) {
            if (f.format() != null) {
                formats.add(f.format());
            }
        }
        d.files().forEach(f -> {
            String name = f.name();
            int dot = name.lastIndexOf('.');
            if (dot > 0 && dot < name.length() - 1) {
                formats.add(name.substring(dot + 1).toLowerCase(Locale.ROOT));
            }
        });
        return List.copyOf(formats);
    }

    private static void put(Map<String, List<String>> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.computeIfAbsent(key, k -> new ArrayList<>()).add(value.strip());
        }
    }
}
