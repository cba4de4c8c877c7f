package org.vitrine.core.model;

import java.util.List;

/**
 * An experimental technique from the PaNET ontology.
 *
 * @param id        PaNET id such as {@code PaNET01212}
 * @param label     preferred label ("ptychography")
 * @param ancestors   labels of every broader technique, nearest first
 * @param ancestorIds their PaNET ids, in the same order
 */
public record Technique(String id, String label, List<String> ancestors, List<String> ancestorIds) {

    /** The ontology IRI, which resolves to the term's page. */
    public String iri() {
        return "http://purl.org/pan-science/PaNET/" + id;
    }
}
