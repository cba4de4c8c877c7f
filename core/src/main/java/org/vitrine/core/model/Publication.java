package org.vitrine.core.model;

/** A publication related to a dataset (the paper that describes or uses it). */
public record Publication(String doi, String citation) {

    public String doiUrl() {
        return doi == null ? null : "https://doi.org/" + doi;
    }
}
