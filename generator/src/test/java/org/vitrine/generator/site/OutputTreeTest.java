package org.vitrine.generator.site;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** How the output folder writes, shares and keeps files across builds. */
class OutputTreeTest {

    @TempDir
    Path tmp;

    @Test
    void writesNewFilesIntoNewFoldersAndLeavesUnchangedOnesAlone() throws Exception {
        Path site = tmp.resolve("site");
        OutputTree first = new OutputTree(site, tmp.resolve("cache"));
        first.write("datasets/a/index.html", "page a");
        first.write("datasets/a/citation.bib", "@misc{a}");
        first.finish();
        Path page = site.resolve("datasets/a/index.html");
        assertEquals("page a", Files.readString(page));
        FileTime written = FileTime.fromMillis(1_000_000_000L);
        Files.setLastModifiedTime(page, written);

        OutputTree second = new OutputTree(site, tmp.resolve("cache"));
        second.write("datasets/a/index.html", "page a");
        second.write("datasets/a/citation.bib", "@misc{a, title}");
        assertEquals(List.of(), second.finish());
        assertEquals(written, Files.getLastModifiedTime(page), "the same bytes are not written again");
        assertEquals("@misc{a, title}", Files.readString(site.resolve("datasets/a/citation.bib")));
        try (var left = Files.list(site.resolve("datasets/a"))) {
            assertEquals(2, left.count(), "no temporary file is left behind");
        }
    }

    @Test
    void aSharedFileStaysIndependentOfTheOneItWasSharedFrom() throws Exception {
        Path site = tmp.resolve("site");
        OutputTree first = new OutputTree(site, tmp.resolve("cache"));
        first.write("datasets/a/precomputed/v.h5/1_1_1/0-64_0-64_0-64", "chunk");
        first.share("datasets/a/precomputed/v.h5/1_1_1/0-64_0-64_0-64", "datasets/b/precomputed/v.h5/1_1_1/0-64_0-64_0-64");
        first.finish();
        Path a = site.resolve("datasets/a/precomputed/v.h5/1_1_1/0-64_0-64_0-64");
        Path b = site.resolve("datasets/b/precomputed/v.h5/1_1_1/0-64_0-64_0-64");
        assertEquals("chunk", Files.readString(b));

        // The next build gives a new chunk to a only: b keeps its bytes.
        OutputTree second = new OutputTree(site, tmp.resolve("cache"));
        second.write("datasets/a/precomputed/v.h5/1_1_1/0-64_0-64_0-64", "new chunk");
        second.share("datasets/a/precomputed/v.h5/1_1_1/0-64_0-64_0-64", "datasets/a/precomputed/w.h5/1_1_1/0-64_0-64_0-64");
        assertEquals(List.of("datasets/b/precomputed/v.h5/1_1_1/0-64_0-64_0-64"), second.finish());
        assertEquals("new chunk", Files.readString(a));
        assertFalse(Files.exists(b), "b was not produced by the second build");

        OutputTree third = new OutputTree(site, tmp.resolve("cache"));
        third.write("datasets/a/precomputed/v.h5/1_1_1/0-64_0-64_0-64", "chunk");
        third.write("datasets/a/precomputed/w.h5/1_1_1/0-64_0-64_0-64", "new chunk");
        assertEquals(List.of(), third.finish());
        assertEquals("chunk", Files.readString(a));
        assertEquals("new chunk", Files.readString(site.resolve("datasets/a/precomputed/w.h5/1_1_1/0-64_0-64_0-64")));
    }
}
