package org.vitrine.api.search;

import org.vitrine.core.search.SearchSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One search: query text, facet filters (several values of one facet are OR-ed, different facets
 * AND-ed), parameter ranges, order and page.
 *
 * @param query      query text in the documented syntax, "" for everything
 * @param filters    selected values by facet dimension ({@link SearchSchema#FACETS})
 * @param parameters parameter ranges, all of which must hold
 * @param sort       result order
 * @param page       1-based page number
 * @param size       hits per page, 1 to {@link #MAX_SIZE}
 * @param allValues  facets to list every value of, not only the first {@link SearchSchema#FACET_VALUES}
 */
public record SearchRequest(String query, Map<String, List<String>> filters, List<ParameterRange> parameters,
                            Sort sort, int page, int size, Set<String> allValues) {

    /** Largest page size. */
    public static final int MAX_SIZE = SearchSchema.MAX_PAGE_SIZE;
    /** Deepest hit a request may page to; deeper pages are refused rather than computed. */
    public static final int MAX_DEPTH = 10_000;
    /** Longest query text accepted. */
    public static final int MAX_QUERY_LENGTH = 1_000;
    public static final int DEFAULT_SIZE = 10;

    /** Result order. */
    public enum Sort {
        /** Best match first; newest first when there is no query text. */
        RELEVANCE,
        /** Newest release first. */
        RELEASED,
        /** By id. */
        ID;

        /** Parses {@code relevance|released|id}; null or "" is relevance. */
        public static Sort parse(String s) {
            if (s == null || s.isBlank()) {
                return RELEVANCE;
            }
            try {
                return valueOf(s.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidQueryException("Unknown sort '" + s + "'; use relevance, released or id");
            }
        }
    }

    public SearchRequest {
        query = query == null ? "" : query.strip();
        Map<String, List<String>> f = new LinkedHashMap<>();
        filters.forEach((k, v) -> {
            if (!SearchSchema.FACET_NAMES.contains(k)) {
                throw new InvalidQueryException("Unknown filter '" + k + "'; filters are " + String.join(", ", SearchSchema.FACET_NAMES));
            }
            List<String> values = v.stream().filter(s -> s != null && !s.isBlank()).map(String::strip).distinct().toList();
            if (!values.isEmpty()) {
                f.put(k, values);
            }
        });
        filters = Map.copyOf(f);
        for (String facet : allValues) {
            if (!SearchSchema.FACET_NAMES.contains(facet)) {
                throw new InvalidQueryException("Unknown facet '" + facet + "'; facets are " + String.join(", ", SearchSchema.FACET_NAMES));
            }
        }
        allValues = Set.copyOf(allValues);
        parameters = List.copyOf(parameters);
        if (sort == null) {
            sort = Sort.RELEVANCE;
        }
        if (query.length() > MAX_QUERY_LENGTH) {
            throw new InvalidQueryException("Query is " + query.length() + " characters long; the limit is " + MAX_QUERY_LENGTH);
        }
        if (page < 1) {
            throw new InvalidQueryException("page must be 1 or more, not " + page);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidQueryException("size must be between 1 and " + MAX_SIZE + ", not " + size);
        }
        if ((long) page * size > MAX_DEPTH) {
            throw new InvalidQueryException("page " + page + " of size " + size + " goes past hit " + MAX_DEPTH
                    + ", the deepest a search pages to; narrow the query instead");
        }
    }

    /** A request that lists the first {@link SearchSchema#FACET_VALUES} values of each facet. */
    public SearchRequest(String query, Map<String, List<String>> filters, List<ParameterRange> parameters, Sort sort,
                         int page, int size) {
        this(query, filters, parameters, sort, page, size, Set.of());
    }

    /** Everything, first page. */
    public static SearchRequest of(String query) {
        return new SearchRequest(query, Map.of(), List.of(), Sort.RELEVANCE, 1, DEFAULT_SIZE);
    }
}
