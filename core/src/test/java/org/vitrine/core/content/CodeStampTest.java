package org.vitrine.core.content;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class CodeStampTest {

    @TempDir
    Path classes;

    @Test
    void aClassRecompiledInPlaceChangesItsFoldersStamp() throws Exception {
        Path pkg = Files.createDirectories(classes.resolve("org/example"));
        Path type = Files.write(pkg.resolve("Page.class"), new byte[]{1, 2, 3});
        Instant then = Instant.now().minusSeconds(60);
        for (Path p : new Path[]{type, pkg, classes.resolve("org"), classes}) {
            Files.setLastModifiedTime(p, FileTime.from(then));
        }
        String before = CodeStamp.of(classes);
        assertEquals(before, CodeStamp.of(classes), "nothing changed");

        // As a compiler does: the same file rewritten, the folders' times left alone.
        Files.write(type, new byte[]{1, 2, 4});
        for (Path p : new Path[]{pkg, classes.resolve("org"), classes}) {
            Files.setLastModifiedTime(p, FileTime.from(then));
        }
        assertNotEquals(before, CodeStamp.of(classes));
    }

    @Test
    void aJarIsStampedBySizeAndTime() throws Exception {
        Path jar = Files.write(classes.resolve("vitrine.jar"), new byte[]{1, 2, 3});
        Files.setLastModifiedTime(jar, FileTime.fromMillis(1_000_000));
        assertEquals("3:1000000", CodeStamp.of(jar));
        assertEquals("unknown", CodeStamp.of(classes.resolve("missing.jar")));
    }
}
