package org.vitrine.core.fair;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.vitrine.core.model.Author;
import org.vitrine.core.model.Dataset;
import org.vitrine.core.model.SiteConfig;
import org.vitrine.core.model.Status;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Names in every citation form: people by family name, organizations whole. */
class CitationTest {

    private static final SiteConfig SITE = new SiteConfig("Atlas", "", "https://example.org/atlas/", "ESRF", null, null,
            "CC-BY-4.0", "data", "ESRF", 0, 0);
    private static final String LANDING = "https://example.org/atlas/datasets/x/";

    private static final Author LOVELACE = Author.person("Ada  Lovelace", "0000-0002-1825-0097", "Analytical Engines", "PI");
    private static final Author BEETHOVEN = Author.person("van Beethoven, Ludwig", null, null, null);
    private static final Author SARTRE = Author.person("Jean-Paul Charles Sartre", null, null, null);
    private static final Author PLATO = Author.person("Plato", null, null, null);
    private static final Author TEAM = Author.organization("ID19 beamline & imaging team", "ESRF", "data collection");

    private static Dataset dataset(Author... authors) {
        return new Dataset("x", "Tomography of a hip", "10.5281/zenodo.1", List.of(), List.of(authors), "CC-BY-4.0",
                LocalDate.of(2024, 5, 24), Status.PUBLISHED, null, "ESRF", null, null, List.of("bone"), List.of(), List.of(),
                Map.of(), false, "", null);
    }

    @Test
    void namesAreSplitWhereTheCuratorSaysOrAtTheLastWord() {
        assertEquals("Ada Lovelace", LOVELACE.name());
        assertEquals("Lovelace", LOVELACE.familyName());
        assertEquals("Ada", LOVELACE.givenName());
        assertEquals("Ludwig van Beethoven", BEETHOVEN.name());
        assertEquals("van Beethoven", BEETHOVEN.familyName());
        assertEquals("Ludwig", BEETHOVEN.givenName());
        assertEquals("Plato", PLATO.familyName());
        assertNull(PLATO.givenName());
        assertEquals("Plato", Author.person("Plato,", null, null, null).name());
        assertTrue(TEAM.organization());
        assertNull(TEAM.familyName());
        assertEquals("ID19 beamline & imaging team", TEAM.citationName());
    }

    @Test
    void textCitesPeopleByFamilyNameAndInitialsAndOrganizationsWhole() {
        assertEquals("Lovelace, A., van Beethoven, L., Sartre, J.-P. C., Plato, ID19 beamline & imaging team (2024). "
                        + "Tomography of a hip. ESRF. https://doi.org/10.5281/zenodo.1",
                Citation.text(dataset(LOVELACE, BEETHOVEN, SARTRE, PLATO, TEAM), SITE, LANDING));
    }

    @Test
    void bibtexKeepsAnOrganizationInBracesAndEscapesEveryName() {
        String bib = Citation.bibtex(dataset(LOVELACE, BEETHOVEN, TEAM, Author.organization("Smith and {Wesson}", null, null)),
                SITE, LANDING);
        assertTrue(bib.contains("  author = {Lovelace, Ada and van Beethoven, Ludwig and {ID19 beamline \\& imaging team}"
                + " and {Smith and Wesson}},\n"), bib);
        assertTrue(bib.contains("  title = {{Tomography of a hip}},\n"), bib);
        assertTrue(bib.startsWith("@misc{x,\n") && bib.endsWith("\n}\n"), bib);
    }

    @Test
    void risListsFamilyCommaGiven() {
        String ris = Citation.ris(dataset(BEETHOVEN, PLATO, TEAM), SITE, LANDING);
        assertTrue(ris.contains("AU  - van Beethoven, Ludwig\nAU  - Plato\nAU  - ID19 beamline & imaging team\n"), ris);
    }

    @Test
    void dataCiteAndSchemaOrgTellPeopleFromOrganizations() {
        JsonNode creators = DataCite.json(dataset(BEETHOVEN, TEAM), SITE, LANDING).get("creators");
        assertEquals("van Beethoven, Ludwig", creators.at("/0/name").asText());
        assertEquals("Personal", creators.at("/0/nameType").asText());
        assertEquals("Ludwig", creators.at("/0/givenName").asText());
        assertEquals("van Beethoven", creators.at("/0/familyName").asText());
        assertEquals("ID19 beamline & imaging team", creators.at("/1/name").asText());
        assertEquals("Organizational", creators.at("/1/nameType").asText());
        assertFalse(creators.get(1).has("familyName"));

        JsonNode schemaOrg = DataCite.schemaOrg(dataset(LOVELACE, TEAM), SITE, LANDING, "").get("creator");
        assertEquals("Person", schemaOrg.at("/0/@type").asText());
        assertEquals("Ada Lovelace", schemaOrg.at("/0/name").asText());
        assertEquals("Lovelace", schemaOrg.at("/0/familyName").asText());
        assertEquals("https://orcid.org/0000-0002-1825-0097", schemaOrg.at("/0/@id").asText());
        assertEquals("Organization", schemaOrg.at("/1/@type").asText());
        assertFalse(schemaOrg.get(1).has("givenName"));
    }
}
