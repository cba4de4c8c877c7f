package org.vitrine.core.content;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A file under the data root is one whose real path lies under the root's real path, whatever links lead to it. */
class SafePathsTest {

    @TempDir
    Path tmp;
    Path root;

    @BeforeEach
    void files() throws IOException {
        root = Files.createDirectories(tmp.resolve("data"));
        Files.createDirectories(root.resolve("run1"));
        Files.writeString(root.resolve("run1/scan.cxi"), "inside");
        Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(tmp.resolve("outside/secret.cxi"), "outside");
        Files.createSymbolicLink(root.resolve("latest.cxi"), root.resolve("run1/scan.cxi"));
        Files.createSymbolicLink(root.resolve("relative.cxi"), Path.of("run1/scan.cxi"));
        Files.createSymbolicLink(root.resolve("secret.cxi"), tmp.resolve("outside/secret.cxi"));
        Files.createSymbolicLink(root.resolve("up.cxi"), Path.of("../outside/secret.cxi"));
        Files.createSymbolicLink(root.resolve("elsewhere"), tmp.resolve("outside"));
        Files.createSymbolicLink(root.resolve("dangling.cxi"), tmp.resolve("gone.cxi"));
    }

    @Test
    void filesAndLinksThatStayUnderTheRootAreServedByTheirRealPath() throws Exception {
        Path real = root.resolve("run1/scan.cxi").toRealPath();
        assertEquals(real, SafePaths.fileUnder(root, "run1/scan.cxi"));
        assertEquals(real, SafePaths.fileUnder(root, "latest.cxi"));
        assertEquals(real, SafePaths.fileUnder(root, "relative.cxi"));
    }

    @Test
    void aRootReachedThroughALinkIsTheRootItLeadsTo() throws Exception {
        Path linkedRoot = Files.createSymbolicLink(tmp.resolve("data-link"), root);
        assertEquals(root.resolve("run1/scan.cxi").toRealPath(), SafePaths.fileUnder(linkedRoot, "run1/scan.cxi"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"secret.cxi", "up.cxi", "elsewhere/secret.cxi"})
    void linksOutOfTheRootAreRefused(String name) {
        SafePaths.Refused refused = assertThrows(SafePaths.Refused.class, () -> SafePaths.fileUnder(root, name));
        assertTrue(refused.getMessage().contains("outside the data root"), refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../outside/secret.cxi", "/etc/passwd", "run1/../../outside/secret.cxi", "run1//scan.cxi",
            "./run1/scan.cxi", "run1\\scan.cxi", "run1/scan.cxi\0", "", "missing.cxi", "run1", "dangling.cxi"})
    void namesThatLeaveTheRootOrLeadNowhereAreRefused(String name) {
        assertThrows(SafePaths.Refused.class, () -> SafePaths.fileUnder(root, name));
    }

    @Test
    void theSyntaxRuleIsTheOneContentPathsAreCheckedWith() {
        assertNull(SafePaths.relativeProblem("run1/scan.cxi"));
        assertTrue(SafePaths.relativeProblem("../x.h5").startsWith("must be relative to the data root"));
    }
}
