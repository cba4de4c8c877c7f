package org.vitrine.api.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The hand-written search answer is the very text Jackson's databind writes for the records. */
class SearchResultJsonTest {

    @Test
    void writesWhatDatabindWrites() throws Exception {
        Map<String, List<SearchResult.FacetValue>> facets = new LinkedHashMap<>();
        facets.put("technique", List.of(new SearchResult.FacetValue("small-angle \"SAXS\"", 12),
                new SearchResult.FacetValue("Röntgen / tomography", 3)));
        facets.put("facility", List.of());
        facets.put("year", List.of(new SearchResult.FacetValue("2024", Long.MAX_VALUE)));
        SearchResult result = new SearchResult(1234, 2, 10, List.of(
                new SearchResult.Hit("a-1", "Title with \"quotes\" and \\ and \u2028 and 🧪", "datasets/a-1/", null,
                        "The <mark>virus</mark> &amp; its shell…\n\ttab", "imaging", "ESRF", "2024-05-01", 3.1415927f),
                new SearchResult.Hit("b", "", "datasets/b/", "thumbs/b.png", "", null, null, null, 0f),
                new SearchResult.Hit("c", "c", "u", "t", "s", "x", "y", "z", 1.0E-7f)), facets, Map.of("technique", 17));

        assertEquals(new String(new ObjectMapper().writeValueAsBytes(result), StandardCharsets.UTF_8),
                new String(SearchResultJson.write(result), StandardCharsets.UTF_8));
    }

    @Test
    void writesAnEmptyAnswer() throws Exception {
        SearchResult empty = new SearchResult(0, 1, 10, List.of(), Map.of(), Map.of());
        assertEquals(new String(new ObjectMapper().writeValueAsBytes(empty), StandardCharsets.UTF_8),
                new String(SearchResultJson.write(empty), StandardCharsets.UTF_8));
    }
}
