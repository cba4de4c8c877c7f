package org.vitrine.core.fair;

import org.vitrine.core.model.Author;
import org.vitrine.core.model.Dataset;
import org.vitrine.core.model.SiteConfig;

import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Citations of a dataset in the forms readers paste into papers and reference managers. Follows
 * DataCite's recommended form: Creators (Year). Title. Publisher. DOI.
 */
public final class Citation {

    private static final Pattern SPACES = Pattern.compile("\\s+");
    /** What a BibTeX key may not hold. */
    private static final Pattern NOT_IN_KEY = Pattern.compile("[^A-Za-z0-9_:-]");

    private Citation() {
    }

    /** Plain-text citation: {@code Samadi, N., Karabay, A. (2025). Title. Publisher. https://doi.org/…}. */
    public static String text(Dataset d, SiteConfig site, String landingUrl) {
        StringBuilder sb = new StringBuilder();
        sb.append(d.authors().stream().map(Citation::familyInitials).collect(Collectors.joining(", ")));
        sb.append(" (").append(year(d)).append("). ").append(stripDot(d.title())).append(". ");
        if (site.publisher() != null) {
            sb.append(stripDot(site.publisher())).append(". ");
        }
        sb.append(d.doi() != null ? d.doiUrl() : landingUrl);
        return sb.toString();
    }

    /** A BibTeX {@code @misc} entry (biblatex readers also accept it), keyed by the dataset id. */
    public static String bibtex(Dataset d, SiteConfig site, String landingUrl) {
        StringBuilder sb = new StringBuilder("@misc{").append(NOT_IN_KEY.matcher(d.id()).replaceAll("_")).append(",\n");
        // Braces keep an organization's name whole: BibTeX would otherwise split it into a
        // family name and initials, and read an "and" in it as between two authors.
        rawField(sb, "author", d.authors().stream()
                .map(a -> a.organization() ? "{" + clean(a.name()) + "}" : clean(a.citationName()))
                .collect(Collectors.joining(" and ")));
        rawField(sb, "title", "{" + clean(d.title()) + "}");
        field(sb, "year", year(d));
        field(sb, "publisher", site.publisher());
        field(sb, "doi", d.doi());
        field(sb, "url", d.doi() != null ? d.doiUrl() : landingUrl);
        field(sb, "note", "Dataset" + (d.license() != null ? ", licence " + d.license() : ""));
        sb.setLength(sb.length() - 2);
        return sb.append("\n}\n").toString();
    }

    /** An RIS record of type DATA. */
    public static String ris(Dataset d, SiteConfig site, String landingUrl) {
        StringBuilder sb = new StringBuilder();
        ris(sb, "TY", "DATA");
        for (Author a : d.authors()) {
            ris(sb, "AU", a.citationName());
        }
        ris(sb, "TI", d.title());
        ris(sb, "PY", year(d));
        if (d.released() != null) {
            ris(sb, "DA", d.released().toString().replace('-', '/'));
        }
        ris(sb, "PB", site.publisher());
        ris(sb, "DO", d.doi());
        ris(sb, "UR", d.doi() != null ? d.doiUrl() : landingUrl);
        for (String k : d.keywords()) {
            ris(sb, "KW", k);
        }
        ris(sb, "ER", "");
        return sb.toString();
    }

    static String year(Dataset d) {
        return d.released() == null ? "n.d." : String.valueOf(d.released().getYear());
    }

    /**
     * "Family, G. M." for a person (initials of each given name, "Jean-Pierre" giving "J.-P."),
     * the whole name of an organization.
     */
    static String familyInitials(Author a) {
        if (a.organization()) {
            return a.name();
        }
        if (a.givenName() == null) {
            return a.familyName();
        }
        StringBuilder initials = new StringBuilder();
        for (String given : SPACES.split(a.givenName())) {
            String[] parts = given.split("-");
            for (int i = 0; i < parts.length; i++) {
                if (parts[i].isEmpty()) {
                    continue;
                }
                initials.append(i == 0 ? (initials.length() == 0 ? "" : " ") : "-");
                initials.appendCodePoint(Character.toUpperCase(parts[i].codePointAt(0))).append('.');
            }
        }
        return a.familyName() + ", " + initials;
    }

    private static void field(StringBuilder sb, String key, String value) {
        rawField(sb, key, value == null ? null : clean(value));
    }

    /** A field whose value is already BibTeX (cleaned, with braces of its own). */
    private static void rawField(StringBuilder sb, String key, String value) {
        if (value != null && !value.isEmpty()) {
            sb.append("  ").append(key).append(" = {").append(value).append("},\n");
        }
    }

    /** Braces and backslashes would break a BibTeX entry; '&' and '%' are TeX specials. */
    private static String clean(String value) {
        return value.replace("{", "").replace("}", "").replace("\\", "").replace("&", "\\&").replace("%", "\\%");
    }

    private static void ris(StringBuilder sb, String tag, String value) {
        if (value != null) {
            sb.append(tag).append("  - ").append(value.replace('\n', ' ')).append('\n');
        }
    }

    private static String stripDot(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
