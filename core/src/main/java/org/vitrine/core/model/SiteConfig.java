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
 * @param previewDatasetBytes budget of the precomputed preview volumes baked for one dataset
 * @param previewSiteBytes    budget of all precomputed preview volumes baked into the site
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
        String publisher,
        long previewDatasetBytes,
        long previewSiteBytes) {

    /** Default {@link #previewDatasetBytes}: 50 MB. */
    public static final long DEFAULT_PREVIEW_DATASET_BYTES = 50_000_000L;
    /** Default {@link #previewSiteBytes}: 500 MB. */
    public static final long DEFAULT_PREVIEW_SITE_BYTES = 500_000_000L;

    /** Settings with the default preview budgets. */
    public SiteConfig(String title, String description, String baseUrl, String facility, String contact, String apiUrl,
                      String defaultLicense, String dataRoot, String publisher) {
        this(title, description, baseUrl, facility, contact, apiUrl, defaultLicense, dataRoot, publisher,
                DEFAULT_PREVIEW_DATASET_BYTES, DEFAULT_PREVIEW_SITE_BYTES);
    }

    /**
     * Where the pages' Contact link leads: a {@code mailto:} address for an e-mail address written
     * bare, else the contact as written (which the checks hold to the URL policy); null when there
     * is none.
     */
    public String contactUrl() {
        if (contact == null) {
            return null;
        }
        return contact.indexOf(':') < 0 && contact.indexOf('@') > 0 ? "mailto:" + contact : contact;
    }
}
