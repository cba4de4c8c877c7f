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

    /** The label of PaNET00200, the broadest scattering technique. */
    public static final String SCATTERING = "scattering technique";

    /**
     * True for a scattering technique (diffraction, small-angle scattering, coherent diffraction
     * imaging, ptychography, crystallography …: PaNET00200 and every narrower technique), whose
     * detector frames are, unless the curator says otherwise, far-field patterns.
     */
    public boolean isScattering() {
        return label.equals(SCATTERING) || ancestors.contains(SCATTERING);
    }

    /** The ontology IRI, which resolves to the term's page. */
    public String iri() {
        return "http://purl.org/pan-science/PaNET/" + id;
    }
}
