package org.vitrine.core.search;

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
            "~~~ fenced with tildes^\"\""})
    void markupIsRemoved(String markdown, String text) {
        assertEquals(text, PlainText.of(markdown));
    }
}
