package org.vitrine.generator;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vitrine.generator.site.MarkdownRenderer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whatever a curator writes, the HTML has no script, event handler or script URL. */
class MarkdownSafetyTest {

    private final MarkdownRenderer markdown = new MarkdownRenderer();

    @ParameterizedTest
    @ValueSource(strings = {
            "[click](javascript:alert(1))",
            "[click](JaVaScRiPt:alert(1))",
            "[click](jav&#x61;script:alert(1))",
            "[click](&#106;avascript:alert(1))",
            "![img](javascript:alert(1))",
            "<javascript:alert(1)>",
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "<a href=\"vbscript:msgbox(1)\">x</a>",
            "[x]: javascript:alert(1)\n\n[link][x]",
            "<svg onload=alert(1)>",
            "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"})
    void nothingRunsCode(String source) {
        String html = markdown.toHtml("Text.\n\n" + source + "\n");
        Document doc = Jsoup.parseBodyFragment(html);
        assertTrue(doc.select("script, svg, iframe, [onerror], [onload], [onclick]").isEmpty(), html);
        doc.select("[href], [src]").forEach(e -> {
            String url = (e.hasAttr("href") ? e.attr("href") : e.attr("src")).toLowerCase().strip();
            assertFalse(url.startsWith("javascript:") || url.startsWith("vbscript:") || url.startsWith("data:"), html);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"Plain **bold** and a [link](https://example.org/).", "| a | b |\n|---|---|\n| 1 | 2 |"})
    void ordinaryMarkdownKeepsItsFormatting(String source) {
        Document doc = Jsoup.parseBodyFragment(markdown.toHtml(source));
        assertFalse(doc.select("strong, a[href=https://example.org/], table").isEmpty(), doc.body().html());
    }
}
