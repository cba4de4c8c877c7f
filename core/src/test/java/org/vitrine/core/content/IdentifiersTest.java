package org.vitrine.core.content;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdentifiersTest {

    @Test
    void orcidCheckDigitFollowsIso7064Mod112() {
        assertTrue(Identifiers.isOrcid("0000-0002-1825-0097")); // ORCID's documented example
        assertTrue(Identifiers.isOrcid("0000-0001-5109-3700"));
        assertTrue(Identifiers.isOrcid("0000-0002-1694-233X")); // check digit X
        assertFalse(Identifiers.isOrcid("0000-0002-1825-0098"));
        assertFalse(Identifiers.isOrcid("0000-0002-1694-2330"));
        assertFalse(Identifiers.isOrcid("0000000218250097"));
        assertFalse(Identifiers.isOrcid(null));
        assertEquals("0000-0002-1825-0097", Identifiers.bareOrcid("https://orcid.org/0000-0002-1825-0097"));
        assertEquals("0000-0002-1825-0097", Identifiers.bareOrcid("0000-0002-1825-0097"));
    }

    @Test
    void doisAreBareAndWellFormed() {
        assertTrue(Identifiers.isDoi("10.5281/zenodo.17899482"));
        assertTrue(Identifiers.isDoi("10.1038/s41592-021-01317-x"));
        assertFalse(Identifiers.isDoi("https://doi.org/10.5281/zenodo.17899482"));
        assertFalse(Identifiers.isDoi("10.12/x"), "registrant code has at least four digits");
        assertFalse(Identifiers.isDoi("10.1234/with space"));
    }

    @Test
    void doisCopiedWithTheirResolverOrPrefixAreMadeBare() {
        assertEquals("10.5281/zenodo.17899482", Identifiers.bareDoi("https://doi.org/10.5281/zenodo.17899482"));
        assertEquals("10.5281/zenodo.17899482", Identifiers.bareDoi("http://dx.doi.org/10.5281/zenodo.17899482"));
        assertEquals("10.1038/nature09748", Identifiers.bareDoi("DOI: 10.1038/nature09748"));
        assertEquals("10.1038/nature09748", Identifiers.bareDoi("doi.org/10.1038/nature09748"));
        assertEquals("10.1038/nature09748", Identifiers.bareDoi("10.1038/nature09748"));
        assertEquals("https://example.org/doi.org/10.1/x", Identifiers.bareDoi("https://example.org/doi.org/10.1/x"));
        assertFalse(Identifiers.isDoi(Identifiers.bareDoi("https://example.org/doi.org/10.1/x")));
    }

    @Test
    void spdxIdsComeFromTheLicenseList() {
        assertTrue(Identifiers.isSpdx("CC-BY-4.0"));
        assertTrue(Identifiers.isSpdx("CC0-1.0"));
        assertTrue(Identifiers.isSpdx("BSD-2-Clause"));
        assertFalse(Identifiers.isSpdx("cc-by-4.0"), "SPDX ids are matched as written");
        assertFalse(Identifiers.isSpdx("CC-BY-5.0"));
    }
}
