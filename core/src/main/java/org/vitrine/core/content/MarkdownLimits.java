package org.vitrine.core.content;

/**
 * How much markdown one dataset or page may hold. Descriptions and pages are a few kB; the
 * markdown parser's time grows faster than their length on some text (long runs of links in one
 * paragraph, deep nesting), so hostile or mistaken files far beyond that would stall a build
 * for minutes. Check and build refuse them alike, at their line.
 */
public final class MarkdownLimits {

    /** Most bytes of one markdown file (front matter included). */
    public static final long MAX_BYTES = 64_000;
    /** Most quotes and list items one line may open at its start ("> > - 1. text"). */
    public static final int MAX_NESTING = 32;

    private MarkdownLimits() {
    }

    /** The problem of a markdown file of {@code bytes}, or null when it is within the limit. */
    public static String sizeProblem(long bytes) {
        if (bytes <= MAX_BYTES) {
            return null;
        }
        return String.format(java.util.Locale.ROOT, "this file has %.1f kB; a dataset's or page's markdown may have at most %d kB"
                + " (put long material in a file of the dataset, or link it)", bytes / 1000.0, MAX_BYTES / 1000);
    }

    /** Reports each line of {@code fm}'s body that nests quotes and lists more than {@link #MAX_NESTING} deep. */
    public static void checkNesting(FrontMatter fm, Problems problems) {
        String body = fm.body();
        int line = fm.bodyLine();
        for (int start = 0; start < body.length(); line++) {
            int end = body.indexOf('\n', start);
            end = end < 0 ? body.length() : end;
            int depth = containersAt(body, start, end);
            if (depth > MAX_NESTING) {
                problems.error(fm.file(), line, "this line opens " + depth + " quotes and lists in one another; markdown may nest at most "
                        + MAX_NESTING + " deep");
            }
            start = end + 1;
        }
    }

    /**
     * How many block quotes ('>') and list items ('-', '+', '*', or a number with '.' or ')',
     * each followed by a space or tab) the line {@code text[start, end)} opens, one inside the
     * other, before its text.
     */
    static int containersAt(String text, int start, int end) {
        int depth = 0;
        int i = start;
        while (true) {
            while (i < end && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                i++;
            }
            if (i >= end) {
                return depth;
            }
            char c = text.charAt(i);
            if (c == '>') {
                i++;
            } else if ((c == '-' || c == '+' || c == '*') && i + 1 < end && (text.charAt(i + 1) == ' ' || text.charAt(i + 1) == '\t')) {
                i += 2;
            } else {
                int digits = i;
                while (digits < end && digits - i < 10 && text.charAt(digits) >= '0' && text.charAt(digits) <= '9') {
                    digits++;
                }
                if (digits == i || digits + 1 >= end || (text.charAt(digits) != '.' && text.charAt(digits) != ')')
                        || (text.charAt(digits + 1) != ' ' && text.charAt(digits + 1) != '\t')) {
                    return depth;
                }
                i = digits + 2;
            }
            depth++;
        }
    }
}
