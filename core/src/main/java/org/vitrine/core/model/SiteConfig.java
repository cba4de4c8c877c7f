package org.vitrine.core.model;

/**
 * Collection-wide settings from {@code content/site.yaml}.
 *
 * @param title          collection title
 * @param description    one-paragraph mission statement
 * @param baseUrl        absolute URL the site is published at (ends with '/'), used for
 *                       canonical links, sitemap and feed; internal links stay relative
 * @param facility       publishing facility
 * @param contact        contact e-mail or URL
 * @param apiUrl         base URL of a Vitrine API, or null for a purely static site
 * @param defaultLicense SPDX id used when a dataset names none
 * @param dataRoot       folder that dataset file paths are relative to (relative to the content folder)
 * @param publisher      publisher named in citations (defaults to the facility)
 */
public record SiteConfig(
        String title,
        String description,
        String baseUrl,
        String facility,
        String contact,
        String apiUrl,
        String defaultLicense,
        String dataRoot,
        String publisher) {
}
