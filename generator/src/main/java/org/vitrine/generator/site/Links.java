package org.vitrine.generator.site;

import java.text.Normalizer;
import java.util.Locale;

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
        String ascii = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String s = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return s.isEmpty() ? "x" : s;
    }

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
