package org.vitrine.core.content;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What names that become folders and files of the site may be: dataset ids
 * ({@code datasets/<id>/}), content pages ({@code <slug>/}), keywords, facilities and techniques
 * (their listing pages) and published file names ({@code datasets/<id>/files/<name>}). Each rule
 * keeps a name within what every file system and web server takes, so {@code check} refuses
 * what a build could not write, with the reason.
 */
public final class PublishedNames {

    /** Ids: lower-case letters, digits, '.', '_' and '-', at most 80. */
    public static final Pattern ID = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,79}$");
    /** Content pages' slugs (their file names without {@code .md}): as ids, upper-case letters allowed. */
    private static final Pattern SLUG = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$");
    /** Top-level names the site's own pages and folders take, in any case. */
    private static final Set<String> RESERVED_SLUGS = Set.of("assets", "datasets", "techniques", "facilities", "keywords",
            "search", "api", "404", "index", "feed", "sitemap", "robots");
    /** Most characters of a value that names a listing page (a keyword, a facility). */
    public static final int MAX_LISTED_VALUE = 100;
    /**
     * Most bytes (UTF-8) of a published file name: file systems take 255, and the build writes
     * each file beside a temporary name a few bytes longer.
     */
    public static final int MAX_FILE_NAME_BYTES = 200;
    /**
     * Characters a published file name may not hold: path separators, what URLs give a meaning
     * ('?', '#', '%'), and what some file systems refuse.
     */
    private static final String FORBIDDEN_IN_FILE_NAMES = "/\\:*?\"<>|#%";

    private PublishedNames() {
    }

    /** Why {@code slug} cannot name a content page, or null when it can. */
    public static String slugProblem(String slug) {
        if (!SLUG.matcher(slug).matches()) {
            return "a page's file name must be letters, digits, '.', '_' or '-' (at most 80) before .md, as it makes the address "
                    + shorten(slug) + "/";
        }
        if (RESERVED_SLUGS.contains(slug.toLowerCase(Locale.ROOT))) {
            return "a page cannot be named '" + slug + "': the site's own " + slug.toLowerCase(Locale.ROOT)
                    + " pages take that address (reserved: " + String.join(", ", new java.util.TreeSet<>(RESERVED_SLUGS)) + ")";
        }
        return null;
    }

    /**
     * Why {@code value} of {@code field} (keyword, facility) cannot name a listing page, or null
     * when it can.
     */
    public static String listedValueProblem(String field, String value) {
        if (value.length() <= MAX_LISTED_VALUE) {
            return null;
        }
        return field + " '" + shorten(value) + "' is " + value.length() + " characters long: each " + field
                + " names a listing page, so at most " + MAX_LISTED_VALUE + " (write longer text in the description)";
    }

    /** Why {@code name} cannot be a published file name, or null when it can. */
    public static String fileNameProblem(String name) {
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            return "'" + name + "' is no file name";
        }
        if (name.startsWith(".")) {
            return "a published file name cannot start with '.' (hidden files are not served)";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < ' ' || c == 0x7f || FORBIDDEN_IN_FILE_NAMES.indexOf(c) >= 0) {
                return "a published file name cannot hold " + (c < ' ' || c == 0x7f ? "control characters" : "'" + c + "'")
                        + " (nor any of " + FORBIDDEN_IN_FILE_NAMES + ")";
            }
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_FILE_NAME_BYTES) {
            return "a published file name may have at most " + MAX_FILE_NAME_BYTES + " bytes, not " + bytes;
        }
        return null;
    }

    /** The start of a long value, for messages. */
    static String shorten(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
