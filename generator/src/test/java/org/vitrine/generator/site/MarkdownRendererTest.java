package org.vitrine.generator.site;

import com.vladsch.flexmark.ext.autolink.AutolinkExtension;
import com.vladsch.flexmark.ext.footnotes.FootnoteExtension;
import com.vladsch.flexmark.ext.gfm.strikethrough.StrikethroughExtension;
import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.TextCollectingVisitor;
import com.vladsch.flexmark.util.data.MutableDataSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parsing a body with only the extensions it can use gives what parsing it with all of them gives. */
class MarkdownRendererTest {

    private final MarkdownRenderer chosen = new MarkdownRenderer();
    private final MarkdownRenderer every = new MarkdownRenderer(false);

    static List<String> bodies() {
        return List.of(
            "Plain **bold**, *emphasis*, `code` and a [link](https://example.org/).\n\n- one\n- two\n",
            "| a | b |\n|---|---|\n| 1 | 2 |\n",
            "a | b\n--|--\n1 | 2\n",
            "See https://www.cxidb.org/id-1.html and www.esrf.fr or mail curator@example.org.",
            "Only www.esrf.fr and WWW.EXAMPLE.ORG here.",
            "A scheme alone: https:// and ftp://host/x",
            "Only mail: curator@example.org.",
            "An entity that spells an address: user&#64;example.org",
            "Entities that spell a scheme: https&#58;&#47;&#47;example.org",
            "~~gone~~ and ~single~ tildes",
            "A claim[^1].\n\n[^1]: Its source.\n",
            "Escaped \\| pipe, \\~ tilde, \\[^x] and \\<b> tag",
            "<b>raw</b> <script>alert(1)</script> & more",
            "# Heading\n\n> quote with a | pipe\n\n```\ncode | with ~ and [^x]\n```\n",
            "Energy: 9.3 keV; distance: 0.1 m; ratio 1/2 and a path a/b//c",
            "Addresses only where links go: [a link](https://example.org/x), [another](http://www.example.org \"title\"),"
                    + " ![an image](https://example.org/a.png), <https://example.org/angle> and [write](mailto:someone@example.org).",
            "A reference [link][1] and `code https://example.org/in-code`.\n\n[1]: https://www.example.org/ref\n",
            "Not a link: \\[text](https://example.org/escaped) and an unclosed [link](https://example.org/open and more",
            "An address in emphasis: **www.example.org** and _https://example.org/x_ and a link's text [https://example.org/t](/t)",
            "Escapes that spell a scheme: http:\\/\\/example.org/path",
            "An escape that spells an e-mail address: someone\\@example.org",
            "Split by markup: w*ww*.example.org, ht*tps://exa*mple.org and curator@*example*.org",
            "Setext\n======\n\nand\n---\n\nunder a list:\n\n- Foo\n  ---\n- Bar\n  =\n",
            "Breaks: \n\n* * *\n\n- - -\n\n___\n\n1. ***\n2. -  -  -\n\n- __ _\n",
            "A paragraph\n\n    indented code\n\n- item\n\n      code in an item\n\n\tcode after a tab\n",
            "> A quote\n> ---\n>\n>     quoted code\n> # quoted heading\n\n>> nested\n",
            "Fences:\n\n```java\nint a;\n```\n\n~~~\ncode\n~~~\n\n- ```\n  in a list\n  ```\n",
            "A [reference][r] and a [shortcut], undefined [here].\n\n[r]: https://example.org/r \"Title\"\n[shortcut]: /s\n",
            "<div>\nblock *html*\n</div>\n\n<!-- a comment -->\n\nAfter.",
            "# ATX\n\n## with trailing ##\n\n#not a heading\n\n- # in a list\n\n1. heading\n   ===\n",
            "Dashes -- and --- in text, a=b, == and an arrow -> here",
            "");
    }

    @ParameterizedTest
    @MethodSource("bodies")
    void theSameHtmlAsWithEveryExtension(String markdown) {
        assertEquals(every.toHtml(markdown), chosen.toHtml(markdown));
        assertEquals(every.parse(markdown).text(300), chosen.parse(markdown).text(300));
    }

    /** Summaries read only the first blocks: they must be what the whole body's text begins with. */
    @ParameterizedTest
    @MethodSource("bodies")
    void theSummaryIsTheStartOfTheWholeText(String markdown) {
        String whole = new TextCollectingVisitor().collectAndGetText(Parser.builder(new MutableDataSet().set(Parser.EXTENSIONS,
                List.of(TablesExtension.create(), AutolinkExtension.create(), StrikethroughExtension.create(),
                        FootnoteExtension.create()))).build().parse(markdown)).replaceAll("\\s+", " ").strip();
        for (int max : new int[] {12, 40, 300}) {
            int cut = whole.lastIndexOf(' ', max - 1);
            String expected = whole.length() <= max ? whole : whole.substring(0, cut > max / 2 ? cut : max - 1) + "…";
            assertEquals(expected, chosen.parse(markdown).text(max), "at most " + max);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {">", "- ", "**"})
    void aBodyNestedTooDeeplyForTheParserIsPublishedAsPlainText(String run) {
        String markdown = "Intro <b>\n\n" + run.repeat(30_000) + "x";
        MarkdownRenderer.Parsed parsed = chosen.parse(markdown);
        String html = parsed.html();
        assertTrue(html.startsWith("<p>Intro &lt;b&gt;</p>"), html);
        assertTrue(parsed.text(300).startsWith("Intro <b>"));
    }

    @Test
    void aPlainBodyIsParsedWithoutTheBlockParsersItCannotUse() {
        assertEquals(0, MarkdownRenderer.blockParsersUsable(
                "Plain **bold**, *emphasis*, `code` and a [link](https://example.org/).\n\n- one\n- two\n"));
        assertEquals(1, MarkdownRenderer.blockParsersUsable("# Title"));
        assertEquals(1, MarkdownRenderer.blockParsersUsable("Title\n  ===  \n"));
        assertEquals(32, MarkdownRenderer.blockParsersUsable("1. * * *"));
        assertEquals(1 | 2 | 16 | 32, MarkdownRenderer.blockParsersUsable("> quoted"), "a quote may hold any block");
        assertEquals(4 | 8 | 64, MarkdownRenderer.blockParsersUsable("~~~\ncode\n~~~\n\n<div\n\n[a]: /a"));
    }

    @Test
    void addressesOnlyInLinksNeedNoAutolinking() {
        Parser plain = Parser.builder().build();
        assertFalse(MarkdownRenderer.textCouldAutolink(plain.parse(
                "A [link](https://www.example.org/), ![a picture](https://example.org/a.png) and [mail](mailto:a@example.org)")));
        assertTrue(MarkdownRenderer.textCouldAutolink(plain.parse("See https://example.org/ for more")));
        assertTrue(MarkdownRenderer.textCouldAutolink(plain.parse("See *www.example.org*")));
        assertTrue(MarkdownRenderer.textCouldAutolink(plain.parse("Write to someone&#64;example.org")));
    }

    @Test
    void theDemoBodiesGiveTheSameHtmlAsWithEveryExtension() throws Exception {
        List<Path> pages;
        try (Stream<Path> files = Files.walk(org.vitrine.generator.Fixtures.demoContent())) {
            pages = files.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        }
        assertFalse(pages.isEmpty());
        for (Path page : pages) {
            String text = Files.readString(page);
            assertEquals(every.toHtml(text), chosen.toHtml(text), page.toString());
        }
    }
}
