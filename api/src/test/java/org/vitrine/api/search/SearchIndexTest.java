package org.vitrine.api.search;

import org.vitrine.core.search.SearchSchema;
import org.vitrine.core.search.SearchIndexWriter;
import org.vitrine.core.search.DatasetLinks;
import org.vitrine.core.search.DemoCollection;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vitrine.core.model.Dataset;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SearchIndexTest {

    @TempDir
    static Path dir;
    static SearchIndex index;

    @BeforeAll
    static void build() throws Exception {
        SearchIndexWriter.write(DemoCollection.collection(), dir.resolve("index"), DatasetLinks.DEFAULT);
        index = SearchIndex.open(dir.resolve("index"));
    }

    @AfterAll
    static void close() throws Exception {
        index.close();
    }

    static List<String> ids(SearchResult r) {
        return r.hits().stream().map(SearchResult.Hit::id).toList();
    }

    static SearchResult search(String q, Map<String, List<String>> filters, String... params) {
        return index.search(new SearchRequest(q, filters, java.util.Arrays.stream(params).map(ParameterRange::parse).toList(),
                SearchRequest.Sort.RELEVANCE, 1, 20));
    }

    static long count(SearchResult r, String dim, String value) {
        return r.facets().get(dim).stream().filter(v -> v.value().equals(value)).mapToLong(SearchResult.FacetValue::count)
                .findFirst().orElse(0);
    }

    @Test
    void onlyPublicDatasetsAreIndexed() {
        assertEquals(8, index.size());
        assertEquals(8, search("", Map.of()).total());
    }

    @Test
    void aWordFromADescriptionFindsItsDatasetFirst() {
        assertEquals("petra-p25-ptycho", ids(search("holographic", Map.of())).get(0));
        assertEquals("tomo-limestone", ids(search("carbonate reservoir", Map.of())).get(0));
        assertEquals("saxs-micelles", ids(search("azimuthally", Map.of())).get(0));
    }

    @Test
    void titleMatchesOutrankDescriptionMatches() {
        // "lysozyme" is in the sfx title, sample and keywords; nowhere else.
        assertEquals(List.of("sfx-lysozyme"), ids(search("lysozyme", Map.of())));
        // "detectors": title of cxidb-typical, description of the ptychography scan ("detector").
        List<String> hits = ids(search("detectors", Map.of()));
        assertEquals("cxidb-typical", hits.get(0));
        assertTrue(hits.contains("petra-p25-ptycho"), hits.toString());
    }

    @Test
    void allWordsMustMatchAndPhrasesAreExact() {
        assertEquals(List.of("petra-p25-ptycho"), ids(search("siemens star", Map.of())));
        assertEquals(List.of(), ids(search("siemens micelles", Map.of())));
        assertEquals(List.of("cxidb-typical"), ids(search("\"liquid jet\" virus", Map.of())));
        assertEquals(List.of(), ids(search("\"jet liquid\"", Map.of())));
    }

    @Test
    void fieldsPrefixesAndFuzzyTerms() {
        assertEquals(List.of("nexus-tooth", "tomo-limestone"), ids(search("facility:esrf", Map.of())).stream().sorted().toList());
        assertTrue(ids(search("ptycho*", Map.of())).contains("petra-p25-ptycho"));
        assertEquals("sfx-lysozyme", ids(search("lysozym~", Map.of())).get(0));
        assertEquals(List.of("sfx-lysozyme"), ids(search("year:2020", Map.of())));
        assertEquals(List.of("cxidb-minimal"), ids(search("id:cxidb-minimal", Map.of())));
    }

    @Test
    void broadTechniqueFindsItsDescendants() {
        List<String> imaging = ids(search("imaging", Map.of()));
        for (String id : List.of("petra-p25-ptycho", "cxidb-minimal", "cxidb-typical", "nexus-tooth", "synthetic-phantom", "tomo-limestone")) {
            assertTrue(imaging.contains(id), id + " in " + imaging);
        }
        assertFalse(imaging.contains("saxs-micelles"));
        assertFalse(imaging.contains("sfx-lysozyme"));

        SearchResult scattering = search("", Map.of("technique", List.of("scattering technique")));
        assertEquals(List.of("cxidb-minimal", "cxidb-typical", "petra-p25-ptycho", "saxs-micelles", "sfx-lysozyme"),
                ids(scattering).stream().sorted().toList());
    }

    @Test
    void parameterRangesCompareAcrossUnits() {
        // 1.2 keV (nexus-tooth) equals 1200 eV (cxidb-typical).
        assertEquals(List.of("cxidb-typical", "nexus-tooth"), ids(search("", Map.of(), "photon_energy:1.2keV")).stream().sorted().toList());
        assertEquals(List.of("cxidb-typical", "nexus-tooth"), ids(search("", Map.of(), "photon_energy:1200eV")).stream().sorted().toList());
        assertEquals(List.of("cxidb-typical", "nexus-tooth"), ids(search("", Map.of(), "photon_energy:1..2keV")).stream().sorted().toList());
        assertEquals(List.of("petra-p25-ptycho", "sfx-lysozyme"), ids(search("", Map.of(), "photon_energy:5000eV..20keV")).stream().sorted().toList());
        // 0.124 nm and 0.97949 Å: both below one ångström-and-a-half, only the SAXS one above 1 Å.
        assertEquals(List.of("saxs-micelles"), ids(search("", Map.of(), "wavelength:1A..")));
        assertEquals(List.of("petra-p25-ptycho", "saxs-micelles"), ids(search("", Map.of(), "wavelength:..0.2nm")).stream().sorted().toList());
        // 25 °C is 298.15 K.
        assertEquals(List.of("saxs-micelles"), ids(search("", Map.of(), "temperature:297K..300K")));
        assertEquals(List.of("tomo-limestone"), ids(search("", Map.of(), "voxel_size:..0.7um")));
        assertEquals(List.of("synthetic-phantom", "tomo-limestone"), ids(search("", Map.of(), "voxel_size:0.5..1um")).stream().sorted().toList());
    }

    @Test
    void facetCountsAreDrillSideways() {
        SearchResult all = search("", Map.of());
        assertEquals(2, count(all, "facility", "PETRA III"));
        assertEquals(2, count(all, "facility", "ESRF"));
        assertEquals(2, count(all, "technique", "tomography"));
        assertEquals(2, count(all, "keyword", "cxi"));
        assertEquals(5, count(all, "license", "CC-BY-4.0"));
        assertEquals(2, count(all, "year", "2023"));

        SearchResult petra = search("", Map.of("facility", List.of("PETRA III")));
        assertEquals(2, petra.total());
        // The facility's own counts ignore the facility filter, so other facilities stay offered.
        assertEquals(2, count(petra, "facility", "ESRF"));
        assertEquals(2, count(petra, "facility", "PETRA III"));
        // Other dimensions count within the filter.
        assertEquals(1, count(petra, "technique", "ptychography"));
        assertEquals(0, count(petra, "technique", "tomography"));

        SearchResult either = search("", Map.of("facility", List.of("PETRA III", "ESRF")));
        assertEquals(4, either.total());
        SearchResult both = search("", Map.of("facility", List.of("ESRF"), "technique", List.of("tomography")));
        assertEquals(List.of("tomo-limestone"), ids(both));
        assertEquals(1, count(both, "technique", "tomography"));
        assertEquals(1, count(both, "technique", "x-ray imaging"));
        assertEquals(2, count(both, "facility", "Vitrine") + count(both, "facility", "ESRF"));
    }

    /** Selecting each listed value of each facet finds as many datasets as its count said. */
    static void assertCountsAreWhatAClickFinds(SearchIndex index, String q, Map<String, List<String>> filters) {
        SearchResult shown = index.search(new SearchRequest(q, filters, List.of(), SearchRequest.Sort.RELEVANCE, 1, 10,
                java.util.Set.copyOf(SearchSchema.FACET_NAMES)));
        shown.facets().forEach((dim, values) -> values.forEach(v -> {
            Map<String, List<String>> clicked = new java.util.HashMap<>(filters);
            clicked.put(dim, List.of(v.value()));
            assertEquals(v.count(), index.search(new SearchRequest(q, clicked, List.of(), null, 1, 10)).total(),
                    q + " " + filters + ": " + dim + "=" + v.value());
        }));
    }

    @Test
    void facetCountsAreWhatSelectingTheValueFinds() {
        SearchResult all = search("", Map.of());
        // Its two datasets, and the ptychography one below it in PaNET, which selecting it finds too.
        assertEquals(3, count(all, "technique", "coherent diffraction imaging"));
        assertEquals(3, search("", Map.of("technique", List.of("coherent diffraction imaging"))).total());
        // Only techniques that datasets have are listed, not every broader class of PaNET.
        assertEquals(List.of("coherent diffraction imaging", "tomography", "ptychography", "serial femtosecond crystallography",
                        "small angle x-ray scattering", "x-ray imaging"),
                all.facets().get("technique").stream().map(SearchResult.FacetValue::value).toList());
        assertCountsAreWhatAClickFinds(index, "", Map.of());
        assertCountsAreWhatAClickFinds(index, "imaging", Map.of());
        assertCountsAreWhatAClickFinds(index, "", Map.of("facility", List.of("ESRF")));
    }

    @Test
    void filtersTakeWhatCuratorsWriteInAnyCase() {
        // A PaNET id finds what its label finds, narrower techniques included.
        assertEquals(ids(search("", Map.of("technique", List.of("coherent diffraction imaging")))),
                ids(search("", Map.of("technique", List.of("PaNET01174")))));
        assertEquals(List.of("synthetic-phantom", "tomo-limestone"),
                ids(search("", Map.of("technique", List.of("PaNET01129")))).stream().sorted().toList());
        assertEquals(List.of("nexus-tooth"), ids(search("", Map.of("instrument", List.of("bm05")))));
        assertEquals(2, search("", Map.of("facility", List.of("esrf"))).total());
        assertEquals(2, search("", Map.of("keyword", List.of("CXI"))).total());
        assertEquals(1, search("", Map.of("technique", List.of("PTYCHOGRAPHY"))).total());
    }

    @Test
    void valuesSpelledInOtherCasesAreOneValue() throws Exception {
        List<Dataset> mixed = new java.util.ArrayList<>();
        String[] spellings = {"bone", "Bone", "BONE", "bone"};
        for (int i = 0; i < spellings.length; i++) {
            mixed.add(DemoCollection.dataset("case-" + i, "Case " + i, DemoCollection.TOMOGRAPHY, i < 2 ? "ESRF" : "esrf",
                    null, null, List.of(spellings[i], "all"), "CC0-1.0", DemoCollection.TODAY, List.of(), "text", null,
                    org.vitrine.core.model.FileKind.NONE));
        }
        Path cases = dir.resolve("cases");
        SearchIndexWriter.write(DemoCollection.collection(mixed), cases, DatasetLinks.DEFAULT);
        try (SearchIndex mixedIndex = SearchIndex.open(cases)) {
            SearchResult r = mixedIndex.search(SearchRequest.of(""));
            // Listed once, under the first spelling in code point order.
            assertEquals(List.of(new SearchResult.FacetValue("BONE", 4), new SearchResult.FacetValue("all", 4)), r.facets().get("keyword"));
            assertEquals(List.of(new SearchResult.FacetValue("ESRF", 4)), r.facets().get("facility"));
            assertCountsAreWhatAClickFinds(mixedIndex, "", Map.of());
        }
    }

    @Test
    void everyValueOfAFacetIsThereOnRequestAndTheRestIsCounted() throws Exception {
        List<Dataset> many = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            many.add(DemoCollection.dataset(String.format("organ-%02d", i), "Organ " + i, DemoCollection.TOMOGRAPHY, "ESRF",
                    null, null, List.of(String.format("organ %02d", i), "organ"), "CC0-1.0", DemoCollection.TODAY, List.of(),
                    "text", null, org.vitrine.core.model.FileKind.NONE));
        }
        Path organs = dir.resolve("organs");
        SearchIndexWriter.write(DemoCollection.collection(many), organs, DatasetLinks.DEFAULT);
        try (SearchIndex atlas = SearchIndex.open(organs)) {
            SearchResult first = atlas.search(SearchRequest.of(""));
            assertEquals(SearchSchema.FACET_VALUES, first.facets().get("keyword").size());
            assertEquals(Map.of("keyword", 31 - SearchSchema.FACET_VALUES), first.more());
            SearchResult every = atlas.search(new SearchRequest("", Map.of(), List.of(), null, 1, 10, java.util.Set.of("keyword")));
            assertEquals(31, every.facets().get("keyword").size());
            assertEquals(Map.of(), every.more());
            assertEquals(new SearchResult.FacetValue("organ", 30), every.facets().get("keyword").get(0));
        }
    }

    @Test
    void aPastedDoiFindsItsDataset() {
        for (String q : List.of("10.5072/cxidb-minimal", "https://doi.org/10.5072/cxidb-minimal", "doi:10.5072/CXIDB-minimal",
                "http://dx.doi.org/10.5072/cxidb-minimal", "(10.5072/cxidb-minimal)", "cxi 10.5072/cxidb-minimal.")) {
            assertEquals(List.of("cxidb-minimal"), ids(search(q, Map.of())), q);
        }
        assertEquals(List.of("cxidb-minimal"), ids(search("\"10.5072/cxidb-minimal\"", Map.of())), "already quoted");
    }

    @Test
    void identifiersKeepTheirUnderscores() {
        SearchResult r = search("entry_1", Map.of());
        assertEquals(List.of("cxidb-minimal"), ids(r));
        assertTrue(r.hits().get(0).snippet().contains("<mark>entry_1</mark>&#x2F;data_1"), r.hits().get(0).snippet());
    }

    @Test
    void embargoedAndDraftDatasetsAreNeverHitsNorCounted() {
        for (String q : List.of("zeolite", "quasicrystalline", "draftonly", "secret", "id:embargoed-zeolite", "NanoMAX", "P06")) {
            assertEquals(0, search(q, Map.of()).total(), q);
        }
        SearchResult all = search("", Map.of());
        for (List<SearchResult.FacetValue> values : all.facets().values()) {
            for (SearchResult.FacetValue v : values) {
                assertFalse(v.value().contains("zeolite") || v.value().equals("MAX IV") || v.value().equals("2099")
                        || v.value().equals("draftonly") || v.value().equals("P06"), v.toString());
            }
        }
        assertEquals(2, count(all, "facility", "PETRA III"));
        assertEquals(1, count(all, "technique", "ptychography"));
        assertEquals(1, ids(search("", Map.of(), "photon_energy:1200eV")).stream().filter(id -> id.equals("cxidb-typical")).count());
        assertTrue(index.datasetJson("embargoed-zeolite").isEmpty());
        assertTrue(index.datasetJson("draft-notes").isEmpty());
        assertTrue(index.suggest("zeol", 10).isEmpty());
        assertTrue(index.suggest("secret", 10).isEmpty());
    }

    @Test
    void badQueriesSayWhatIsWrong() {
        assertTrue(assertThrows(InvalidQueryException.class, () -> search("title:(ptychography", Map.of()))
                .getMessage().startsWith("Invalid query"));
        assertTrue(assertThrows(InvalidQueryException.class, () -> search("*graphy", Map.of()))
                .getMessage().contains("'*' or '?' not allowed as first character"));
        assertTrue(assertThrows(InvalidQueryException.class, () -> search("colour:red", Map.of()))
                .getMessage().contains("unknown field 'colour'"));
        assertTrue(assertThrows(InvalidQueryException.class, () -> search("/pty.*/", Map.of()))
                .getMessage().contains("regular expressions"));
        assertTrue(assertThrows(InvalidQueryException.class, () -> search("p*", Map.of()))
                .getMessage().contains("at least 2 characters"));
        assertThrows(InvalidQueryException.class, () -> search("\"unclosed", Map.of()));
        assertThrows(InvalidQueryException.class, () -> search("x".repeat(SearchRequest.MAX_QUERY_LENGTH + 1), Map.of()));
        assertThrows(InvalidQueryException.class, () -> new SearchRequest("", Map.of(), List.of(), null, 1, 101));
        assertThrows(InvalidQueryException.class, () -> new SearchRequest("", Map.of(), List.of(), null, 0, 10));
        assertThrows(InvalidQueryException.class, () -> new SearchRequest("", Map.of(), List.of(), null, 200, 100));
        assertThrows(InvalidQueryException.class, () -> new SearchRequest("", Map.of("colour", List.of("red")), List.of(), null, 1, 10));
    }

    @Test
    void wideExpansionsAreBoundedNotFatal() throws Exception {
        // A prefix shared by more terms than the expansion limit still answers.
        List<Dataset> many = new java.util.ArrayList<>(DemoCollection.datasets().subList(0, 3));
        for (int i = 0; i < SearchSchema.MAX_EXPANSIONS * 3; i++) {
            many.add(DemoCollection.dataset("word-" + i, "Sample zz" + i + "term", DemoCollection.CDI, "X", null, null,
                    List.of(), "CC0-1.0", DemoCollection.TODAY.minusDays(i), List.of(), "zz" + i + "term text", null,
                    org.vitrine.core.model.FileKind.NONE));
        }
        Path other = dir.resolve("wide");
        SearchIndexWriter.write(DemoCollection.collection(many), other, DatasetLinks.DEFAULT);
        try (SearchIndex wide = SearchIndex.open(other)) {
            SearchResult r = wide.search(new SearchRequest("zz*", Map.of(), List.of(), null, 1, 100));
            assertTrue(r.total() > 0 && r.total() <= SearchSchema.MAX_EXPANSIONS * 2L, "total " + r.total());
            assertTrue(wide.search(SearchRequest.of("zz1tern~")).total() > 0);
        }
    }

    @Test
    void totalsAreExactPastAThousandHits() throws Exception {
        List<Dataset> many = new java.util.ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            many.add(DemoCollection.dataset(String.format("bulk-%04d", i), "Bulk dataset " + i, DemoCollection.CDI,
                    i % 2 == 0 ? "Even" : "Odd", null, null, List.of(), "CC0-1.0", DemoCollection.TODAY, List.of(),
                    "common words", null, org.vitrine.core.model.FileKind.NONE));
        }
        Path bulk = dir.resolve("bulk");
        SearchIndexWriter.write(DemoCollection.collection(many), bulk, DatasetLinks.DEFAULT);
        try (SearchIndex big = SearchIndex.open(bulk)) {
            assertEquals(1500, big.search(SearchRequest.of("common")).total());
            assertEquals(1500, big.search(SearchRequest.of("")).total());
            SearchResult even = big.search(new SearchRequest("common", Map.of("facility", List.of("Even")), List.of(),
                    SearchRequest.Sort.RELEVANCE, 1, 10));
            assertEquals(750, even.total());
            assertEquals(750, count(even, "facility", "Odd"));
        }
    }

    @Test
    void hitsCarryHighlightedEscapedSnippets() {
        SearchResult.Hit hit = search("holographic", Map.of()).hits().get(0);
        assertTrue(hit.snippet().contains("<mark>holographic</mark>"), hit.snippet());
        assertEquals("Near-field ptychography of a Siemens star at PETRA III P25", hit.title());
        assertEquals("datasets/petra-p25-ptycho/", hit.url());
        assertEquals("datasets/petra-p25-ptycho/thumb-0.png", hit.thumbnail());
        assertEquals("ptychography", hit.technique());
        assertEquals("PETRA III", hit.facility());
        assertEquals("2023-06-01", hit.released());
        assertTrue(hit.score() > 0);
        // Without a match in the description, the snippet is its opening.
        SearchResult.Hit byTitle = search("radiograph", Map.of()).hits().get(0);
        assertTrue(byTitle.snippet().startsWith("A single projection radiograph")
                || byTitle.snippet().contains("<mark>radiograph</mark>"), byTitle.snippet());
        // A metadata-only dataset has no thumbnail.
        assertEquals(null, search("lysozyme", Map.of()).hits().get(0).thumbnail());
        // Markup in a description is escaped, matches are marked wherever they are in the text.
        SearchResult.Hit far = search("absorption", Map.of()).hits().get(0);
        assertEquals("Pore network of a carbonate reservoir rock imaged in <mark>absorption</mark> contrast.", far.snippet());
    }

    @Test
    void sortingAndPaging() {
        SearchResult newest = index.search(new SearchRequest("", Map.of(), List.of(), SearchRequest.Sort.RELEASED, 1, 3));
        assertEquals(List.of("synthetic-phantom", "petra-p25-ptycho", "tomo-limestone"), ids(newest));
        SearchResult byId = index.search(new SearchRequest("", Map.of(), List.of(), SearchRequest.Sort.ID, 2, 3));
        assertEquals(List.of("petra-p25-ptycho", "saxs-micelles", "sfx-lysozyme"), ids(byId));
        assertEquals(8, byId.total());
        SearchResult past = index.search(new SearchRequest("", Map.of(), List.of(), SearchRequest.Sort.ID, 5, 3));
        assertEquals(List.of(), ids(past));
    }

    /** Pages in field order are those of Lucene's sort on the same fields, for every query and page. */
    @Test
    void fieldOrdersAreLuceneSorts() throws Exception {
        org.apache.lucene.search.Sort newest = new org.apache.lucene.search.Sort(
                new org.apache.lucene.search.SortField(SearchSchema.RELEASED, org.apache.lucene.search.SortField.Type.LONG, true),
                new org.apache.lucene.search.SortField(SearchSchema.ID, org.apache.lucene.search.SortField.Type.STRING));
        org.apache.lucene.search.Sort byId = new org.apache.lucene.search.Sort(
                new org.apache.lucene.search.SortField(SearchSchema.ID, org.apache.lucene.search.SortField.Type.STRING));
        try (org.apache.lucene.store.Directory d = org.apache.lucene.store.FSDirectory.open(dir.resolve("index"));
             org.apache.lucene.index.DirectoryReader reader = org.apache.lucene.index.DirectoryReader.open(d)) {
            org.apache.lucene.search.IndexSearcher lucene = new org.apache.lucene.search.IndexSearcher(reader);
            for (String q : List.of("", "x-ray", "data", "imaging -tomography")) {
                for (SearchRequest.Sort sort : List.of(SearchRequest.Sort.RELEASED, SearchRequest.Sort.ID)) {
                    org.apache.lucene.search.TopDocs all = lucene.search(new DatasetQueryParser().parseQuery(q), 100,
                            sort == SearchRequest.Sort.ID ? byId : newest);
                    List<String> expected = new java.util.ArrayList<>();
                    for (org.apache.lucene.search.ScoreDoc hit : all.scoreDocs) {
                        // Hits are not in document order: a fresh iterator for each.
                        org.apache.lucene.index.SortedDocValues ids = org.apache.lucene.index.MultiDocValues.getSortedValues(reader, SearchSchema.ID);
                        assertTrue(ids.advanceExact(hit.doc));
                        expected.add(ids.lookupOrd(ids.ordValue()).utf8ToString());
                    }
                    assertTrue(expected.size() > 1, q);
                    for (int page = 1; page <= 3; page++) {
                        SearchResult r = index.search(new SearchRequest(q, Map.of(), List.of(), sort, page, 2));
                        assertEquals(expected.subList(Math.min(expected.size(), 2 * page - 2), Math.min(expected.size(), 2 * page)),
                                ids(r), q + " by " + sort + ", page " + page);
                        assertEquals(expected.size(), r.total(), q);
                    }
                }
            }
        }
    }

    @Test
    void suggestionsComeFromTitlesSamplesAndTechniques() {
        List<SearchResult.Suggestion> ptycho = index.suggest("ptych", 5);
        assertEquals(new SearchResult.Suggestion("ptychography", "technique"), ptycho.get(0));
        List<SearchResult.Suggestion> mimi = index.suggest("mim", 5);
        assertEquals(new SearchResult.Suggestion("Mimivirus", "sample"), mimi.get(0));
        List<SearchResult.Suggestion> star = index.suggest("siem", 5);
        assertEquals("Near-field ptychography of a Siemens star at PETRA III P25", star.get(star.size() - 1).text());
        assertTrue(index.suggest("", 5).isEmpty());
        assertTrue(index.suggest("qqq", 5).isEmpty());
    }

    @Test
    void datasetRecordsAreTheDatasetJson() throws Exception {
        JsonNode record = new ObjectMapper().readTree(index.datasetJson("nexus-tooth").orElseThrow());
        assertEquals("Radiograph of a mouse tooth in NeXus format", record.get("title").asText());
        assertEquals("x-ray imaging", record.at("/technique/label").asText());
        assertEquals("keV", record.at("/parameters/0/unit").asText());
        assertEquals(1.2, record.at("/parameters/0/value").asDouble(), 0.0);
        assertEquals("J", record.at("/parameters/0/siUnit").asText());
        assertFalse(record.toString().contains("source"));
        SearchIndex.RecordPage page = index.list(1, 5);
        assertEquals(8, page.total());
        assertEquals(5, page.records().size());
        assertEquals("cxidb-minimal", new ObjectMapper().readTree(page.records().get(0)).get("id").asText());
    }

    @Test
    void rebuildIsPickedUpWhileQueriesRun() throws Exception {
        Path live = dir.resolve("live");
        List<Dataset> before = DemoCollection.datasets();
        SearchIndexWriter.write(DemoCollection.collection(before), live, DatasetLinks.DEFAULT);
        try (SearchIndex swapping = SearchIndex.open(live)) {
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.concurrent.atomic.AtomicLong queries = new java.util.concurrent.atomic.AtomicLong();
            List<Throwable> failures = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            List<Thread> clients = new java.util.ArrayList<>();
            for (int t = 0; t < 3; t++) {
                Thread c = new Thread(() -> {
                    while (!stop.get()) {
                        try {
                            SearchResult r = swapping.search(SearchRequest.of("imaging"));
                            if (r.total() < 1) {
                                failures.add(new AssertionError("no hits during reload"));
                            }
                            queries.incrementAndGet();
                        } catch (Throwable e) {
                            failures.add(e);
                        }
                    }
                });
                c.start();
                clients.add(c);
            }
            for (int round = 0; round < 6; round++) {
                List<Dataset> next = new java.util.ArrayList<>(before);
                next.add(DemoCollection.dataset("added-" + round, "Added imaging dataset " + round, DemoCollection.XRAY_IMAGING,
                        "ESRF", null, null, List.of(), "CC0-1.0", DemoCollection.TODAY, List.of(), "imaging round " + round,
                        null, org.vitrine.core.model.FileKind.NONE));
                SearchIndexWriter.write(DemoCollection.collection(next), live, DatasetLinks.DEFAULT);
                assertTrue(swapping.refresh());
                assertEquals(9, swapping.size());
                assertEquals(1, swapping.search(SearchRequest.of("id:added-" + round)).total());
                if (round > 0) {
                    assertEquals(0, swapping.search(SearchRequest.of("id:added-" + (round - 1))).total());
                }
            }
            stop.set(true);
            for (Thread c : clients) {
                c.join();
            }
            assertEquals(List.of(), failures);
            assertTrue(queries.get() > 6, "queries " + queries.get());
        }
    }

    @Test
    void anIndexFolderReplacedWholesaleIsReopened() throws Exception {
        Path replaced = dir.resolve("replaced");
        SearchIndexWriter.write(DemoCollection.collection(), replaced, DatasetLinks.DEFAULT);
        try (SearchIndex index = SearchIndex.open(replaced)) {
            SearchResult before = index.search(SearchRequest.of("holographic"));
            assertEquals(1, before.total());
            try (var files = java.nio.file.Files.walk(replaced)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            List<Dataset> fewer = DemoCollection.datasets().stream().filter(d -> !d.id().equals("petra-p25-ptycho")).toList();
            SearchIndexWriter.write(DemoCollection.collection(fewer), replaced, DatasetLinks.DEFAULT);
            index.refresh();
            assertEquals(0, index.search(SearchRequest.of("holographic")).total());
            assertEquals(7, index.size());
        }
    }

    @Test
    void aMissingIndexAnswersNothingUntilItAppears() throws Exception {
        Path later = dir.resolve("later");
        try (SearchIndex waiting = SearchIndex.open(later)) {
            assertEquals(0, waiting.search(SearchRequest.of("imaging")).total());
            assertEquals(7, waiting.search(SearchRequest.of("")).facets().size());
            SearchIndexWriter.write(DemoCollection.collection(), later, DatasetLinks.DEFAULT);
            assertTrue(waiting.refresh());
            assertEquals(8, waiting.search(SearchRequest.of("")).total());
            // A collection with nothing public gives an empty index, searched without error.
            SearchIndexWriter.write(DemoCollection.collection(List.of()), later, DatasetLinks.DEFAULT);
            assertTrue(waiting.refresh());
            assertEquals(0, waiting.search(SearchRequest.of("imaging")).total());
            assertEquals(0, waiting.list(1, 10).total());
        }
    }
}
