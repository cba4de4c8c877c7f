package org.vitrine.core.content;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Syntax checks for the persistent identifiers curators write: DOIs, ORCID iDs and SPDX licence ids. */
public final class Identifiers {

    /** Crossref's recommended pattern for modern DOIs. */
    private static final Pattern DOI = Pattern.compile("^10\\.\\d{4,9}/[-._;()/:A-Za-z0-9<>\\[\\]+#]+$");
    private static final Pattern ORCID = Pattern.compile("^\\d{4}-\\d{4}-\\d{4}-\\d{3}[\\dX]$");
    private static final Set<String> SPDX = loadSpdx();

    private Identifiers() {
    }

    /** True for a bare DOI such as {@code 10.5281/zenodo.17899482} (no {@code https://doi.org/}). */
    public static boolean isDoi(String s) {
        return s != null && DOI.matcher(s).matches();
    }

    /**
     * The DOI in {@code s} without the resolver address or {@code doi:} prefix that it is often
     * copied with ({@code https://doi.org/10.5281/zenodo.1} gives {@code 10.5281/zenodo.1}); other
     * text is returned as it is, for {@link #isDoi} to judge.
     */
    public static String bareDoi(String s) {
        if (s == null) {
            return null;
        }
        java.util.regex.Matcher m = DOI_PREFIX.matcher(s);
        return m.lookingAt() ? s.substring(m.end()) : s;
    }

    private static final Pattern DOI_PREFIX = Pattern.compile("(?i)((https?://)?(dx\\.)?doi\\.org/|doi:\\s*)");

    private static final Pattern ORCID_PREFIX = Pattern.compile("^https?://orcid\\.org/");

    /** The ORCID iD in {@code s} without the {@code https://orcid.org/} it is often copied with. */
    public static String bareOrcid(String s) {
        return s == null ? null : ORCID_PREFIX.matcher(s).replaceFirst("");
    }

    /** True for a well-formed ORCID iD whose check digit (ISO 7064 MOD 11-2) is right. */
    public static boolean isOrcid(String s) {
        if (s == null || !ORCID.matcher(s).matches()) {
            return false;
        }
        String digits = s.replace("-", "");
        int total = 0;
        for (int i = 0; i < 15; i++) {
            total = (total + (digits.charAt(i) - '0')) * 2;
        }
        int result = (12 - total % 11) % 11;
        char check = result == 10 ? 'X' : (char) ('0' + result);
        return digits.charAt(15) == check;
    }

    /** True for an identifier on the SPDX License List (case-sensitive, as SPDX writes it). */
    public static boolean isSpdx(String s) {
        return s != null && SPDX.contains(s);
    }

    /** The SPDX licence page, which every SPDX id has. */
    public static String spdxUrl(String id) {
        return "https://spdx.org/licenses/" + id + ".html";
    }

    private static Set<String> loadSpdx() {
        try (InputStream in = Identifiers.class.getResourceAsStream("spdx-license-ids.txt")) {
            if (in == null) {
                throw new IllegalStateException("spdx-license-ids.txt resource missing");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
