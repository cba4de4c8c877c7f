package org.vitrine.core.techniques;

import org.junit.jupiter.api.Test;
import org.vitrine.core.model.Technique;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PaNetTest {

    private final PaNet panet = PaNet.bundled();

    @Test
    void resolvesLabelsOfTheTechniquesTheDemoUses() {
        assertEquals("ptychography", panet.technique("PaNET01212").orElseThrow().label());
        assertEquals("tomography", panet.technique("PaNET01129").orElseThrow().label());
        assertEquals("serial femtosecond crystallography", panet.technique("PaNET01168").orElseThrow().label());
        assertTrue(panet.size() > 300, "the ontology has hundreds of terms, parsed " + panet.size());
    }

    @Test
    void ancestorsIncludeEveryBroaderTechnique() {
        Technique ptycho = panet.technique("PaNET01212").orElseThrow();
        assertTrue(ptycho.ancestors().contains("coherent diffraction imaging"), ptycho.ancestors().toString());
        assertTrue(ptycho.ancestors().contains("imaging"), ptycho.ancestors().toString());
        assertFalse(ptycho.ancestors().contains("ptychography"));
    }

    @Test
    void theScatteringTechniquesAreNamedAsTechniqueSays() {
        // Technique.isScattering goes by this label; a new release of the ontology must keep it.
        assertEquals(Technique.SCATTERING, panet.technique("PaNET00200").orElseThrow().label());
    }

    @Test
    void unknownIdsAreEmpty() {
        assertTrue(panet.technique("PaNET99999").isEmpty());
        assertFalse(panet.contains("ptychography"));
    }
}
