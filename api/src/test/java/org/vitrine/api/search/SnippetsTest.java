package org.vitrine.api.search;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnippetsTest {

    private static Snippets of(String query) {
        return new Snippets(new DatasetQueryParser().parseQuery(query));
    }

    /** Words without a field and description: words are marked; other fields' words and excluded words are not. */
    @Test
    void marksTheDescriptionWordsOfTheQuery() {
        String text = "A ptychographic scan of hen lysozyme crystals, then thin film tomography at ESRF; "
                + "zeolite grains. Other words: perovskite, w17, virus, protein crystal.";
        assertEquals("A <mark>ptychographic</mark> scan", cut(of("ptycho*").of(text)));
        assertEquals("A ptychographic scan of hen <mark>lysozyme</mark>", cut(of("lysozym~").of(text), 6));
        assertTrue(of("\"thin film\"").of(text).contains("then <mark>thin</mark> <mark>film</mark> tomography"));
        assertEquals("A ptychographic scan of hen lysozyme <mark>crystals</mark>,",
                cut(of("description:crystal").of(text), 7));
        assertTrue(of("virus -protein").of(text).contains("<mark>virus</mark>, protein"), of("virus -protein").of(text));
        for (String q : java.util.List.of("facility:esrf", "title:crystal", "")) {
            assertTrue(!of(q).of(text).contains("<mark>"), q);
        }
    }

    private static String cut(String html) {
        return cut(html, 3);
    }

    /** The first {@code words} words of {@code html}. */
    private static String cut(String html, int words) {
        String[] w = html.split(" ");
        return String.join(" ", java.util.Arrays.copyOf(w, Math.min(words, w.length)));
    }

    @Test
    void marksEveryFormOfAMatchedWordAndEscapesTheRest() {
        assertEquals("<mark>Crystals</mark> &lt;b&gt; &amp; <mark>crystal</mark>", of("crystal").of("Crystals <b> & crystal"));
        assertEquals("Two <mark>BATTERIES</mark>, one <mark>battery</mark>.", of("batteries").of("Two BATTERIES, one battery."));
        assertEquals("<mark>Café</mark> and <mark>cafes</mark>", of("cafe").of("Café and cafes"));
        assertEquals("Nothing here.", of("battery").of("Nothing here."));
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
