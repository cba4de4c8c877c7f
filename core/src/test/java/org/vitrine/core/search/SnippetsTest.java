package org.vitrine.core.search;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnippetsTest {

    private static Snippets of(String query) {
        return new Snippets(new DatasetQueryParser().parseQuery(query));
    }

    /** The query on every field marks what the query limited to the description would. */
    @Test
    void theFullQueryMarksWhatTheDescriptionQueryMarks() {
        String text = "A ptychographic scan of hen lysozyme crystals, then thin film tomography at ESRF; "
                + "zeolite grains & <b>markup</b>. Other words: perovskite, w17, virus, protein crystal.";
        for (String q : java.util.List.of("crystal", "ptycho*", "lysozym~", "\"thin film\"", "zeolte~", "pero*",
                "facility:esrf", "w17", "virus -protein", "title:crystal", "hen AND (scan OR absent)", "")) {
            Snippets description = new Snippets(new DatasetQueryParser(java.util.List.of(SearchSchema.DESCRIPTION)).parseQuery(q));
            assertEquals(description.of(text), of(q).of(text), q);
        }
    }

    @Test
    void marksEveryFormOfAMatchedWordAndEscapesTheRest() {
        assertEquals("<mark>Crystals</mark> &lt;b&gt; &amp; <mark>crystal</mark>", of("crystal").of("Crystals <b> & crystal"));
    }

    @Test
    void startsAtTheSentenceOfTheFirstMatch() {
        String text = "First sentence about nothing. Second one names the zeolite grains. Third.";
        assertEquals("Second one names the <mark>zeolite</mark> grains. Third.", of("zeolite").of(text));
    }

    @Test
    void cutsLongTextAtAWordAroundTheMatch() {
        String text = "word ".repeat(100) + "target " + "word ".repeat(100);
        String snippet = of("target").of(text.strip());
        assertTrue(snippet.contains("<mark>target</mark>"), snippet);
        assertTrue(snippet.endsWith("…"), snippet);
        assertTrue(snippet.startsWith("word "), snippet);
        assertTrue(snippet.length() < Snippets.LENGTH + 20, snippet);
    }

    @Test
    void prefixesAndFuzzyTermsMarkTheWordsTheyMatch() {
        assertEquals("A <mark>ptychographic</mark> scan.", of("ptycho*").of("A ptychographic scan."));
        assertEquals("Hen <mark>lysozyme</mark>.", of("lysozym~").of("Hen lysozyme."));
        assertEquals("Nothing here.", of("absent").of("Nothing here."));
        assertEquals("Only the <mark>wanted</mark> word, not the other.", of("wanted -other").of("Only the wanted word, not the other."));
    }
}
