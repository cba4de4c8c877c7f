package org.vitrine.core.content;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * Which addresses may be published, and where: the one rule for every URL a page, feed or
 * export writes from content or configuration (site settings, file URLs, links and images in
 * markdown). Nothing else than http, https and (for links) mailto ever reaches an {@code href} or
 * {@code src}, so no address can run script ({@code javascript:}, {@code vbscript:}) or carry a
 * document of its own ({@code data:}).
 *
 * <p>The scheme is judged as a browser finds it: tabs and line breaks anywhere are dropped and
 * control characters and spaces at either end are ignored, so {@code java&#9;script:} and
 * {@code " javascript:"} are {@code javascript:} here too. What has no scheme is relative.
 */
public enum UrlPolicy {

    /** An absolute http(s) address with a host: site addresses, the API, files and records elsewhere. */
    WEB(Set.of("http", "https"), false, "an absolute http:// or https:// address"),
    /** Where people write to: a web page or a mailto: address. */
    CONTACT(Set.of("http", "https", "mailto"), false, "an e-mail address or an http(s) address"),
    /** A link in a description: http, https, mailto, or relative to the page. */
    LINK(Set.of("http", "https", "mailto"), true, "an http(s) or mailto: address, or one relative to the page"),
    /** An image in a description: http, https, or relative to the page. */
    IMAGE(Set.of("http", "https"), true, "an http(s) address, or one relative to the page");

    private final Set<String> schemes;
    private final boolean relative;
    private final String description;

    UrlPolicy(Set<String> schemes, boolean relative, String description) {
        this.schemes = schemes;
        this.relative = relative;
        this.description = description;
    }

    /** What this policy takes, for messages: "an absolute http:// or https:// address". */
    public String description() {
        return description;
    }

    /** Whether {@code url} may be published where this policy applies. */
    public boolean allows(String url) {
        if (url == null) {
            return false;
        }
        String scheme = schemeOf(url);
        if (scheme == null) {
            return relative;
        }
        if (!schemes.contains(scheme)) {
            return false;
        }
        if (relative || scheme.equals("mailto")) {
            return true;
        }
        // An address written into pages and metadata as it is: whole, with a host, nothing a
        // URI may not hold (spaces, control characters, quotes, angle brackets).
        try {
            return new URI(url).getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * The scheme a browser reads in {@code url}, in lower case, or null when the address is
     * relative. Per the WHATWG URL standard: an ASCII letter, then letters, digits, '+', '-' or
     * '.', up to the first ':'.
     */
    public static String schemeOf(String url) {
        int start = 0;
        int end = url.length();
        while (start < end && url.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && url.charAt(end - 1) <= ' ') {
            end--;
        }
        StringBuilder scheme = new StringBuilder();
        for (int i = start; i < end; i++) {
            char c = url.charAt(i);
            if (c == '\t' || c == '\n' || c == '\r') {
                continue;
            }
            if (c == ':') {
                return scheme.isEmpty() ? null : scheme.toString().toLowerCase(Locale.ROOT);
            }
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            boolean other = (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
            if (!letter && !(other && !scheme.isEmpty())) {
                return null;
            }
            scheme.append(c);
        }
        return null;
    }
}
