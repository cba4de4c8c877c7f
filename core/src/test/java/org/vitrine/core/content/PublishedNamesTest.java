package org.vitrine.core.content;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Names that become folders and files of the site stay within what file systems and servers take. */
class PublishedNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"scan_0042.cxi", "near field (2).nxs", "Ångström-scan.h5", "a.b.c"})
    void ordinaryFileNamesArePublishedAsTheyAre(String name) {
        assertNull(PublishedNames.fileNameProblem(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", ".hidden.h5", "a/b.h5", "a\\b.h5", "a:b.h5", "a?b.h5", "a#b.h5", "a%2e.h5",
            "a\"b.h5", "<img>.h5", "a|b.h5", "a*b.h5", "tab\t.h5", "del\u007f.h5"})
    void namesWithSeparatorsUrlMarksOrControlsAreRefused(String name) {
        assertNotNull(PublishedNames.fileNameProblem(name), name);
    }

    @Test
    void longNamesAreRefusedWithTheirLimit() {
        assertNull(PublishedNames.fileNameProblem("a".repeat(200)));
        assertTrue(PublishedNames.fileNameProblem("é".repeat(101)).contains("at most 200 bytes"));
        assertNull(PublishedNames.listedValueProblem("keyword", "k".repeat(100)));
        String problem = PublishedNames.listedValueProblem("keyword", "k".repeat(300));
        assertTrue(problem.startsWith("keyword 'kkkk") && problem.contains("300 characters") && problem.contains("at most 100"), problem);
    }

    @Test
    void pagesCannotTakeTheSiteOwnAddresses() {
        assertNull(PublishedNames.slugProblem("about"));
        assertNull(PublishedNames.slugProblem("Data-Formats"));
        assertTrue(PublishedNames.slugProblem("datasets").contains("reserved"));
        assertTrue(PublishedNames.slugProblem("Assets").contains("reserved"));
        assertNotNull(PublishedNames.slugProblem("javascript:alert(1)%2F%2F"));
        assertNotNull(PublishedNames.slugProblem("a b"));
        assertNotNull(PublishedNames.slugProblem("x".repeat(81)));
    }

    @Test
    void deepNestingIsCountedAtTheStartOfALine() {
        assertEquals(4, MarkdownLimits.containersAt("> > - 1. text", 0, 13));
        assertEquals(0, MarkdownLimits.containersAt("-not a list", 0, 11));
        assertEquals(1, MarkdownLimits.containersAt("12) item", 0, 8));
        assertEquals(4, MarkdownLimits.containersAt(">>>>", 0, 4));
    }
}
