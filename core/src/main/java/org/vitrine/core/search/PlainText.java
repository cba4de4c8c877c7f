package org.vitrine.core.search;

import java.util.regex.Pattern;

/**
 * Markdown reduced to the words a reader sees, for indexing and snippets: no markup, no URLs,
 * no HTML tags, whitespace collapsed.
 */
public final class PlainText {

    // Each pattern looks a bounded way ahead from where it may start (the rest of a line, or a
    // thousand characters): unbounded, a long body of openers without closers ("<<<…", "[a](…")
    // made each start scan to the end, minutes for a 64 kB description.
    private static final Pattern FENCE = Pattern.compile("(?m)^[ \\t]*(```|~~~).*$");
    private static final Pattern IMAGE = Pattern.compile("!\\[([^\\]]{0,1000})]\\([^)]{0,1000}\\)");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]{0,1000})]\\([^)]{0,1000}\\)");
    private static final Pattern REFERENCE_DEFINITION = Pattern.compile("(?m)^[ \\t]*\\[[^\\]]{1,1000}]:\\s*\\S+.*$");
    private static final Pattern TAG = Pattern.compile("<[^>]{0,1000}>");
    private static final Pattern AUTOLINK = Pattern.compile("https?://\\S+");
    private static final Pattern HEADING_OR_QUOTE = Pattern.compile("(?m)^\\s{0,3}(#{1,6}|>+|[-*+]|\\d+\\.)\\s+");

    private PlainText() {
    }

    /** The text of {@code markdown}; "" for null. */
    public static String of(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return "";
        }
        // Each pass runs only where its markup can be: most descriptions have few kinds of it,
        // and ten thousand of them pass through here in a build.
        String s = markdown;
        if (s.contains("```") || s.contains("~~~")) {
            s = FENCE.matcher(s).replaceAll(" ");
        }
        if (s.contains("]:")) {
            s = REFERENCE_DEFINITION.matcher(s).replaceAll(" ");
        }
        if (s.contains("](")) {
            s = IMAGE.matcher(s).replaceAll("$1");
            s = LINK.matcher(s).replaceAll("$1");
        }
        if (s.indexOf('<') >= 0) {
            s = TAG.matcher(s).replaceAll(" ");
        }
        if (s.contains("http")) {
            s = AUTOLINK.matcher(s).replaceAll(" ");
        }
        s = HEADING_OR_QUOTE.matcher(s).replaceAll("");
        s = withoutEmphasis(s);
        if (s.indexOf('&') >= 0) {
            s = s.replace("&nbsp;", " ").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
        }
        return collapseSpace(s).strip();
    }

    // The last two passes run on every description: a loop each, since a pattern costs several
    // times as much where only the quick compiler runs (a build).

    /**
     * {@code s} without emphasis, code, strike-through and table marks: '*', '`', '~', '|', and
     * '_' except between letters or digits, where it belongs to a word ({@code entry_1}, and
     * markdown does not read it as emphasis there either).
     */
    private static String withoutEmphasis(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean mark = c == '*' || c == '`' || c == '~' || c == '|';
            if (c == '_') {
                int end = i;
                while (end < s.length() && s.charAt(end) == '_') {
                    end++;
                }
                mark = !(i > 0 && Character.isLetterOrDigit(s.charAt(i - 1)) && end < s.length()
                        && Character.isLetterOrDigit(s.charAt(end)));
                if (!mark) {
                    if (out != null) {
                        out.append(s, i, end);
                    }
                    i = end - 1;
                    continue;
                }
            }
            if (mark && out == null) {
                out = new StringBuilder(s.length()).append(s, 0, i);
            } else if (!mark && out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }

    /** {@code s} with each run of whitespace (as a pattern's {@code \s} knows it) made one space. */
    private static String collapseSpace(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean inRun = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r') {
                if (!inRun) {
                    out.append(' ');
                    inRun = true;
                }
            } else {
                out.append(c);
                inRun = false;
            }
        }
        return out.toString();
    }
}
