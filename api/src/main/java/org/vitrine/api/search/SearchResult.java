package org.vitrine.api.search;

import java.util.List;
import java.util.Map;

/**
 * The answer to a {@link SearchRequest}.
 *
 * @param total  number of matching datasets
 * @param page   page number
 * @param size   page size
 * @param hits   this page's hits
 * @param facets counts by dimension; a dimension's counts ignore its own filter (drill-sideways)
 * @param more   by dimension, how many values with a count the facets do not list (none: absent)
 */
public record SearchResult(long total, int page, int size, List<Hit> hits, Map<String, List<FacetValue>> facets,
                           Map<String, Integer> more) {

    /** The answer with {@code facets}' values and what they leave out. */
    SearchResult(long total, int page, int size, List<Hit> hits, Facets facets) {
        this(total, page, size, hits, facets.values(), facets.more());
    }

    /**
     * One matching dataset.
     *
     * @param snippet HTML: description text, escaped, with matches in {@code <mark>}
     * @param score   relevance score (0 when sorted by something else)
     */
    public record Hit(String id, String title, String url, String thumbnail, String snippet,
                      String technique, String facility, String released, float score) {
    }

    /** A facet value and how many datasets have it (itself or as a narrower value). */
    public record FacetValue(String value, long count) {
    }

    /** The listed values of each facet and, by facet, how many more have a count. */
    public record Facets(Map<String, List<FacetValue>> values, Map<String, Integer> more) {
    }

    /** A completion offered for what a user has typed: {@code kind} is title, sample or technique. */
    public record Suggestion(String text, String kind) {
    }
}
