package org.vitrine.core.search;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The words a reader sees in a description, whatever markup is or is not there. */
class PlainTextTest {

    @ParameterizedTest
    @CsvSource(delimiter = '^', quoteCharacter = '"', value = {
            "Plain words only.^Plain words only.",
            "Some *emphasis*, __strong__ and `code`.^Some emphasis, strong and code.",
            "A [link](https://example.org/x) and an ![image](a.png).^A link and an image.",
            "See https://example.org/a?b=1 now.^See now.",
            "Raw <b>bold</b> &amp; <i>more</i> &lt;3^Raw bold & more <3",
            "\"# Heading\n\n> quoted\n\n- item one\n1. item two\"^Heading quoted item one item two",
            "\"Before\n```\ncode\n```\nafter\"^Before code after",
            "\"Text [ref][1].\n\n[1]: https://example.org/\"^Text [ref][1].",
            "\"Spaces   and\ttabs\n\nand lines\"^Spaces and tabs and lines",
            "a | table | row^a table row",
            "~~~ fenced with tildes^\"\"",
            "Frames under entry_1/data_1 and __strong__ _words_.^Frames under entry_1/data_1 and strong words.",
            "snake_case_name, a_ b, _c^snake_case_name, a b, c"})
    void markupIsRemoved(String markdown, String text) {
        assertEquals(text, PlainText.of(markdown));
    }

    /** The last two passes as patterns: marks, and underscores but those between letters or digits. */
    private static String byPatterns(String s) {
        s = s.replaceAll("[*`~|]+|(?<![\\p{L}\\p{Nd}_])_+|_+(?![\\p{L}\\p{Nd}_])", "");
        if (s.indexOf('&') >= 0) {
            s = s.replace("&nbsp;", " ").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
        }
        return s.replaceAll("\\s+", " ").strip();
    }

    @Test
    void emphasisAndSpacePassesMatchTheirPatterns() {
        // Characters of the last two passes (a list marker "* " the earlier pass takes ends the same).
        char[] alphabet = "ab1 *_`~|&;nbsp \t\n\u000B\f\r\u2003\u00A0".toCharArray();
        java.util.Random random = new java.util.Random(7);
        for (int n = 0; n < 5000; n++) {
            StringBuilder s = new StringBuilder("x");
            for (int i = random.nextInt(30); i > 0; i--) {
                s.append(alphabet[random.nextInt(alphabet.length)]);
            }
            assertEquals(byPatterns(s.toString()), PlainText.of(s.toString()), s.toString());
        }
    }
}
