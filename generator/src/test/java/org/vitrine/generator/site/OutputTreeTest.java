package org.vitrine.generator.site;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
    void aCopyIsPublishedReadableAsWrittenFilesAreWhateverTheSourceAllows() throws Exception {
        assumeTrue(tmp.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Path source = tmp.resolve("thumb.png");
        Files.write(source, new byte[]{1, 2, 3});
        Files.setPosixFilePermissions(source, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Path site = tmp.resolve("site");
        OutputTree tree = new OutputTree(site, tmp.resolve("cache"));
        tree.write("datasets/a/index.html", "page a");
        tree.copy(source, "datasets/a/thumb.png");
        tree.finish();
        Path copy = site.resolve("datasets/a/thumb.png");
        assertEquals(Files.getPosixFilePermissions(site.resolve("datasets/a/index.html")), Files.getPosixFilePermissions(copy));
        assertEquals(Files.getLastModifiedTime(source), Files.getLastModifiedTime(copy), "the copy keeps the time that tells it unchanged");

        // Unchanged, so the next build leaves the copy alone.
        FileTime before = Files.getLastModifiedTime(copy);
        OutputTree again = new OutputTree(site, tmp.resolve("cache"));
        again.write("datasets/a/index.html", "page a");
        again.copy(source, "datasets/a/thumb.png");
        assertEquals(List.of(), again.finish());
        assertEquals(before, Files.getLastModifiedTime(copy));
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
