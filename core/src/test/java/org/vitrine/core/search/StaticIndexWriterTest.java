package org.vitrine.core.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vitrine.core.model.Dataset;
import org.vitrine.core.units.UnitTable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class StaticIndexWriterTest {

    @Test
    void holdsPublicDatasetsInIdOrderWithTheSchema(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("search-index.json");
        StaticIndexWriter.write(DemoCollection.collection(), file, DatasetLinks.DEFAULT);
        JsonNode index = new ObjectMapper().readTree(file.toFile());
        assertEquals(StaticIndexWriter.VERSION, index.get("version").asInt());
        assertEquals(4.0, index.at("/boosts/title").asDouble(), 0.0);
        assertEquals(SearchSchema.ALL, index.get("all").asText());
        assertEquals(SearchSchema.FIELDS.size(), index.get("fields").size());
        assertEquals(SearchSchema.FACETS.size(), index.get("facets").size());
        List<String> ids = new ArrayList<>();
        index.get("docs").forEach(d -> ids.add(d.get("id").asText()));
        assertEquals(List.of("cxidb-minimal", "cxidb-typical", "nexus-tooth", "petra-p25-ptycho", "saxs-micelles",
                "sfx-lysozyme", "synthetic-phantom", "tomo-limestone"), ids);
        JsonNode tooth = index.at("/docs/2");
        assertEquals(UnitTable.toSi(1200, "eV").value(), tooth.at("/params/photon_energy/0").asDouble(), 0.0);
        assertEquals("x-ray imaging", tooth.at("/path/0").asText());
        assertEquals("ESRF", tooth.at("/facets/facility/0").asText());
        assertEquals("datasets/nexus-tooth/", tooth.get("url").asText());
    }

    @Test
    void neverMentionsEmbargoedOrDraftDatasets() {
        String json = StaticIndexWriter.toJson(DemoCollection.collection().publicDatasets(), DatasetLinks.DEFAULT);
        for (String secret : List.of("embargoed-zeolite", "zeolite", "Quasicrystalline", "draft-notes", "draftonly", "MAX IV", "P06")) {
            assertFalse(json.contains(secret), secret);
        }
    }

    @Test
    void isDeterministic(@TempDir Path dir) throws Exception {
        List<Dataset> shuffled = new ArrayList<>(DemoCollection.collection().publicDatasets());
        StaticIndexWriter.write(shuffled, dir.resolve("a.json"), DatasetLinks.DEFAULT);
        Collections.shuffle(shuffled, new java.util.Random(7));
        StaticIndexWriter.write(shuffled, dir.resolve("b.json"), DatasetLinks.DEFAULT);
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.json")), Files.readAllBytes(dir.resolve("b.json")));
    }
}
