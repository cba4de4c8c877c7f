package org.vitrine.core.fair;

import org.vitrine.core.model.Author;
import org.vitrine.core.model.Dataset;
import org.vitrine.core.model.SiteConfig;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Citations of a dataset in the forms readers paste into papers and reference managers. Follows
 * DataCite's recommended form: Creators (Year). Title. Publisher. DOI.
 */
public final class Citation {

    private static final Pattern SPACES = Pattern.compile("\\s+");

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
        StringBuilder sb = new StringBuilder("@misc{").append(d.id().replaceAll("[^A-Za-z0-9_:-]", "_")).append(",\n");
        field(sb, "author", d.authors().stream().map(a -> bibName(a.name())).collect(Collectors.joining(" and ")));
        field(sb, "title", "{" + clean(d.title()) + "}");
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
            ris(sb, "AU", risName(a.name()));
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

    /** "Given Middle Family" → "Family, G. M."; a single word stays as is (collaborations). */
    static String familyInitials(Author a) {
        List<String> parts = List.of(SPACES.split(a.name().trim()));
        if (parts.size() < 2) {
            return a.name().trim();
        }
        String family = parts.get(parts.size() - 1);
        String initials = parts.subList(0, parts.size() - 1).stream()
                .map(p -> p.substring(0, 1).toUpperCase(Locale.ROOT) + ".")
                .collect(Collectors.joining(" "));
        return family + ", " + initials;
    }

    /** "Given Family" → "Family, Given": unambiguous for BibTeX and RIS. */
    static String bibName(String name) {
        String n = name.trim();
        int space = n.lastIndexOf(' ');
        return space < 0 ? "{" + n + "}" : n.substring(space + 1) + ", " + n.substring(0, space);
    }

    private static String risName(String name) {
        String n = name.trim();
        int space = n.lastIndexOf(' ');
        return space < 0 ? n : n.substring(space + 1) + ", " + n.substring(0, space);
    }

    private static void field(StringBuilder sb, String key, String value) {
        if (value != null && !value.isEmpty()) {
            String v = value.startsWith("{") ? value : clean(value);
            sb.append("  ").append(key).append(" = {").append(v).append("},\n");
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
