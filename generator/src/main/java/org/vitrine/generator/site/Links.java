package org.vitrine.generator.site;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where each kind of page lives in the baked site. Paths are relative to the site root and end
 * with '/' for pages (served as {@code index.html}), so the site works under any host path.
 */
public final class Links {

    private Links() {
    }

    public static String dataset(String id) {
        return "datasets/" + id + "/";
    }

    public static String technique(String label) {
        return "techniques/" + slug(label) + "/";
    }

    public static String facility(String name) {
        return "facilities/" + slug(name) + "/";
    }

    public static String keyword(String keyword) {
        return "keywords/" + slug(keyword) + "/";
    }

    /** "PETRA III, DESY" → "petra-iii-desy": ASCII, lower case, hyphens. */
    public static String slug(String text) {
        // Thousands of datasets share a few facility, technique and keyword values.
        String known = SLUGS.get(text);
        if (known != null) {
            return known;
        }
        if (SLUGS.size() > 100_000) {
            SLUGS.clear();
        }
        String slug = makeSlug(text);
        SLUGS.put(text, slug);
        return slug;
    }

    private static final java.util.Map<String, String> SLUGS = new java.util.concurrent.ConcurrentHashMap<>();

    private static String makeSlug(String text) {
        String ascii = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
        String s = EDGES.matcher(NON_ALNUM.matcher(ascii.toLowerCase(Locale.ROOT)).replaceAll("-")).replaceAll("");
        return s.isEmpty() ? "x" : s;
    }

    private static final Pattern MARKS = Pattern.compile("\\p{M}");
    private static final Pattern NON_ALNUM = Pattern.compile("[^a-z0-9]+");
    private static final Pattern EDGES = Pattern.compile("^-|-$");

    /** The prefix that leads from a page at {@code path} back to the site root: "" or "../../". */
    public static String rootFrom(String path) {
        int depth = 0;
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '/') {
                depth++;
            }
        }
        return "../".repeat(depth);
    }
}
