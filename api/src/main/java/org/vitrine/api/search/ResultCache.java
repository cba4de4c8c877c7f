package org.vitrine.api.search;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Recent answers of one index version, keyed by the normalised {@link SearchRequest}; beyond
 * {@code capacity} the least recently used is dropped. It belongs to one searcher, so a rebuilt
 * index starts with an empty cache and nothing answered from an older version survives a swap.
 * Only successful searches are kept: a request that failed is parsed and refused again.
 */
final class ResultCache {

    private final int capacity;
    private final Map<SearchRequest, SearchResult> results;

    ResultCache(int capacity) {
        this.capacity = capacity;
        this.results = new LinkedHashMap<>(Math.min(capacity, 1024) * 4 / 3 + 1, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<SearchRequest, SearchResult> eldest) {
                return size() > ResultCache.this.capacity;
            }
        };
    }

    /** The cached answer to {@code request}, or null. */
    synchronized SearchResult get(SearchRequest request) {
        return capacity == 0 ? null : results.get(request);
    }

    synchronized void put(SearchRequest request, SearchResult result) {
        if (capacity > 0) {
            results.put(request, result);
        }
    }

    synchronized int size() {
        return results.size();
    }
}
