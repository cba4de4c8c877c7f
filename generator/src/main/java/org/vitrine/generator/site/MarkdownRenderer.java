package org.vitrine.generator.site;

import com.vladsch.flexmark.ast.HtmlBlockBase;
import com.vladsch.flexmark.ast.HtmlEntity;
import com.vladsch.flexmark.ast.HtmlInlineBase;
import com.vladsch.flexmark.ast.Text;
import com.vladsch.flexmark.ext.autolink.AutolinkExtension;
import com.vladsch.flexmark.ext.footnotes.FootnoteExtension;
import com.vladsch.flexmark.ext.gfm.strikethrough.StrikethroughExtension;
import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.TextCollectingVisitor;
import com.vladsch.flexmark.util.misc.Extension;
import com.vladsch.flexmark.util.data.DataKey;
import com.vladsch.flexmark.util.data.MutableDataSet;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Entities;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.DoNotDecorate;
import com.vladsch.flexmark.util.ast.DoNotLinkDecorate;
import com.vladsch.flexmark.util.ast.Node;
import org.jsoup.safety.Safelist;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Curators' markdown to safe HTML: flexmark (GitHub-flavoured tables, autolinks, strikethrough,
 * footnotes) with every link and image address held to the {@link org.vitrine.core.content.UrlPolicy
 * URL policy}, then, where the body holds raw HTML, a jsoup safelist, so raw HTML in a body can
 * format text but never run script.
 * Parsers are made once and serve every page: building flexmark's parser per document is what
 * makes jbake-core's markdown engine slow on large sites.
 */
public final class MarkdownRenderer {

    /** What raw HTML in a body may keep: formatting, links and images, with addresses the URL policy allows. */
    static final Safelist SAFE = new SafeAddresses.Safelist(Safelist.relaxed()
            .addTags("figure", "figcaption", "abbr", "sup", "sub", "hr", "del", "s")
            .addAttributes(":all", "id", "class", "title")
            .addAttributes("abbr", "title")
            .addAttributes("th", "align").addAttributes("td", "align"));

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n\\s*\\n");

