package org.vitrine.generator.site;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whatever a curator writes, the HTML has no script, event handler or script URL. */
public class MarkdownSafetyTest {

    private final MarkdownRenderer markdown = new MarkdownRenderer();

    /** Markdown and raw HTML that try to run script, each spelling the scheme another way. */
    public static List<String> hostile() {
        return List.of(
                "[click](javascript:alert(1))",
                "[click](JaVaScRiPt:alert(1))",
                "[x](javascript\\:alert(document.domain))",
                "![p](javascript\\:alert(1))",
                "[x](javascript&#58;alert(1))",
                "[x](javascript&colon;alert(1))",
                "[x](java&#x09;script:alert(1))",
                "[x](<java\tscript:alert(1)>)",
                "[x](<javascript:alert(1)> \"title\")",
                "[x]( javascript:alert(1))",
                "[click](jav&#x61;script:alert(1))",
                "[click](&#106;avascript:alert(1))",
                "[click](&#0000106;avascript:alert(1))",
                "![img](javascript:alert(1))",
                "![img](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
                "<javascript:alert(1)>",
                "<JAVASCRIPT:alert(1)>",
                "javascript:alert(1) as plain text, and www.example.org",
                "<script>alert(1)</script>",
                "<img src=x onerror=alert(1)>",
                "<a href=\"vbscript:msgbox(1)\">x</a>",
                "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
                "<a href=\"&#x6A;avascript&#x3A;alert(1)\">x</a>",
                "<a href=\" javascript:alert(1)\">x</a>",
                "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>",
                "<blockquote cite=\"javascript:alert(1)\">q</blockquote>",
                "<form action=\"javascript:alert(1)\"><button>go</button></form>",
                "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
                "<details open ontoggle=alert(1)>x</details>",
                "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
                "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
                "<!--<img src=\"--><img src=x onerror=alert(1)//\">",
                "<base href=\"javascript:alert(1)//\">",
                "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
                "<object data=\"javascript:alert(1)\"></object><embed src=\"javascript:alert(1)\">",
                "<p style=\"background:url(javascript:alert(1))\">styled</p>",
                "[x]: javascript:alert(1)\n\n[link][x]",
                "[x]: javascript\\:alert(1)\n\n![image][x]",
                "<svg onload=alert(1)>",
                "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
                "| a | [b](javascript:alert(1)) |\n|---|---|\n| ![c](javascript:alert(1)) | d |",
                "A claim[^1].\n\n[^1]: [source](javascript:alert(1))",
                "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)");
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void nothingRunsCode(String source) {
        String html = markdown.toHtml("Text.\n\n" + source + "\n");
        Document doc = Jsoup.parseBodyFragment(html);
        assertTrue(doc.select("script, svg, math, iframe, form, object, embed, base, meta, style, [style], [onerror], [onload],"
                + " [onclick], [ontoggle]").isEmpty(), html);
        doc.select("[href], [src], [cite], [action]").forEach(e -> e.attributes().forEach(a -> {
            String url = a.getValue().replaceAll("[\\t\\n\\r]", "").toLowerCase().strip();
            assertFalse(url.startsWith("javascript:") || url.startsWith("vbscript:") || url.startsWith("data:"), html);
        }));
        // What flexmark writes without cleaning is what the safelist keeps: the policy holds on both paths.
        assertTrue(Jsoup.isValid(html, MarkdownRenderer.SAFE), html);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Plain **bold** and a [link](https://example.org/).", "| a | b |\n|---|---|\n| 1 | 2 |"})
    void ordinaryMarkdownKeepsItsFormatting(String source) {
        Document doc = Jsoup.parseBodyFragment(markdown.toHtml(source));
        assertFalse(doc.select("strong, a[href=https://example.org/], table").isEmpty(), doc.body().html());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[a](../other/)", "[a](#section)", "[a](mailto:curator@example.org)", "[a](https://example.org/x?y=1)",
            "![a](figure.png)", "<a href=\"../other/\">a</a>", "<img src=\"https://example.org/a.png\" alt=\"a\">"})
    void safeAddressesAreKeptAsWritten(String source) {
        Document doc = Jsoup.parseBodyFragment(markdown.toHtml(source));
        String written = source.replaceFirst("^.*?(\\(|=\")", "").replaceFirst("(\\)|\").*$", "");
        assertEquals(1, doc.select("[href=\"" + written + "\"], [src=\"" + written + "\"]").size(), doc.body().html());
    }
}
