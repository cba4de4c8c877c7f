package org.vitrine.generator.cli;

import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vitrine.api.search.SearchIndex;
import org.vitrine.api.search.SearchRequest;
import org.vitrine.generator.Fixtures;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The API's Lucene index, which the bakes of {@code serve} keep beside the site: updated after
 * each change as a full rewrite would be, and never made by a static {@code build}.
 */
class ApiSearchIndexTest {

    @TempDir
    Path tmp;

    @Test
    void aStaticBuildMakesNoLuceneIndex() throws IOException {
        Path content = Fixtures.newContent(tmp.resolve("content"));
        Fixtures.dataset(content, "one", Fixtures.validDataset("one", "keywords: [zeolite]"));
        Path site = tmp.resolve("site");
        assertEquals(0, Fixtures.vitrine("build", "--content", content.toString(), "--out", site.toString()).exit());
        assertTrue(Files.isRegularFile(site.resolve("search-index/index.json")), "the browser's index is in the site");
        assertTrue(Files.notExists(tmp.resolve("site-search-index")), "no index for a server that is not there");
    }

    @Test
    void theIndexFollowsChangesAsAFullRewriteWould() throws Exception {
        Path content = Fixtures.newContent(tmp.resolve("content"));
        Fixtures.dataset(content, "one", Fixtures.validDataset("one", "keywords: [zeolite]"));
        Fixtures.dataset(content, "two", Fixtures.validDataset("two", "keywords: [zeolite]"));
        Fixtures.dataset(content, "three", Fixtures.validDataset("three", "keywords: [zeolite]"));
        Path site = tmp.resolve("site");
        Path updated = serveBake(content, site);

        Fixtures.dataset(content, "two", Fixtures.validDataset("two", "keywords: [zeolite, perovskite]"));
        Fixtures.dataset(content, "three", Fixtures.validDataset("three", "status: draft\nkeywords: [zeolite]"));
        assertEquals(updated, serveBake(content, site));
        Path rewritten = serveBake(content, tmp.resolve("fresh"));

        try (var a = SearchIndex.open(updated); var b = SearchIndex.open(rewritten)) {
            for (String q : List.of("zeolite", "perovskite", "three", "dataset")) {
                var request = SearchRequest.of(q);
                assertEquals(b.search(request), a.search(request), q);
            }
            assertEquals(1, a.search(SearchRequest.of("perovskite")).total());
            assertEquals(2, a.search(SearchRequest.of("zeolite")).total(), "the draft left the index");
        }
        // Not only unfindable: merged away, so none of the draft's words is left in the files.
        try (var reader = DirectoryReader.open(FSDirectory.open(updated))) {
            assertEquals(reader.maxDoc(), reader.numDocs(), "no deleted documents left");
            assertEquals(1, reader.docFreq(new Term("all", "two")));
            assertEquals(0, reader.docFreq(new Term("all", "three")));
        }
        assertEquals(files(tmp.resolve("fresh/search-index")), files(site.resolve("search-index")), "the static index too");

        // An edit that removes nothing is not merged at once: same hits, order, counts and snippets.
        Fixtures.dataset(content, "one", Fixtures.validDataset("one", "keywords: [zeolite, perovskite]"));
        serveBake(content, site);
        try (var a = SearchIndex.open(updated); var b = SearchIndex.open(serveBake(content, tmp.resolve("fresh2")))) {
            for (String q : List.of("zeolite", "perovskite", "one", "dataset")) {
                var request = SearchRequest.of(q);
                var expected = b.search(request);
                var actual = a.search(request);
                assertEquals(expected.total(), actual.total(), q);
                assertEquals(expected.facets(), actual.facets(), q);
                assertEquals(expected.hits().stream().map(h -> h.id() + " " + h.snippet()).toList(),
                        actual.hits().stream().map(h -> h.id() + " " + h.snippet()).toList(), q);
            }
            assertEquals(2, a.search(SearchRequest.of("perovskite")).total());
        }
    }

    /** The text of every file under {@code dir}, by relative path. */
    private static java.util.Map<String, String> files(Path dir) throws IOException {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        try (var walk = Files.walk(dir)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(f).toString(), Files.readString(f));
            }
        }
        return out;
    }

    /** Bakes as {@code serve} does, with the API's index; returns the index folder. */
    private static Path serveBake(Path content, Path site) {
        System.setProperty("vitrine.home", Fixtures.projectRoot().toString());
        ContentOptions options = new ContentOptions();
        options.content = content;
        StringWriter err = new StringWriter();
        Pipeline.Built built = Pipeline.build(options, site, true, new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true), (collection, dataRoot) -> { });
        assertNotNull(built, err.toString());
        assertEquals(site.toAbsolutePath().resolveSibling(site.getFileName() + "-search-index"), built.searchIndex());
        return built.searchIndex();
    }
}