    /** The extensions, in the order of the low bits of a flavour's index in {@link #flavours}. */
    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create(), AutolinkExtension.create(),
            StrikethroughExtension.create(), FootnoteExtension.create());

    /**
     * The core block parsers that a body may not need, in the order of the bits of a flavour's
     * index after the extensions' (see {@link #blockParsersUsable}).
     */
    private static final List<DataKey<Boolean>> BLOCK_PARSERS = List.of(Parser.HEADING_PARSER, Parser.BLOCK_QUOTE_PARSER,
            Parser.FENCED_CODE_BLOCK_PARSER, Parser.HTML_BLOCK_PARSER, Parser.INDENTED_CODE_BLOCK_PARSER,
            Parser.THEMATIC_BREAK_PARSER, Parser.REFERENCE_PARAGRAPH_PRE_PROCESSOR);

    /** A parser and a renderer with the same extensions. */
    private record Flavour(Parser parser, HtmlRenderer renderer) {
    }

    /**
     * A flavour for each set of extensions and block parsers, made when first needed. Most bodies
     * have no table, footnote, heading or quote, and flexmark prepares every extension and block
     * parser for every document (the tables extension compiles a pattern each time, the heading
     * parser seven): without those a body cannot use, it gives the same HTML at a fraction of the
     * cost.
     */
    private final Flavour[] flavours = new Flavour[1 << (EXTENSIONS.size() + BLOCK_PARSERS.size())];
    private final boolean chooseExtensions;

    public MarkdownRenderer() {
        this(true);
    }

    /** @param chooseExtensions false to parse every body with every extension (what the choice must equal) */
    MarkdownRenderer(boolean chooseExtensions) {
        this.chooseExtensions = chooseExtensions;
    }

    /**
     * Parses markdown once, for both its HTML and its plain text. A body flexmark cannot parse
     * or render without overflowing the stack (it recurses once per level of nesting, and its
     * regular expressions once per character of some long runs) is published as plain text.
     */
    public Parsed parse(String markdown) {
        try {
            return parseMarkdown(markdown);
        } catch (StackOverflowError tooDeep) {
            return new Parsed(markdown, null, null);
        }
    }

    private Parsed parseMarkdown(String markdown) {
        int bits = chooseExtensions ? extensionsUsable(markdown) | blockParsersUsable(markdown) << EXTENSIONS.size()
                : flavours.length - 1;
        if (chooseExtensions && (bits & AUTOLINK) != 0) {
            // The address that let autolinks in is mostly a link's destination, which is not
            // text to autolink, and looking for addresses in every text costs a fifth of the
            // parse. So the body is parsed without autolinks, and again with them only when its
            // text holds something that could be one.
            Flavour without = flavour(bits & ~AUTOLINK);
            Document document = without.parser().parse(markdown);
            if (!textCouldAutolink(document)) {
                return new Parsed(markdown, document, without.renderer());
            }
        }
        Flavour flavour = flavour(bits);
        return new Parsed(markdown, flavour.parser().parse(markdown), flavour.renderer());
    }

    /** The bit of {@link AutolinkExtension} in a flavour's index. */
    private static final int AUTOLINK = 2;

    /**
     * Whether flexmark's autolinker could find an address in the text of {@code document}: it
     * reads the text outside links and code, with the entities and escapes in it resolved, for
     * a scheme's "//", "www" or an e-mail's '@'. An entity or escape there could spell one.
     */
    static boolean textCouldAutolink(Document document) {
        for (Node node : document.getDescendants()) {
            if ((node instanceof Text || node instanceof HtmlEntity)
                    && node.getAncestorOfType(DoNotDecorate.class, DoNotLinkDecorate.class) == null) {
                // One copy, then the String's own searches, rather than a character at a time
                // through flexmark's sequence.
                String text = node.getChars().toString();
                if (node instanceof HtmlEntity || hasAddressMark(text) || text.indexOf('\\') >= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether {@code text} has what every address the autolinker finds has: "//", "www" or '@'. */
    private static boolean hasAddressMark(String text) {
        if (text.contains("//") || text.indexOf('@') >= 0) {
            return true;
        }
        for (char w : new char[] {'w', 'W'}) {
            for (int i = text.indexOf(w); i >= 0; i = text.indexOf(w, i + 1)) {
                if (text.regionMatches(true, i, "www", 0, 3)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The extensions {@code markdown} could use, as bits in the order of {@link #EXTENSIONS}: each
     * needs a character that is not there otherwise. A table needs '|', strikethrough '~', a
     * footnote "[^"; an autolink a "//" (scheme), "www" or '@' (e-mail), or an entity ('&amp;') or
     * escape ('\') that could spell one.
     */
    static int extensionsUsable(String markdown) {
        int bits = 0;
        if (markdown.indexOf('|') >= 0) {
            bits |= 1;
        }
        if (hasAddressMark(markdown) || markdown.indexOf('&') >= 0 || markdown.indexOf('\\') >= 0) {
            bits |= AUTOLINK;
        }
        if (markdown.indexOf('~') >= 0) {
            bits |= 4;
        }
        if (markdown.contains("[^")) {
            bits |= 8;
        }
        return bits;
    }

    /**
     * The core block parsers {@code markdown} could use, as bits in the order of
     * {@link #BLOCK_PARSERS}; each is kept wherever what starts its blocks could be there, also
     * inside a list item or quote. A heading needs '#' or an underline line of '=' or '-'; a quote
     * '>' (which also keeps every parser that a quoted line could need); fenced code "```" or
     * "~~~"; an HTML block '<'; indented code four spaces or a tab; a thematic break three '*',
     * '-' or '_' on a line, spaces aside; a link reference definition "]:".
     */
    static int blockParsersUsable(String markdown) {
        boolean quote = markdown.indexOf('>') >= 0;
        int bits = 0;
        if (quote || markdown.indexOf('#') >= 0 || markdown.lines().anyMatch(MarkdownRenderer::isUnderline)) {
            bits |= 1;
        }
        if (quote) {
            bits |= 2;
        }
        if (markdown.contains("```") || markdown.contains("~~~")) {
            bits |= 4;
        }
        if (markdown.indexOf('<') >= 0) {
            bits |= 8;
        }
        if (quote || markdown.contains("    ") || markdown.indexOf('\t') >= 0) {
            bits |= 16;
        }
        if (quote || markdown.lines().anyMatch(MarkdownRenderer::hasBreakRun)) {
            bits |= 32;
        }
        if (markdown.contains("]:")) {
            bits |= 64;
        }
        return bits;
    }

    /** A setext heading's underline: only '=' or only '-', around spaces. */
    private static boolean isUnderline(String line) {
        String s = line.strip();
        return !s.isEmpty() && (s.chars().allMatch(c -> c == '=') || s.chars().allMatch(c -> c == '-'));
    }

    /** Three '*', '-' or '_' in a row once blanks are taken out: a thematic break could be on this line. */
    private static boolean hasBreakRun(String line) {
        int run = 0;
        char last = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t') {
                continue;
            }
            run = c == last ? run + 1 : 1;
            last = c;
            if (run >= 3 && (c == '*' || c == '-' || c == '_')) {
                return true;
            }
        }
        return false;
    }

    private Flavour flavour(int bits) {
        // A flavour's fields are final: once made, it is seen whole without the lock.
        Flavour made = flavours[bits];
        if (made != null) {
            return made;
        }
        synchronized (flavours) {
            if (flavours[bits] == null) {
                List<Extension> chosen = new java.util.ArrayList<>();
                for (int i = 0; i < EXTENSIONS.size(); i++) {
                    if ((bits & (1 << i)) != 0) {
                        chosen.add(EXTENSIONS.get(i));
                    }
                }
                MutableDataSet options = new MutableDataSet();
                options.set(Parser.EXTENSIONS, chosen);
                for (int i = 0; i < BLOCK_PARSERS.size(); i++) {
                    options.set(BLOCK_PARSERS.get(i), (bits & (1 << (EXTENSIONS.size() + i))) != 0);
                }
                options.set(HtmlRenderer.SOFT_BREAK, "\n");
                flavours[bits] = new Flavour(Parser.builder(options).build(),
                        HtmlRenderer.builder(options).attributeProviderFactory(SafeAddresses.FACTORY).build());
            }
            return flavours[bits];
        }
    }

    /** Whether {@code document} holds raw HTML (blocks, inline tags or comments), which flexmark writes out as it is. */
    static boolean hasRawHtml(Document document) {
        for (Node node : document.getDescendants()) {
            if (node instanceof HtmlBlockBase || node instanceof HtmlInlineBase) {
                return true;
            }
        }
        return false;
    }

    /** Renders markdown and removes anything outside the safelist (scripts, event handlers, iframes, styles). */
    public String toHtml(String markdown) {
        return parse(markdown).html();
    }

    /** A parsed markdown document. */
    public final class Parsed {
        private final String markdown;
        /** Null when flexmark could not parse the body: it is then shown as plain text. */
        private final Document document;
        private final HtmlRenderer renderer;

        private Parsed(String markdown, Document document, HtmlRenderer renderer) {
            this.markdown = markdown;
            this.document = document;
            this.renderer = renderer;
        }

        /**
         * Safe HTML. Flexmark escapes all text, and writes each link's and image's address only
         * when the URL policy allows it (as parsed, with its escapes and entities resolved); raw
         * HTML in the body, the one thing it passes through as written, is cleaned with the
         * safelist, which applies the same policy.
         */
        public String html() {
            if (document != null) {
                try {
                    String html = renderer.render(document);
                    if (!hasRawHtml(document)) {
                        return html;
                    }
                    org.jsoup.nodes.Document.OutputSettings out = new org.jsoup.nodes.Document.OutputSettings().prettyPrint(false);
                    return Jsoup.clean(html, "", SAFE, out);
                } catch (StackOverflowError tooDeep) {
                    // Shown as plain text below.
                }
            }
            StringBuilder html = new StringBuilder();
            for (String paragraph : BLANK_LINES.split(markdown.strip())) {
                html.append("<p>").append(Entities.escape(paragraph)).append("</p>\n");
            }
            return html.toString();
        }

        /**
         * Plain text (for summaries, metadata descriptions and feeds), at most {@code max}
         * characters, cut at a word. Raw HTML blocks are left out. Only the blocks the summary
         * needs are read: collecting the text of a whole long body takes flexmark time that
         * grows with the square of its length.
         */
        public String text(int max) {
            CharSequence collected = document == null ? markdown : firstBlocksText(max);
            String text = WHITESPACE.matcher(collected).replaceAll(" ").strip();
            if (text.length() <= max) {
                return text;
            }
            int cut = text.lastIndexOf(' ', max - 1);
            return text.substring(0, cut > max / 2 ? cut : max - 1) + "…";
        }

        /**
         * The text of the document's first blocks, until it has more than {@code max} characters;
         * the source when flexmark overflows the stack.
         */
        private CharSequence firstBlocksText(int max) {
            StringBuilder collected = new StringBuilder();
            try {
                for (Node block = document.getFirstChild(); block != null && collected.length() <= max; block = block.getNext()) {
                    String text = new TextCollectingVisitor().collectAndGetText(block);
                    collected.append(' ').append(WHITESPACE.matcher(text).replaceAll(" ").strip());
                }
                return collected;
            } catch (StackOverflowError tooDeep) {
                return markdown;
            }
        }
    }
}
