package org.vitrine.core.search;

import java.util.regex.Pattern;

/**
 * Markdown reduced to the words a reader sees, for indexing and snippets: no markup, no URLs,
 * no HTML tags, whitespace collapsed.
 */
public final class PlainText {

    private static final Pattern FENCE = Pattern.compile("(?m)^\\s*(```|~~~).*$");
    private static final Pattern IMAGE = Pattern.compile("!\\[([^\\]]*)]\\([^)]*\\)");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)]\\([^)]*\\)");
    private static final Pattern REFERENCE_DEFINITION = Pattern.compile("(?m)^\\s*\\[[^\\]]+]:\\s*\\S+.*$");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern AUTOLINK = Pattern.compile("https?://\\S+");
    private static final Pattern HEADING_OR_QUOTE = Pattern.compile("(?m)^\\s{0,3}(#{1,6}|>+|[-*+]|\\d+\\.)\\s+");
    private static final Pattern EMPHASIS = Pattern.compile("[*_`~|]+");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private PlainText() {
    }

    /** The text of {@code markdown}; "" for null. */
    public static String of(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return "";
        }
        String s = FENCE.matcher(markdown).replaceAll(" ");
        s = REFERENCE_DEFINITION.matcher(s).replaceAll(" ");
        s = IMAGE.matcher(s).replaceAll("$1");
        s = LINK.matcher(s).replaceAll("$1");
        s = TAG.matcher(s).replaceAll(" ");
        s = AUTOLINK.matcher(s).replaceAll(" ");
        s = HEADING_OR_QUOTE.matcher(s).replaceAll("");
        s = EMPHASIS.matcher(s).replaceAll("");
        s = s.replace("&nbsp;", " ").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
        return SPACE.matcher(s).replaceAll(" ").strip();
    }
}
