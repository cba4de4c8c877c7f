package org.vitrine.core.model;

/**
 * A person credited for a dataset.
 *
 * @param name        display name, "Given Family"
 * @param orcid       bare ORCID iD ({@code 0000-0002-1825-0097}) or null
 * @param affiliation institution, or null
 * @param role        DataCite contributor role or free text such as "PI", or null
 */
public record Author(String name, String orcid, String affiliation, String role) {

    /** The ORCID iD as a resolvable URL, or null. */
    public String orcidUrl() {
        return orcid == null ? null : "https://orcid.org/" + orcid;
    }
}
