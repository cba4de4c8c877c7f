package org.vitrine.api.search;

import org.vitrine.core.search.SearchIndexWriter;
import org.vitrine.core.search.DatasetLinks;
import org.vitrine.core.search.DemoCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vitrine.core.model.Dataset;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The answers a {@link SearchIndex} keeps: per index version, bounded, only for valid requests. */
class ResultCacheTest {

    @TempDir
    Path dir;

    @Test
    void repeatedRequestsAreAnsweredFromTheCache() throws Exception {
        SearchIndexWriter.write(DemoCollection.collection(), dir, DatasetLinks.DEFAULT);
        try (SearchIndex index = SearchIndex.open(dir, 8)) {
            SearchResult first = index.search(SearchRequest.of("imaging"));
            assertSame(first, index.search(SearchRequest.of("  imaging ")), "the normalised request is the key");
            SearchRequest filtered = new SearchRequest("", Map.of("license", List.of("CC-BY-4.0")), List.of(),
                    SearchRequest.Sort.RELEVANCE, 1, 10);
            assertNotSame(first, index.search(filtered));
            assertEquals(2, index.cachedResults());
        }
    }

    @Test
    void keepsAtMostItsCapacityDroppingTheLeastRecentlyUsed() throws Exception {
        SearchIndexWriter.write(DemoCollection.collection(), dir, DatasetLinks.DEFAULT);
        try (SearchIndex index = SearchIndex.open(dir, 2)) {
            SearchResult a = index.search(SearchRequest.of("ima*"));
            SearchResult b = index.search(SearchRequest.of("pty*"));
            assertSame(a, index.search(SearchRequest.of("ima*"))); // a is now the most recent
            index.search(SearchRequest.of("sam*"));                 // drops b
            assertEquals(2, index.cachedResults());
            assertSame(a, index.search(SearchRequest.of("ima*")));
            SearchResult again = index.search(SearchRequest.of("pty*"));
            assertNotSame(b, again, "b was dropped and searched again");
            assertEquals(b, again);
            assertEquals(2, index.cachedResults());
        }
    }

    @Test
    void aRebuiltIndexStartsWithAnEmptyCache() throws Exception {
        List<Dataset> before = DemoCollection.datasets();
        SearchIndexWriter.write(DemoCollection.collection(before), dir, DatasetLinks.DEFAULT);
        try (SearchIndex index = SearchIndex.open(dir, 8)) {
            SearchResult old = index.search(SearchRequest.of(""));
            List<Dataset> after = new java.util.ArrayList<>(before);
            after.add(DemoCollection.dataset("added", "An added dataset", DemoCollection.CDI, "X", null, null,
                    List.of(), "CC0-1.0", DemoCollection.TODAY, List.of(), "added text", null,
                    org.vitrine.core.model.FileKind.NONE));
            SearchIndexWriter.write(DemoCollection.collection(after), dir, DatasetLinks.DEFAULT);
            assertTrue(index.refresh());
            assertEquals(0, index.cachedResults());
            SearchResult fresh = index.search(SearchRequest.of(""));
            assertEquals(old.total() + 1, fresh.total(), "the answer comes from the rebuilt index");
            assertEquals(1, index.cachedResults());
        }
    }

    @Test
    void invalidQueriesAreRefusedEveryTimeAndNothingIsKeptWithoutACache() throws Exception {
        SearchIndexWriter.write(DemoCollection.collection(), dir, DatasetLinks.DEFAULT);
        try (SearchIndex cached = SearchIndex.open(dir, 8)) {
            assertThrows(InvalidQueryException.class, () -> cached.search(SearchRequest.of("\"unclosed")));
            assertThrows(InvalidQueryException.class, () -> cached.search(SearchRequest.of("\"unclosed")));
            assertEquals(0, cached.cachedResults());
        }
        try (SearchIndex uncached = SearchIndex.open(dir, 0)) {
            SearchResult first = uncached.search(SearchRequest.of("imaging"));
            SearchResult second = uncached.search(SearchRequest.of("imaging"));
            assertNotSame(first, second);
            assertEquals(first, second);
            assertEquals(0, uncached.cachedResults());
        }
    }

    @Test
    void withoutAnIndexInvalidQueriesAreStillRefused() throws Exception {
        try (SearchIndex none = SearchIndex.open(dir.resolve("missing"))) {
            assertEquals(0, none.search(SearchRequest.of("imaging")).total());
            assertThrows(InvalidQueryException.class, () -> none.search(SearchRequest.of("\"unclosed")));
        }
    }
}
